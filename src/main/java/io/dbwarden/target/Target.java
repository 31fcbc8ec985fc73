package io.dbwarden.target;

import io.dbwarden.alert.LabelSet;
import io.dbwarden.host.HostSpec;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One monitored database server.
 *
 * @param name label-safe name used in reports and metrics
 * @param dsn how to reach it
 * @param labels free-form labels attached to every finding about this target
 * @param host what is declared about the machine it runs on (memory, CPUs, a node_exporter), for memory-sizing
 *             checks; {@link HostSpec#none()} when nothing is
 */
public record Target(String name, Dsn dsn, Map<String, String> labels, HostSpec host) {

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
        host = host == null ? HostSpec.none() : host;
    }

    /** A target with nothing declared about its host. */
    public Target(String name, Dsn dsn, Map<String, String> labels) {
        this(name, dsn, labels, HostSpec.none());
    }

    /** The same target with these host facts declared. */
    public Target withHost(HostSpec declared) {
        return new Target(name, dsn, labels, declared);
    }

    /** A target named after its address, e.g. "127.0.0.1:5432", without labels. */
    public static Target of(Dsn dsn) {
        Objects.requireNonNull(dsn, "dsn");
        return new Target(dsn.defaultName(), dsn, Map.of());
    }
}
