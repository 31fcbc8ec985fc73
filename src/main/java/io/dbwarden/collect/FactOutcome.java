package io.dbwarden.collect;

import java.util.Map;

/** A built-in fact as CEL values, or the sentence that says why it is unknown. */
public record FactOutcome(Map<String, Object> facts, String unknownReason) {
    public FactOutcome {
        if ((facts == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("a fact is either known or unknown with a reason");
        }
    }

    public static FactOutcome known(Map<String, Object> facts) {
        return new FactOutcome(facts, null);
    }

    public static FactOutcome unknown(String reason) {
        return new FactOutcome(null, reason);
    }
}
