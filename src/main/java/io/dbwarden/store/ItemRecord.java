package io.dbwarden.store;

import io.dbwarden.run.ItemStatus;
import java.util.Optional;

/** How one (target, check) pair of a stored run ended; {@code reason} explains an error or a skip. */
public record ItemRecord(long runId, String target, String check, ItemStatus status, Optional<String> reason,
        long millis) {
}
