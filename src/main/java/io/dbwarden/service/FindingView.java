package io.dbwarden.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A finding with its life. {@code fingerprint} is its identity everywhere (the Alertmanager fingerprint of
 * {@code labels}); {@code state} is {@code open}, {@code resolved} or {@code disabled}.
 *
 * @param fields   everything the rule returned for it, as text
 * @param reopened how many times it came back after being resolved
 */
public record FindingView(String fingerprint, String check, String target, String severity, String category,
        String state, Map<String, String> labels, Map<String, String> fields, String summary, String description,
        String remediation, Optional<String> readMore, Instant firstSeen, Instant lastSeen,
        Optional<Instant> resolvedAt, int reopened) {
}
