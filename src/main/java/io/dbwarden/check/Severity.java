package io.dbwarden.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How bad a finding is, from the most to the least severe. */
public enum Severity {
    CRITICAL, ERROR, WARNING, NOTICE, INFO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is as bad as {@code other} or worse. */
    public boolean isAtLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    public static Severity fromId(String id) {
        for (Severity s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + id + "' (expected " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(Severity::id).collect(Collectors.joining(", "));
    }
}
