package io.dbwarden.check;

import io.dbwarden.cel.CompiledRule;
import io.dbwarden.target.Engine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One validated check with its rule already compiled. Only {@link CheckLoader} makes them, so a
 * check that exists is a check that can run.
 */
public record Check(
        String name,
        Engine engine,
        Category category,
        Severity severity,
        Interval interval,
        Requirements requires,
        String summary,
        String description,
        String remediation,
        Optional<String> readMore,
        Map<String, Object> params,
        List<QuerySpec> queries,
        CompiledRule rule,
        String source) {

    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

    public Check {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("check name '" + name + "' must match " + NAME.pattern());
        }
        params = Map.copyOf(params);
        queries = List.copyOf(queries);
    }
}
