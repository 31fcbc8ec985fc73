package io.dbwarden.alert;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Alert labels as Alertmanager holds them: names match {@value #NAME_PATTERN}, values are UTF-8 text. An empty value
 * means "no such label" to Alertmanager (its API drops such labels before fingerprinting), so it is dropped here too
 * and two label sets that differ only by empty values are the same label set. Immutable, sorted by name, fingerprinted
 * once.
 */
public final class LabelSet {

    /** Prometheus' classic label-name syntax, which Alertmanager 0.25 (Debian 12) enforces. */
    public static final String NAME_PATTERN = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    public static final LabelSet EMPTY = of(Map.of());

    private final SortedMap<String, String> labels;
    private final Fingerprint fingerprint;

    private LabelSet(SortedMap<String, String> labels) {
        this.labels = Collections.unmodifiableSortedMap(labels);
        this.fingerprint = Fingerprint.of(labels);
    }

    /** @throws IllegalArgumentException naming the first label whose name is not a valid label name */
    public static LabelSet of(Map<String, String> labels) {
        SortedMap<String, String> sorted = new TreeMap<>();
        labels.forEach((name, value) -> {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a valid label name (" + NAME_PATTERN + ")");
            }
            Objects.requireNonNull(value, () -> "label " + name + " has no value");
            if (!value.isEmpty()) {
                sorted.put(name, wellFormed(value));
            }
        });
        return new LabelSet(sorted);
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Text with every unpaired surrogate replaced by U+FFFD, as Alertmanager's JSON decoder replaces it, so the value
     * we fingerprint is the value it fingerprints.
     */
    private static String wellFormed(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(value.length()).append(value, 0, i);
                }
                out.append(REPLACEMENT_CHARACTER);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    /** The labels, sorted by name. */
    public SortedMap<String, String> asMap() {
        return labels;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(labels.get(name));
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet other && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    /** {@code {alertname="x", severity="warning"}}, the way Prometheus prints a label set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        labels.forEach((name, value) -> sb.append(sb.length() == 1 ? "" : ", ").append(name).append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
        return sb.append('}').toString();
    }
}
