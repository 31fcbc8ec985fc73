package io.dbwarden.store;

import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stored finding with its life.
 *
 * @param reopened how many times it came back after being resolved
 */
public record FindingRecord(String fingerprint, String check, String target, Severity severity, Category category,
        Map<String, String> labels, Map<String, String> fields, String summary, String description,
        String remediation, Optional<String> readMore, FindingState state, Instant firstSeen, Instant lastSeen,
        Optional<Instant> resolvedAt, int reopened) {
}
