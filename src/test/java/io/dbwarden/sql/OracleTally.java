package io.dbwarden.sql;

import io.dbwarden.sql.ServerReading.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the guard decided against what the server read, text by text, and a summary to print. */
final class OracleTally {

    /** How many false refusals the summary quotes. */
    private static final int EXAMPLES = 12;

    private final String name;
    private final Map<Verdict, int[]> acceptedAndRefused = new EnumMap<>(Verdict.class);
    private final List<String> violations = new ArrayList<>();
    private final List<String> falseRefusals = new ArrayList<>();
    private int texts;

    OracleTally(String name) {
        this.name = name;
    }

    void record(String session, String sql, String refusal, ServerReading reading) {
        texts++;
        boolean accepted = refusal == null;
        acceptedAndRefused.computeIfAbsent(reading.verdict(), v -> new int[2])[accepted ? 0 : 1]++;
        if (accepted && reading.verdict().dangerous) {
            violations.add(session + ": the guard accepted " + quoted(sql) + " but the server reads "
                    + reading.verdict() + " (" + reading.detail() + ")");
        }
        if (!accepted && reading.verdict() == Verdict.READ) {
            falseRefusals.add(quoted(sql) + " refused: " + refusal);
        }
    }

    List<String> violations() {
        return violations;
    }

    /** How many texts the server read with this verdict and the guard refused. */
    int refused(Verdict verdict) {
        return acceptedAndRefused.getOrDefault(verdict, new int[2])[1];
    }

    int accepted(Verdict verdict) {
        return acceptedAndRefused.getOrDefault(verdict, new int[2])[0];
    }

    String summary() {
        StringBuilder out = new StringBuilder(name + ": " + texts + " texts given to the server and the guard\n");
        acceptedAndRefused.forEach((verdict, counts) -> out.append(String.format("  server %-18s guard accepted %4d,"
                + " refused %4d%n", verdict, counts[0], counts[1])));
        out.append("  false refusals (the server reads a single read-only statement): ").append(falseRefusals.size())
                .append('\n');
        falseRefusals.stream().limit(EXAMPLES).forEach(f -> out.append("    ").append(f).append('\n'));
        return out.toString();
    }

    /** The text with control and non-ASCII characters as {@code \}{@code uXXXX}, on one line. */
    static String quoted(String sql) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : sql.toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
