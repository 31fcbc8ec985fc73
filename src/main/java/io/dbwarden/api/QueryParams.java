package io.dbwarden.api;

import io.dbwarden.web.BadRequest;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, read strictly: a parameter the route does not know is refused rather than
 * ignored, because a misspelt filter ({@code ?sevrity=critical}) would otherwise answer with everything.
 */
final class QueryParams {

    /** Long enough to recognise a value in an error message, short enough that a pasted blob does not fill it. */
    private static final int MAX_ECHO = 64;

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    static QueryParams of(Context ctx, Set<String> known) {
        Map<String, List<String>> values = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new BadRequest("unknown query parameter '" + e.getKey() + "'" + (known.isEmpty()
                        ? "; " + ctx.method().name() + " " + ctx.path() + " takes none"
                        : " (expected " + String.join(", ", new TreeSet<>(known)) + ")"));
            }
            if (e.getValue().size() > 1) {
                throw new BadRequest("query parameter '" + e.getKey() + "' is given " + e.getValue().size()
                        + " times; give it once");
            }
        }
        return new QueryParams(values);
    }

    /** The parameter's value; present but empty ({@code ?target=}) is refused, as it is surely a mistake. */
    Optional<String> text(String name) {
        List<String> given = values.get(name);
        if (given == null) {
            return Optional.empty();
        }
        String value = given.getFirst();
        if (value.isBlank()) {
            throw new BadRequest("query parameter '" + name + "' is empty; leave it out or give a value");
        }
        return Optional.of(value);
    }

    /** A whole number from {@code min} to {@code max}. */
    Optional<Integer> number(String name, int min, int max) {
        return text(name).map(text -> {
            int value;
            try {
                value = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new BadRequest("query parameter '" + name + "' must be a whole number, got '" + shorten(text) + "'");
            }
            if (value < min || value > max) {
                throw new BadRequest("query parameter '" + name + "' must be between " + min + " and " + max
                        + ", got " + value);
            }
            return value;
        });
    }

    static String shorten(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
