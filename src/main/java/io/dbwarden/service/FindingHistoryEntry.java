package io.dbwarden.service;

import java.time.Instant;
import java.util.Optional;

/**
 * One event of a finding's life: {@code opened}, {@code seen}, {@code resolved}, {@code reopened} or
 * {@code disabled}; {@code runId} is empty for an operator's action and for runs pruned since.
 */
public record FindingHistoryEntry(String fingerprint, Optional<Long> runId, Instant at, String event) {
}
