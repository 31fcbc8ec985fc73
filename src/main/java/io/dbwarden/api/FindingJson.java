package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.FindingView;
import java.time.Instant;
import java.util.Map;

/**
 * A finding: {@code fingerprint} is its identity everywhere (the Alertmanager fingerprint of {@code labels});
 * {@code state} is {@code open}, {@code resolved} or {@code disabled}; {@code fields} is everything the rule returned.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FindingJson(String fingerprint, String check, String target, String severity, String category, String state,
        Map<String, String> labels, Map<String, String> fields, String summary, String description,
        String remediation, String readMore, Instant firstSeen, Instant lastSeen, Instant resolvedAt, int reopened) {

    static FindingJson of(FindingView f) {
        return new FindingJson(f.fingerprint(), f.check(), f.target(), f.severity(), f.category(), f.state(),
                f.labels(), f.fields(), f.summary(), f.description(), f.remediation(), f.readMore().orElse(null),
                f.firstSeen(), f.lastSeen(), f.resolvedAt().orElse(null), f.reopened());
    }
}
