package io.dbwarden.store;

import io.dbwarden.app.Names;
import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A finding as one run found it, identified by its fingerprint (the Alertmanager fingerprint of its labels, computed
 * by the engine): what the store records and compares with what it already holds.
 *
 * @param labels the identifying label set the fingerprint was computed from
 * @param fields everything the rule returned for the finding
 */
public record ObservedFinding(String fingerprint, String check, String target, Severity severity, Category category,
        Map<String, String> labels, Map<String, String> fields, String summary, String description,
        String remediation, Optional<String> readMore) {

    /** Alertmanager fingerprints are 16 hex digits; the column leaves room for a longer hash. */
    static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Za-z]{1,64}");

    public ObservedFinding {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("fingerprint '" + fingerprint + "' must be 1 to 64 letters or digits");
        }
        Objects.requireNonNull(check, "check");
        Names.requireTarget(target);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(readMore, "readMore");
    }
}
