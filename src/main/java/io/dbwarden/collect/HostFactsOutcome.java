package io.dbwarden.collect;

import java.util.Map;

/** Host facts as CEL values, or the sentence that says why they are unknown. */
public record HostFactsOutcome(Map<String, Object> facts, String unknownReason) {
    public HostFactsOutcome {
        if ((facts == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("host facts are either known or unknown with a reason");
        }
    }
}
