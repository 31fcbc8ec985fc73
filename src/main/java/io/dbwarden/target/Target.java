package io.dbwarden.target;

import io.dbwarden.alert.LabelSet;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One monitored database server.
 *
 * @param name label-safe name used in reports and metrics
 * @param dsn how to reach it
 * @param labels free-form labels attached to every finding about this target
 */
public record Target(String name, Dsn dsn, Map<String, String> labels) {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.:\\-]+$");

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dsn, "dsn");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "target name '" + name + "' may only contain letters, digits, '_', '.', ':' and '-'");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        for (String label : labels.keySet()) {
            if (!LabelSet.isValidName(label)) {
                throw new IllegalArgumentException("target " + name + ": label name '" + label
                        + "' is not a valid alert label name (" + LabelSet.NAME_PATTERN + ")");
            }
        }
    }

    /** A target named after its address, e.g. "127.0.0.1:5432", without labels. */
    public static Target of(Dsn dsn) {
        Objects.requireNonNull(dsn, "dsn");
        return new Target(dsn.defaultName(), dsn, Map.of());
    }
}
