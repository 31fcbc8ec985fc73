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
        return new FindingFilter(text(target), text(check),
                text(severity).map(v -> parseValue("severity", v, Severity::fromId, Severity.ids())),
                text(category).map(v -> parseValue("category", v, Category::fromId, CATEGORIES)),
                text(state).map(v -> parseValue("state", v, FindingFilter::state, STATES)),
                text(limit).map(v -> number("limit", v)).orElse(DEFAULT_LIMIT),
                text(offset).map(v -> number("offset", v)).orElse(0));
    }

    private static final String CATEGORIES = java.util.Arrays.stream(Category.values()).map(Category::id)
            .collect(java.util.stream.Collectors.joining(", "));
    private static final String STATES = java.util.Arrays.stream(FindingState.values()).map(FindingState::id)
            .collect(java.util.stream.Collectors.joining(", "));

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static <T> T parseValue(String what, String value, java.util.function.Function<String, T> parse,
            String allowed) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(what + " must be one of " + allowed + ", not '" + value + "'");
        }
    }

    private static FindingState state(String id) {
        for (FindingState s : FindingState.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static int number(String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ServiceException.invalid(what + " must be a whole number, not '" + value + "'");
        }
    }
}
