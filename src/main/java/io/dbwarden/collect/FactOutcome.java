package io.dbwarden.collect;

import io.dbwarden.fact.Unavailable;
import java.util.Map;

/** A built-in fact as CEL values, or why it is unavailable. Exactly one of the two is set. */
public record FactOutcome(Map<String, Object> facts, Unavailable unavailable) {
    public FactOutcome {
        if ((facts == null) == (unavailable == null)) {
            throw new IllegalArgumentException("a fact is either known or unavailable with a reason");
        }
    }

    public static FactOutcome known(Map<String, Object> facts) {
        return new FactOutcome(facts, null);
    }

    public static FactOutcome unavailable(Unavailable why) {
        return new FactOutcome(null, why);
    }

    public boolean isKnown() {
        return facts != null;
    }

    /** The sentence of an unavailable fact, {@code null} for a known one. */
    public String unknownReason() {
        return unavailable == null ? null : unavailable.detail();
    }
}
