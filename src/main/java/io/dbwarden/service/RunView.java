package io.dbwarden.service;

import java.time.Instant;
import java.util.Optional;

/**
 * A run: what started it, for what, where it is ({@code queued}, {@code running}, {@code finished},
 * {@code interrupted}, {@code failed}) and its progress.
 *
 * @param trigger    {@code schedule}, {@code manual} or {@code cli}
 * @param itemsTotal (target, check) pairs planned, known once it starts
 * @param itemsDone  pairs whose outcome is recorded
 * @param itemErrors pairs that ended {@code error}
 * @param error      why the run failed or was interrupted
 */
public record RunView(long id, String trigger, Optional<String> target, Optional<String> check, String requestedBy,
        String status, Instant queuedAt, Optional<Instant> startedAt, Optional<Instant> finishedAt, int itemsTotal,
        int itemsDone, Optional<String> error) {
}
