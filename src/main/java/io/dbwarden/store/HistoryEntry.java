package io.dbwarden.store;

import java.time.Instant;
import java.util.Optional;

/** One event in a finding's life; {@code runId} is empty for operator actions and for runs pruned since. */
public record HistoryEntry(String fingerprint, Optional<Long> runId, Instant at, FindingEvent event) {
}
