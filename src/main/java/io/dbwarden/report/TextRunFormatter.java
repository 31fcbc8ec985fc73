package io.dbwarden.report;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report a DBA reads in a terminal: per target its findings by severity, then one summary line. */
public final class TextRunFormatter implements RunFormatter {

    private final Ansi ansi;

    public TextRunFormatter(boolean colour) {
        this.ansi = Ansi.of(colour);
    }

    @Override
    public void write(RunReport report, PrintStream out) {
        for (TargetReport target : report.targets()) {
            writeTarget(target, out);
            out.println();
        }
        out.println(ansi.bold(SummaryLine.of(report)));
        out.flush();
    }

    private void writeTarget(TargetReport target, PrintStream out) {
        String version = target.version().map(v -> " " + v).orElse("");
        out.println(ansi.bold(target.target()) + "  " + target.engine() + version + "  " + ansi.dim(target.endpoint()));
        if (target.failed()) {
            out.println(ansi.red(TextBlocks.hanging("  could not be checked: ", target.failure().orElseThrow())));
        }
        Map<Severity, List<Finding>> groups = FindingGroups.bySeverity(target.items());
        if (groups.isEmpty() && !target.failed()) {
            out.println("  " + ansi.green("no findings"));
        }
        groups.forEach((severity, findings) -> writeGroup(severity, findings, out));
        writeFailedChecks(target.items(), out);
        SkippedItems skipped = SkippedItems.of(target.items());
        if (!skipped.isEmpty()) {
            out.println(ansi.dim("  " + skipped.count() + " skipped: " + skipped.reasonsText()));
        }
    }

    private void writeGroup(Severity severity, List<Finding> findings, PrintStream out) {
        out.println("  " + ansi.severity(severity, severity.id().toUpperCase(Locale.ROOT)) + " (" + findings.size() + ")");
        for (Finding f : findings) {
            String object = f.object();
            out.println("    " + ansi.bold(f.check()) + (object.isEmpty() ? "" : "  " + object));
            out.println(TextBlocks.hanging("      ", f.summary()));
            out.println(TextBlocks.hanging("      fix: ", f.remediation()));
        }
    }

    private void writeFailedChecks(List<RunItem> items, PrintStream out) {
        List<RunItem> failed = items.stream().filter(i -> i.status() == ItemStatus.ERROR).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.println("  " + ansi.red("failed checks") + " (" + failed.size() + ")");
        for (RunItem item : failed) {
            out.println(TextBlocks.hanging("    " + item.check() + ": ", item.reason().orElse("")));
        }
    }
}
