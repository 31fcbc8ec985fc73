package io.dbwarden.report;

import java.util.Objects;

/** Picks the formatter for an output format. */
public final class RunFormatters {

    private RunFormatters() {}

    /** {@code colour} only affects {@link OutputFormat#TEXT}; pass true only when the output is a terminal. */
    public static RunFormatter forFormat(OutputFormat format, boolean colour) {
        return switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> new TextRunFormatter(colour);
            case JSON -> new JsonRunFormatter();
            case SARIF -> new SarifRunFormatter();
            case JUNIT -> new JunitRunFormatter();
            case MARKDOWN -> new MarkdownRunFormatter();
        };
    }
}
