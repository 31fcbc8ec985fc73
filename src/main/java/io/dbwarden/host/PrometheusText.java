package io.dbwarden.host;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A lenient reader of the Prometheus text exposition format (version 0.0.4). Lines it cannot read are
 * skipped rather than failing the whole scrape, because exporters add their own metrics and one odd line
 * should not hide the ones dbwarden needs.
 */
final class PrometheusText {

    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?i:inf|infinity)|(?i:nan)");

    /** One sample line; {@code value} is the text as exposed, e.g. {@code 2.5e+10}, {@code NaN} or {@code +Inf}. */
    record Sample(String name, Map<String, String> labels, String value) {

        /** The value as an exact decimal, or {@code null} for NaN and infinities. */
        BigDecimal finiteValue() {
            return SPECIAL.matcher(value).matches() ? null : new BigDecimal(value);
        }
    }

    private PrometheusText() {
    }

    /** Returns the well-formed samples whose metric name {@code wanted} accepts, in exposition order. */
    static List<Sample> parse(String text, Predicate<String> wanted) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            Sample sample = parseLine(line.strip(), wanted);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    /** Returns the sample on {@code line}, or {@code null} for comments, unwanted metrics and malformed lines. */
    static Sample parseLine(String line, Predicate<String> wanted) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return null;
        }
        Cursor c = new Cursor(line);
        String name = c.identifier(true);
        if (name == null || !wanted.test(name)) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        boolean spaced = c.skipSpaces();
        if (c.peek() == '{') {
            if (!c.labels(labels)) {
                return null;
            }
            spaced = c.skipSpaces();
        }
        if (!spaced) {
            return null;
        }
        String value = c.token();
        if (value == null || !(FLOAT.matcher(value).matches() || SPECIAL.matcher(value).matches())) {
            return null;
        }
        c.skipSpaces();
        String timestamp = c.token();
        if (timestamp != null && !timestamp.matches("-?\\d+")) {
            return null;
        }
        c.skipSpaces();
        return c.atEnd() ? new Sample(name, Map.copyOf(labels), value) : null;
    }

    private static final class Cursor {
        private final String line;
        private int position;

        Cursor(String line) {
            this.line = line;
        }

        boolean atEnd() {
            return position >= line.length();
        }

        char peek() {
            return atEnd() ? '\0' : line.charAt(position);
        }

        /** Skips spaces and tabs; returns whether there were any. */
        boolean skipSpaces() {
            int start = position;
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                position++;
            }
            return position > start;
        }

        /** A metric name (colons allowed) or label name, or {@code null} if none starts here. */
        String identifier(boolean metricName) {
            int start = position;
            while (!atEnd()) {
                char ch = peek();
                boolean letter = ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
                        || (metricName && ch == ':');
                boolean digit = ch >= '0' && ch <= '9';
                if (!(letter || (digit && position > start))) {
                    break;
                }
                position++;
            }
            return position > start ? line.substring(start, position) : null;
        }

        /** Reads {@code {name="value",...}} into {@code labels}; returns false if malformed. */
        boolean labels(Map<String, String> labels) {
            position++; // '{'
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    position++;
                    return true;
                }
                String label = identifier(false);
                if (label == null) {
                    return false;
                }
                skipSpaces();
                if (peek() != '=') {
                    return false;
                }
                position++;
                skipSpaces();
                String value = quoted();
                if (value == null) {
                    return false;
                }
                labels.put(label, value);
                skipSpaces();
                if (peek() == ',') {
                    position++;
                } else if (peek() != '}') {
                    return false;
                }
            }
        }

        /** A double-quoted label value with \\, \" and \n escapes, or {@code null} if malformed. */
        private String quoted() {
            if (peek() != '"') {
                return null;
            }
            position++;
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char ch = line.charAt(position++);
                if (ch == '"') {
                    return value.toString();
                }
                if (ch == '\\') {
                    if (atEnd()) {
                        return null;
                    }
                    char escaped = line.charAt(position++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(ch);
                }
            }
            return null;
        }

        /** The run of non-blank characters here, or {@code null} at the end of the line. */
        String token() {
            int start = position;
            while (!atEnd() && peek() != ' ' && peek() != '\t') {
                position++;
            }
            return position > start ? line.substring(start, position) : null;
        }
    }
}
