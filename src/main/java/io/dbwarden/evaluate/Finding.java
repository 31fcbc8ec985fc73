package io.dbwarden.evaluate;

import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem a check found on a target. {@code fields} are everything the rule returned for it
 * (the user, the database, the retained bytes…); {@code key} names the fields that identify it.
 * Only those become labels, so a figure that changes between runs does not make the same problem
 * look new. An empty key marks a server-wide finding.
 */
public record Finding(
        String check,
        String target,
        Severity severity,
        Category category,
        Map<String, String> fields,
        List<String> key,
        String summary,
        String description,
        String remediation,
        Optional<String> readMore) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(target, "target");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        key = List.copyOf(key);
    }

    /** A finding whose every field identifies it. */
    public Finding(String check, String target, Severity severity, Category category, Map<String, String> fields,
                   String summary, String description, String remediation, Optional<String> readMore) {
        this(check, target, severity, category, fields, List.copyOf(fields.keySet()), summary, description, remediation,
                readMore);
    }

    /** The identifying fields: what alert labels and fingerprints are made of. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        key.forEach(k -> {
            if (fields.containsKey(k)) {
                labels.put(k, fields.get(k));
            }
        });
        return labels;
    }

    /** The object the finding is about, e.g. {@code user=bob, host=%}; empty for server-wide findings. */
    public String object() {
        StringBuilder sb = new StringBuilder();
        labels().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
