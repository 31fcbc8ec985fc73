package io.dbwarden.service;

import io.dbwarden.check.Check;
import io.dbwarden.store.StoredTarget;
import java.util.List;

/** What a run does on one target: these checks, with the parameters in force there, in one session. */
record TargetWork(StoredTarget target, List<Check> checks) {
    TargetWork {
        checks = List.copyOf(checks);
    }
}
