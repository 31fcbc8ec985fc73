package io.dbwarden.checks;

import io.dbwarden.check.Check;
import io.dbwarden.host.HostSpec;
import io.dbwarden.run.RunReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one built-in check against a real server with some of its params overridden, as a per-check params
 * override in dbwarden.yaml does ({@link Check#withParams}). For thresholds whose default needs more data than a
 * test can write quickly (a 1 GiB table, five minutes of replication lag): the server and its facts are real,
 * only the threshold is lowered.
 */
final class MysqlSchemaCheckRun {

    private MysqlSchemaCheckRun() {
    }

    static RunReport withParams(String dsn, String checkName, Map<String, Object> params, Duration sample) {
        return CheckRun.run(dsn, List.of(CheckRun.withParams(checkName, params)), sample, HostSpec.none());
    }
}
