package io.dbwarden.host;

import java.util.Objects;
import java.util.Optional;

/**
 * Either the host facts or a sentence saying why they are unknown, so memory checks can be skipped with
 * that reason instead of guessing.
 *
 * @param facts         the facts, empty when unknown
 * @param unknownReason {@code null} when the facts are known, otherwise why not, e.g.
 *                      {@code "host memory unknown: pass --host-memory or --node-exporter"}
 */
public record HostFactsResult(Optional<HostFacts> facts, String unknownReason) {

    public HostFactsResult {
        Objects.requireNonNull(facts, "facts must be an Optional, not null");
        if (facts.isPresent() && unknownReason != null) {
            throw new IllegalArgumentException("Known host facts cannot also have an unknown reason: " + unknownReason);
        }
        if (facts.isEmpty() && (unknownReason == null || unknownReason.isBlank())) {
            throw new IllegalArgumentException("Unknown host facts need a reason saying why they are unknown.");
        }
    }

    public static HostFactsResult known(HostFacts facts) {
        return new HostFactsResult(Optional.of(facts), null);
    }

    public static HostFactsResult unknown(String reason) {
        return new HostFactsResult(Optional.empty(), reason);
    }

    public boolean isKnown() {
        return facts.isPresent();
    }
}
