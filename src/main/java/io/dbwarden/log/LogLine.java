package io.dbwarden.log;

/**
 * One structured log message: an event name then {@code key=value} pairs, a value quoted (with {@code \"} and
 * {@code \\} escaped) when it holds a space, a quote, an {@code =} or a control character, so a line always parses.
 */
public final class LogLine {

    private final StringBuilder text;

    private LogLine(String event) {
        text = new StringBuilder(event);
    }

    public static LogLine of(String event) {
        return new LogLine(event);
    }

    public LogLine add(String key, Object value) {
        text.append(' ').append(key).append('=').append(quoted(String.valueOf(value)));
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 127)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ' || c == 127) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
