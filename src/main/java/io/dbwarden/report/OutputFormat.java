package io.dbwarden.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a run or the check catalog can be written in. */
public enum OutputFormat {
    TEXT, JSON, SARIF, JUNIT, MARKDOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the format with the given id, ignoring case and surrounding blanks. */
    public static OutputFormat fromId(String id) {
        if (id != null) {
            String wanted = id.strip();
            for (OutputFormat f : values()) {
                if (f.id().equalsIgnoreCase(wanted)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown output format '" + id + "' (expected one of: " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(OutputFormat::id).collect(Collectors.joining(", "));
    }
}
