package io.dbwarden.app;

import io.dbwarden.host.HostSpec;
import io.dbwarden.target.Engine;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A monitored server as the configuration file or the API declares it. The DSN is kept as text: password references
 * ({@code ?password=env:NAME}, {@code file:PATH}) are resolved only when connecting, so a target can be declared on a
 * node where the variable is not set. {@link #toString()} never shows an inline password.
 *
 * @param host declared host facts; {@link HostSpec#none()} when there are none
 */
public record TargetDefinition(String name, String dsn, Map<String, String> labels, HostSpec host) {

    /** No real DSN is longer; a longer one is pasted garbage that would otherwise end up in the store. */
    static final int MAX_DSN_LENGTH = 4096;

    public TargetDefinition {
        Names.requireTarget(name);
        if (dsn == null || dsn.isBlank()) {
            throw new IllegalArgumentException("target '" + name + "' has no DSN");
        }
        dsn = dsn.strip();
        if (dsn.length() > MAX_DSN_LENGTH) {
            throw new IllegalArgumentException("target '" + name + "': the DSN is longer than " + MAX_DSN_LENGTH + " characters");
        }
        engineOf(dsn);
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        labels.forEach(Names::requireLabel);
        host = host == null ? HostSpec.none() : host;
    }

    public Engine engine() {
        return engineOf(dsn);
    }

    /** Whether the DSN holds a password itself rather than a reference to one. */
    public boolean hasInlinePassword() {
        return DsnPasswords.hasInline(dsn);
    }

    /** The DSN with any inline password shown as {@code ***}; references stay visible. */
    public String redactedDsn() {
        return DsnPasswords.redact(dsn);
    }

    /** The same target with another DSN (the store swaps a sealed DSN for the real one). */
    public TargetDefinition withDsn(String other) {
        return new TargetDefinition(name, other, labels, host);
    }

    private static Engine engineOf(String dsn) {
        int end = dsn.indexOf("://");
        String scheme = end < 0 ? "" : dsn.substring(0, end).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "postgresql", "postgres" -> Engine.POSTGRESQL;
            case "mysql", "mariadb" -> Engine.MYSQL;
            default -> throw new IllegalArgumentException(
                    "a target DSN must start with postgresql://, postgres://, mysql:// or mariadb://");
        };
    }

    @Override
    public String toString() {
        return "TargetDefinition[name=" + name + ", dsn=" + redactedDsn() + ", labels=" + labels + ", host=" + host + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TargetDefinition t && name.equals(t.name) && dsn.equals(t.dsn)
                && labels.equals(t.labels) && host.equals(t.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dsn, labels, host);
    }
}
