package io.dbwarden.collect;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.version.ServerVersion;
import java.util.Map;
import java.util.Optional;

/**
 * Everything collected from one target in one run. A built-in fact that could not be had is
 * absent from {@code builtins} and says why in {@code unavailable}.
 */
public record TargetFacts(
        ServerVersion version,
        Map<BuiltinFact, Map<String, Object>> builtins,
        Map<BuiltinFact, Unavailable> unavailable,
        Map<QueryKey, QueryOutcome> queries) {

    public TargetFacts {
        builtins = Map.copyOf(builtins);
        unavailable = Map.copyOf(unavailable);
        queries = Map.copyOf(queries);
    }

    public Optional<Map<String, Object>> builtin(BuiltinFact fact) {
        return Optional.ofNullable(builtins.get(fact));
    }

    /** Why a built-in fact is missing; a fact no source supplied at all failed, since every run should have one. */
    public Unavailable whyUnavailable(BuiltinFact fact) {
        Unavailable why = unavailable.get(fact);
        return why != null ? why : new Unavailable.Failed("no source of " + fact.variable() + " facts is configured");
    }
}
