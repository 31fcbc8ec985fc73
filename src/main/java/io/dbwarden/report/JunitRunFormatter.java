package io.dbwarden.report;

import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML for CI test reports: a suite per target, a test case per check. A target that could
 * not be checked gets an extra erring case named {@value #UNREACHABLE_CASE}, so it cannot pass as a green, empty suite.
 */
public final class JunitRunFormatter implements RunFormatter {

    static final String UNREACHABLE_CASE = "connect";

    @Override
    public void write(RunReport report, PrintStream out) {
        // Bytes, not chars: the declaration says UTF-8 whatever charset the stream was opened with.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XmlOut xml = new XmlOut(bytes);
        Counts total = Counts.of(report.items(), report.targets().stream().filter(TargetReport::failed).count());
        xml.start("testsuites").attribute("name", "dbwarden");
        total.writeTo(xml, report.millis());
        for (TargetReport target : report.targets()) {
            writeSuite(target, xml);
        }
        xml.end().finish();
        out.write(bytes.toByteArray(), 0, bytes.size());
        out.flush();
    }

    private static void writeSuite(TargetReport target, XmlOut xml) {
        long itemMillis = target.items().stream().mapToLong(RunItem::millis).sum();
        xml.start("testsuite").attribute("name", target.target());
        Counts.of(target.items(), target.failed() ? 1 : 0).writeTo(xml, Math.max(itemMillis, target.stats().totalMillis()));
        xml.start("properties");
        property(xml, "engine", target.engine());
        property(xml, "endpoint", target.endpoint());
        target.version().ifPresent(v -> property(xml, "version", v));
        xml.end();
        String classname = "dbwarden." + target.target();
        if (target.failed()) {
            String reason = target.failure().orElseThrow();
            xml.start("testcase").attribute("classname", classname).attribute("name", UNREACHABLE_CASE)
                    .attribute("time", seconds(0));
            xml.start("error").attribute("message", "could not be checked: " + firstLine(reason)).text(reason).end();
            xml.end();
        }
        for (RunItem item : target.items()) {
            xml.start("testcase").attribute("classname", classname).attribute("name", item.check())
                    .attribute("time", seconds(item.millis()));
            writeOutcome(item, xml);
            xml.end();
        }
        xml.end();
    }

    private static void writeOutcome(RunItem item, XmlOut xml) {
        String reason = item.reason().orElse("");
        switch (item.status()) {
            case OK -> { }
            case FINDINGS -> xml.start("failure")
                    .attribute("message", SummaryLine.plural(item.findings().size(), "finding"))
                    .attribute("type", FindingGroups.highest(item.findings()).id())
                    .text(describe(item.findings()))
                    .end();
            case ERROR -> xml.start("error").attribute("message", firstLine(reason)).text(reason).end();
            case SKIPPED -> xml.empty("skipped").attribute("message", reason);
        }
    }

    private static String describe(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings.stream().sorted(Comparator.comparing(Finding::severity)).toList()) {
            String object = f.object();
            sb.append('\n').append(f.severity().id()).append(object.isEmpty() ? "" : "  " + object).append('\n')
                    .append(TextBlocks.hanging("  ", f.summary())).append('\n')
                    .append(TextBlocks.hanging("  fix: ", f.remediation())).append('\n');
        }
        return sb.toString();
    }

    private static void property(XmlOut xml, String name, String value) {
        xml.empty("property").attribute("name", name).attribute("value", value);
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        return nl < 0 ? stripped : stripped.substring(0, nl).strip() + " …";
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** The counters JUnit puts on suites; an unreachable target adds an erring test. */
    private record Counts(long tests, long failures, long errors, long skipped) {

        static Counts of(List<RunItem> items, long unreachable) {
            return new Counts(items.size() + unreachable, count(items, ItemStatus.FINDINGS),
                    count(items, ItemStatus.ERROR) + unreachable, count(items, ItemStatus.SKIPPED));
        }

        private static long count(List<RunItem> items, ItemStatus status) {
            return items.stream().filter(i -> i.status() == status).count();
        }

        void writeTo(XmlOut xml, long millis) {
            xml.attribute("tests", Long.toString(tests)).attribute("failures", Long.toString(failures))
                    .attribute("errors", Long.toString(errors)).attribute("skipped", Long.toString(skipped))
                    .attribute("time", seconds(millis));
        }
    }
}
