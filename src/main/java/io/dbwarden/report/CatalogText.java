package io.dbwarden.report;

import io.dbwarden.check.Check;
import java.io.PrintStream;
import java.util.List;

/** {@code dbwarden checks list}: one aligned line per check. */
final class CatalogText {

    static final int MAX_DESCRIPTION = 80;

    private CatalogText() {}

    static void write(List<Check> checks, PrintStream out) {
        TextTable table = new TextTable(List.of("NAME", "ENGINE", "CATEGORY", "SEVERITY", "INTERVAL", "DESCRIPTION"));
        for (Check c : CatalogOrder.sorted(checks)) {
            table.add(List.of(c.name(), c.engine().id(), c.category().id(), c.severity().id(), c.interval().id(),
                    shorten(Sentences.first(c.description()))));
        }
        table.lines().forEach(out::println);
        out.println(SummaryLine.plural(checks.size(), "check"));
        out.flush();
    }

    private static String shorten(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 3).stripTrailing() + "...";
    }
}
