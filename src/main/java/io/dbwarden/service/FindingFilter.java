package io.dbwarden.service;

import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import io.dbwarden.store.FindingState;
import java.util.Objects;
import java.util.Optional;

/**
 * Which findings to list, and which page: most recently seen first, {@code limit} from {@code offset}.
 * {@link #parse} reads it from text (query parameters) with a specific message for each bad value.
 */
public record FindingFilter(Optional<String> target, Optional<String> check, Optional<Severity> severity,
        Optional<Category> category, Optional<FindingState> state, int limit, int offset) {

    /** A page when none is asked for. */
    public static final int DEFAULT_LIMIT = 100;
    /** A page larger than this would make one call hold a large part of the table in memory. */
    public static final int MAX_LIMIT = 1000;

    public FindingFilter {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(state, "state");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ServiceException.invalid("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw ServiceException.invalid("offset must not be negative, got " + offset);
        }
    }

    /** Every finding, first page. */
    public static FindingFilter all() {
        return new FindingFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_LIMIT, 0);
    }

    /**
     * Reads a filter from text; null or blank means "any" (and the default page).
     *
     * @throws ServiceException INVALID naming the parameter and the values it takes
     */
    public static FindingFilter parse(String target, String check, String severity, String category, String state,
            String limit, String offset) {
        throw new UnsupportedOperationException("not yet");
    }
}
