package io.dbwarden.check;

import io.dbwarden.cel.CompiledRule;
import io.dbwarden.target.Engine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One validated check with its rule already compiled. {@code key} names the output fields that
 * identify a finding; without it every field does, and an empty key makes findings server-wide. Only {@link CheckLoader} makes them, so a
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
        Optional<List<String>> key,
        String source) {

    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

    public Check {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("check name '" + name + "' must match " + NAME.pattern());
        }
        params = Map.copyOf(params);
        queries = List.copyOf(queries);
        key = key.map(List::copyOf);
    }

    /**
     * This check with some params replaced, as a per-check override in the configuration does.
     * Only declared params can be overridden, so a typo cannot silently leave a default in force.
     */
    public Check withParams(Map<String, Object> overrides) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(params);
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            if (!params.containsKey(e.getKey())) {
                throw new IllegalArgumentException("check " + name + " has no parameter '" + e.getKey()
                        + "' (it has " + String.join(", ", new java.util.TreeSet<>(params.keySet())) + ")");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new Check(name, engine, category, severity, interval, requires, summary, description, remediation,
                readMore, merged, queries, rule, key, source);
    }
}
