package io.dbwarden.collect;

import io.dbwarden.cel.BuiltinFact;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** What to read from one target in one run: the built-in facts and the distinct queries its due checks need. */
public record CollectionPlan(Set<BuiltinFact> facts, Set<QueryKey> queries, Duration sample) {
    public CollectionPlan {
        facts = facts.isEmpty() ? EnumSet.noneOf(BuiltinFact.class) : EnumSet.copyOf(facts);
        queries = new LinkedHashSet<>(queries);
    }

    public boolean needs(BuiltinFact fact) {
        return facts.contains(fact);
    }
}
