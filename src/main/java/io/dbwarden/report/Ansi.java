package io.dbwarden.report;

import io.dbwarden.check.Severity;

/** Terminal styling that collapses to plain text when colour is off, so no escape code leaks into files or pipes. */
final class Ansi {

    private static final String RESET = "\u001b[0m";

    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    static Ansi of(boolean enabled) {
        return new Ansi(enabled);
    }

    String bold(String text) {
        return style("1", text);
    }

    String red(String text) {
        return style("31", text);
    }

    String green(String text) {
        return style("32", text);
    }

    String dim(String text) {
        return style("2", text);
    }

    String severity(Severity severity, String text) {
        return switch (severity) {
            case CRITICAL -> style("1;31", text);
            case ERROR -> style("31", text);
            case WARNING -> style("33", text);
            case NOTICE -> style("36", text);
            case INFO -> style("34", text);
        };
    }

    private String style(String code, String text) {
        return enabled && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
