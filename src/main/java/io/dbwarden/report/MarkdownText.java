package io.dbwarden.report;

import java.util.List;
import java.util.stream.Collectors;

/** Escaping and tables for GitHub-flavoured Markdown. */
final class MarkdownText {

    private MarkdownText() {}

    /**
     * Text safe inside a table cell: characters Markdown would take as markup are backslash-escaped
     * ({@code GRANT ALL ON *.*} must not turn into emphasis, a {@code |} must not split the cell) and
     * line breaks become {@code <br>}. Underscores and braces are left alone: GFM ignores
     * underscores inside words, and {@code {{placeholders}}} must read as they are written.
     */
    static String cell(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        String stripped = text.strip();
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            switch (c) {
                case '\\', '|', '*', '`', '<', '>', '[', ']' -> sb.append('\\').append(c);
                case '\r' -> {
                    if (i + 1 >= stripped.length() || stripped.charAt(i + 1) != '\n') {
                        sb.append("<br>");
                    }
                }
                case '\n' -> sb.append("<br>");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A check name as inline code; names are {@code [a-z][a-z0-9_]*}, so no escaping is needed. */
    static String code(String name) {
        return "`" + name + "`";
    }

    static String row(List<String> cells) {
        return cells.stream().collect(Collectors.joining(" | ", "| ", " |"));
    }

    /** The header row and its delimiter row; a column whose name starts with '#' is right-aligned and loses the '#'. */
    static String header(List<String> columns) {
        String names = row(columns.stream().map(c -> c.startsWith("#") ? c.substring(1) : c).toList());
        String rule = row(columns.stream().map(c -> c.startsWith("#") ? "--:" : "---").toList());
        return names + "\n" + rule;
    }
}
