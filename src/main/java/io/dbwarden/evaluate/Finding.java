package io.dbwarden.evaluate;

import io.dbwarden.alert.AlertLabels;
import io.dbwarden.alert.Fingerprint;
import io.dbwarden.alert.LabelSet;
import io.dbwarden.alert.LabelValues;
import io.dbwarden.cel.CelValues;
import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import io.dbwarden.target.Engine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem a check found on a target.
 *
 * <p>{@code fields} are everything the rule returned for it, with their CEL types (String, Long, Double, Boolean,
 * List, Map; null for CEL null); {@code key} names the fields that identify it. Its {@link #labels()} are its alert
 * label set ({@link AlertLabels}), computed once here; only the key fields go into them, so a figure that changes
 * between runs does not make the same problem look new. Its {@link #fingerprint()} is the Alertmanager fingerprint
 * of those labels: the one identity every report and store uses.
 */
public final class Finding {

    private final String check;
    private final String target;
    private final Severity severity;
    private final Category category;
    private final Map<String, Object> fields;
    private final Map<String, String> texts;
    private final List<String> key;
    private final String summary;
    private final String description;
    private final String remediation;
    private final Optional<String> readMore;
    private final LabelSet labels;

    /**
     * @param fields typed values as {@link FieldValues#fromCel} makes them
     * @param key the identifying fields; a key field the finding lacks is left out
     * @throws IllegalArgumentException when a target label or key field name is not a valid label name
     */
    public Finding(String check, Category category, Engine engine, String target, Map<String, String> targetLabels,
                   Severity severity, Map<String, ?> fields, List<String> key,
                   String summary, String description, String remediation, Optional<String> readMore) {
        this.check = Objects.requireNonNull(check, "check");
        this.target = Objects.requireNonNull(target, "target");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.category = Objects.requireNonNull(category, "category");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.texts = Collections.unmodifiableMap(textsOf(this.fields));
        this.key = List.copyOf(key);
        this.summary = Objects.requireNonNull(summary, "summary");
        this.description = Objects.requireNonNull(description, "description");
        this.remediation = Objects.requireNonNull(remediation, "remediation");
        this.readMore = Objects.requireNonNull(readMore, "readMore");
        this.labels = AlertLabels.of(check, severity.id(), target, engine.id(), category.id(), targetLabels, keyValues());
    }

    /** The fields as messages show them ({@link CelValues#display}): what the templates are filled with. */
    static Map<String, String> textsOf(Map<String, ?> fields) {
        Map<String, String> texts = new LinkedHashMap<>();
        fields.forEach((name, value) -> texts.put(name, CelValues.display(value)));
        return texts;
    }

    public String check() {
        return check;
    }

    public String target() {
        return target;
    }

    public Severity severity() {
        return severity;
    }

    public Category category() {
        return category;
    }

    /** What the rule returned, typed; null values are CEL nulls. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The fields as they read in messages, e.g. {@code 0.25} as "0.25" and a list as "a, b". */
    public Map<String, String> texts() {
        return texts;
    }

    public List<String> key() {
        return key;
    }

    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }

    public String remediation() {
        return remediation;
    }

    public Optional<String> readMore() {
        return readMore;
    }

    /** The alert label set: fixed labels, the target's labels and the key fields. */
    public LabelSet labels() {
        return labels;
    }

    public Fingerprint fingerprint() {
        return labels.fingerprint();
    }

    /** The identifying fields in label form, by field name, in key order. */
    public Map<String, String> keyValues() {
        Map<String, String> values = new LinkedHashMap<>();
        key.forEach(k -> {
            if (fields.containsKey(k)) {
                values.put(k, LabelValues.of(fields.get(k)));
            }
        });
        return values;
    }

    /** The object the finding is about, e.g. {@code user=bob, host=%}; empty for server-wide findings. */
    public String object() {
        StringBuilder sb = new StringBuilder();
        keyValues().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Finding" + labels;
    }
}
