package io.dbwarden.report;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A run as a CI comment: a summary table, then per target its findings and failed checks. */
public final class MarkdownRunFormatter implements RunFormatter {

    private static final String NONE = "—";

    @Override
    public void write(RunReport report, PrintStream out) {
        out.println("# dbwarden report");
        out.println();
        out.println("Trigger: " + MarkdownText.cell(report.trigger().id()) + ", started " + report.startedAt() + ".");
        out.println();
        out.println("**" + MarkdownText.cell(SummaryLine.of(report)) + "**");
        out.println();
        writeSummaryTable(report, out);
        for (TargetReport target : report.targets()) {
            out.println();
            writeTarget(target, out);
        }
        out.flush();
    }

    private static void writeSummaryTable(RunReport report, PrintStream out) {
        List<String> columns = new ArrayList<>(List.of("Target", "Engine", "Version", "Status"));
        for (Severity s : Severity.values()) {
            columns.add("#" + s.id());
        }
        columns.addAll(List.of("#failed checks", "#skipped"));
        out.println(MarkdownText.header(columns));
        for (TargetReport t : report.targets()) {
            List<String> cells = new ArrayList<>(List.of(MarkdownText.cell(t.target()), MarkdownText.cell(t.engine()),
                    t.version().map(MarkdownText::cell).orElse(NONE), t.failed() ? "could not be checked" : "checked"));
            List<Finding> findings = t.items().stream().flatMap(i -> i.findings().stream()).toList();
            for (Severity s : Severity.values()) {
                cells.add(Long.toString(findings.stream().filter(f -> f.severity() == s).count()));
            }
            cells.add(Long.toString(count(t.items(), ItemStatus.ERROR)));
            cells.add(Long.toString(count(t.items(), ItemStatus.SKIPPED)));
            out.println(MarkdownText.row(cells));
        }
    }

    /** Every block opens with its own blank line, so blocks that are left out leave no gaps. */
    private static void writeTarget(TargetReport target, PrintStream out) {
        out.println("## " + MarkdownText.cell(target.target()));
        out.println();
        out.println(MarkdownText.cell(target.engine()) + target.version().map(v -> " " + MarkdownText.cell(v)).orElse("")
                + " at " + MarkdownText.cell(target.endpoint()));
        if (target.failed()) {
            out.println();
            out.println("> **Could not be checked:** " + MarkdownText.cell(target.failure().orElseThrow()));
        }
        List<Finding> findings = FindingGroups.sorted(target.items());
        if (!findings.isEmpty()) {
            out.println();
            out.println(MarkdownText.header(List.of("Severity", "Check", "Object", "Summary", "Remediation")));
            for (Finding f : findings) {
                out.println(MarkdownText.row(List.of(f.severity().id(), MarkdownText.code(f.check()),
                        MarkdownText.cell(f.object()), MarkdownText.cell(f.summary()), MarkdownText.cell(f.remediation()))));
            }
        } else if (!target.failed()) {
            out.println();
            out.println("No findings.");
        }
        writeFailedChecks(target.items(), out);
        SkippedItems skipped = SkippedItems.of(target.items());
        if (!skipped.isEmpty()) {
            out.println();
            out.println("Skipped " + SummaryLine.plural(skipped.count(), "check") + ": "
                    + MarkdownText.cell(skipped.reasonsText()));
        }
    }

    private static void writeFailedChecks(List<RunItem> items, PrintStream out) {
        List<RunItem> failed = items.stream().filter(i -> i.status() == ItemStatus.ERROR).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.println();
        out.println("**Failed checks**");
        out.println();
        out.println(MarkdownText.header(List.of("Check", "Reason")));
        for (RunItem item : failed) {
            out.println(MarkdownText.row(List.of(MarkdownText.code(item.check()), MarkdownText.cell(item.reason().orElse("")))));
        }
    }

    private static long count(List<RunItem> items, ItemStatus status) {
        return items.stream().filter(i -> i.status() == status).count();
    }
}
