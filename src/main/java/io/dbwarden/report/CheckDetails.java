package io.dbwarden.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dbwarden.check.Check;
import io.dbwarden.check.QuerySpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code dbwarden checks show}: everything about one check, its SQL and rule included. */
final class CheckDetails {

    private CheckDetails() {}

    static void write(Check c, PrintStream out) {
        out.println(c.name());
        TextTable facts = new TextTable(List.of("engine", c.engine().id()))
                .add(List.of("category", c.category().id()))
                .add(List.of("severity", c.severity().id()))
                .add(List.of("interval", c.interval().id()))
                .add(List.of("requires", requires(c)));
        c.readMore().ifPresent(uri -> facts.add(List.of("read more", uri)));
        facts.add(List.of("source", c.source()));
        facts.lines().forEach(line -> out.println("  " + line));
        section(out, "summary", c.summary());
        section(out, "description", c.description());
        section(out, "remediation", c.remediation());
        if (!c.params().isEmpty()) {
            out.println();
            out.println("params");
            new TreeMap<>(c.params()).forEach((k, v) -> out.println(TextBlocks.hanging("  " + k + " = ", value(v))));
        }
        if (!c.queries().isEmpty()) {
            out.println();
            out.println("queries");
            for (QuerySpec q : c.queries()) {
                out.println("  " + q.name() + (q.allDatabases() ? " (in every database)" : "") + ":");
                out.println(TextBlocks.hanging("    ", q.sql()));
            }
        }
        section(out, "rule", c.rule().expression());
        out.flush();
    }

    private static String requires(Check c) {
        List<String> parts = new ArrayList<>();
        c.requires().version().ifPresent(v -> parts.add("version " + v));
        c.requires().flavor().ifPresent(f -> parts.add("flavor " + f.id()));
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static void section(PrintStream out, String title, String text) {
        out.println();
        out.println(title);
        out.println(TextBlocks.hanging("  ", text));
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            try {
                return Json.MAPPER.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                return String.valueOf(v);
            }
        }
        return String.valueOf(v);
    }
}
