package io.dbwarden.collect;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.version.ServerVersion;
import java.util.Map;
import java.util.Optional;

/**
 * Everything collected from one target in one run. A built-in fact that could not be had is
 * absent from {@code builtins} and has a sentence in {@code unavailable}.
 */
public record TargetFacts(
        ServerVersion version,
        Map<BuiltinFact, Map<String, Object>> builtins,
        Map<BuiltinFact, String> unavailable,
        Map<QueryKey, QueryOutcome> queries) {

    public TargetFacts {
        builtins = Map.copyOf(builtins);
        unavailable = Map.copyOf(unavailable);
        queries = Map.copyOf(queries);
    }

    public Optional<Map<String, Object>> builtin(BuiltinFact fact) {
        return Optional.ofNullable(builtins.get(fact));
    }
}
