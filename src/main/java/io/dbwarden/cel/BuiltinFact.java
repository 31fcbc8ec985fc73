package io.dbwarden.cel;

import java.util.Locale;
import java.util.Optional;

/**
 * Facts every rule may read besides its own queries. Each is collected only when a due check
 * refers to it, because some are expensive (rates need two samples some time apart).
 */
public enum BuiltinFact {
    TARGET, VERSION, VARIABLES, STATUS, RATES, HOST, TLS, RELEASES, PARAMS;

    public String variable() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BuiltinFact> forVariable(String name) {
        for (BuiltinFact f : values()) {
            if (f.variable().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
