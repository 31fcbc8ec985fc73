package io.dbwarden.store;

import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import java.util.Objects;
import java.util.Optional;

/** Filters and a page for listing findings, newest last-seen first. */
public record FindingQuery(Optional<String> target, Optional<String> check, Optional<Severity> severity,
        Optional<Category> category, Optional<FindingState> state, int limit, int offset) {

    /** A page larger than this would make one API call hold the whole table in memory. */
    public static final int MAX_LIMIT = 10_000;

    public FindingQuery {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(state, "state");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** Every finding in the given state, up to {@link #MAX_LIMIT}. */
    public static FindingQuery inState(FindingState state) {
        return new FindingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(state), MAX_LIMIT, 0);
    }

    public static FindingQuery all() {
        return new FindingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), MAX_LIMIT, 0);
    }
}
