package io.dbwarden.report;

import io.dbwarden.check.Severity;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunReport;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one line that sums a run up, e.g.
 * {@code 28 checks on 2 targets: 3 critical, 1 error, 5 warning, 0 notice, 2 info; 1 check failed, 4 skipped; 412 ms}.
 */
final class SummaryLine {

    private SummaryLine() {}

    static String of(RunReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(plural(report.checks().size(), "check")).append(" on ").append(plural(report.targets().size(), "target"))
                .append(": ").append(severityCounts(report));
        long failed = report.count(ItemStatus.ERROR);
        sb.append("; ").append(plural(failed, "check")).append(" failed, ")
                .append(report.count(ItemStatus.SKIPPED)).append(" skipped");
        long unreachable = report.targets().stream().filter(t -> t.failed()).count();
        if (unreachable > 0) {
            sb.append("; ").append(plural(unreachable, "target")).append(" could not be checked");
        }
        return sb.append("; ").append(report.millis()).append(" ms").toString();
    }

    /** {@code 3 critical, 1 error, 5 warning, 0 notice, 2 info}: every severity, zeros included, so columns line up run to run. */
    static String severityCounts(RunReport report) {
        StringJoiner joiner = new StringJoiner(", ");
        for (Map.Entry<Severity, Integer> e : report.findingsBySeverity().entrySet()) {
            joiner.add(e.getValue() + " " + e.getKey().id());
        }
        return joiner.toString();
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
