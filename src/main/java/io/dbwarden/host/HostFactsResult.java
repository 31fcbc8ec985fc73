package io.dbwarden.host;

import io.dbwarden.fact.Unavailable;
import java.util.Objects;
import java.util.Optional;

/**
 * Either the host facts or why they are unavailable, so memory checks can be skipped (nothing configured) or fail
 * (a configured node_exporter did not answer) with that reason instead of guessing.
 *
 * @param facts       the facts, empty when unavailable
 * @param unavailable {@code null} when the facts are known, otherwise why not
 */
public record HostFactsResult(Optional<HostFacts> facts, Unavailable unavailable) {

    public HostFactsResult {
        Objects.requireNonNull(facts, "facts must be an Optional, not null");
        if (facts.isPresent() == (unavailable != null)) {
            throw new IllegalArgumentException("host facts are either known or unavailable with a reason");
        }
    }

    public static HostFactsResult known(HostFacts facts) {
        return new HostFactsResult(Optional.of(facts), null);
    }

    public static HostFactsResult unavailable(Unavailable why) {
        return new HostFactsResult(Optional.empty(), Objects.requireNonNull(why, "why"));
    }

    public boolean isKnown() {
        return facts.isPresent();
    }

    /** The sentence of unavailable facts, {@code null} for known ones. */
    public String unknownReason() {
        return unavailable == null ? null : unavailable.detail();
    }
}
