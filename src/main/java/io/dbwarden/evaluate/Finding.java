package io.dbwarden.evaluate;

import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem a check found on a target. {@code fields} are the finding's own keys (the user,
 * the database, the setting…) as the rule returned them; they become alert labels.
 */
public record Finding(
        String check,
        String target,
        Severity severity,
        Category category,
        Map<String, String> fields,
        String summary,
        String description,
        String remediation,
        Optional<String> readMore) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(target, "target");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The object the finding is about, e.g. {@code user=bob, host=%}; empty for server-wide findings. */
    public String object() {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!k.equals("severity")) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }
}
