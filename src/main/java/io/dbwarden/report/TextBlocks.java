package io.dbwarden.report;

/** Plain-text helpers shared by the terminal formatters. */
final class TextBlocks {

    private TextBlocks() {}

    /**
     * Puts {@code first} before the first line of {@code text} and indents the other lines to line
     * up under it, so multi-line SQL stays readable.
     */
    static String hanging(String first, String text) {
        String pad = " ".repeat(first.length());
        String[] lines = text.strip().split("\\R", -1);
        StringBuilder sb = new StringBuilder(first).append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            sb.append('\n');
            if (!lines[i].isBlank()) {
                sb.append(pad).append(lines[i]);
            }
        }
        return sb.toString();
    }
}
