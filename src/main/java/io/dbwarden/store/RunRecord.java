package io.dbwarden.store;

import io.dbwarden.run.RunTrigger;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored run.
 *
 * @param itemsTotal (target, check) pairs planned, known once the run starts
 * @param itemsDone  pairs whose outcome is recorded
 * @param nodeId     the service node executing it
 * @param error      why it failed or was interrupted
 */
public record RunRecord(long id, RunTrigger trigger, Optional<String> target, Optional<String> check,
        String requestedBy, RunStatus status, Instant queuedAt, Optional<Instant> startedAt,
        Optional<Instant> finishedAt, int itemsTotal, int itemsDone, Optional<String> nodeId,
        Optional<Instant> heartbeatAt, Optional<String> error) {
}
