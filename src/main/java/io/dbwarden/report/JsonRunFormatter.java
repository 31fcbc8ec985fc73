package io.dbwarden.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import io.dbwarden.run.TargetStats;
import java.io.PrintStream;

/**
 * Everything a run produced, for machines: run, summary, total stats, targets, and flat lists of
 * items and findings (each names its target and check, so {@code jq} filters need no nesting).
 * Keys are snake_case, always present (absent values are {@code null}) and always in the same order. A finding's
 * {@code fields} keep the types the rule gave them; its {@code labels} and {@code fingerprint} are its alert identity
 * (see {@link io.dbwarden.alert.AlertLabels}). {@code dbwarden_version} is null in a development build.
 */
public final class JsonRunFormatter implements RunFormatter {

    /**
     * Bumped when a key is renamed or removed or its meaning changes; adding keys does not bump it. 2: finding
     * {@code fields} keep their types (numbers are numbers), {@code labels} is the whole alert label set.
     */
    static final int REPORT_VERSION = 2;

    private final DbwardenVersion version;

    public JsonRunFormatter() {
        this(DbwardenVersion.current());
    }

    public JsonRunFormatter(DbwardenVersion version) {
        this.version = version;
    }

    @Override
    public void write(RunReport report, PrintStream out) {
        ObjectNode root = Json.object();
        root.put("report_version", REPORT_VERSION);
        Json.putOptional(root, "dbwarden_version", version.release());
        root.set("run", run(report));
        root.set("summary", summary(report));
        root.set("stats", stats(RunTotals.of(report)));
        ArrayNode targets = root.putArray("targets");
        report.targets().forEach(t -> targets.add(target(t)));
        ArrayNode items = root.putArray("items");
        report.items().forEach(i -> items.add(item(i)));
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> findings.add(finding(f)));
        Json.write(root, out);
    }

    private static ObjectNode run(RunReport report) {
        ObjectNode run = Json.object();
        run.put("trigger", report.trigger().id());
        run.put("id", report.id().toString());
        run.put("started_at", report.startedAt().toString());
        run.put("finished_at", report.finishedAt().toString());
        run.put("millis", report.millis());
        run.put("checks", report.checks().size());
        return run;
    }

    private static ObjectNode summary(RunReport report) {
        ObjectNode summary = Json.object();
        ObjectNode findings = summary.putObject("findings");
        report.findingsBySeverity().forEach((severity, n) -> findings.put(severity.id(), n));
        ObjectNode items = summary.putObject("items");
        for (ItemStatus status : ItemStatus.values()) {
            items.put(status.id(), report.count(status));
        }
        summary.put("targets", report.targets().size());
        summary.put("targets_failed", report.targets().stream().filter(TargetReport::failed).count());
        return summary;
    }

    static ObjectNode stats(TargetStats s) {
        ObjectNode stats = Json.object();
        stats.put("statements", s.statements());
        stats.put("distinct_queries", s.distinctQueries());
        stats.put("connections", s.connections());
        stats.put("connect_ms", s.connectMillis());
        stats.put("collect_ms", s.collectMillis());
        stats.put("sample_wait_ms", s.sampleWaitMillis());
        stats.put("evaluate_ms", s.evaluateMillis());
        stats.put("total_ms", s.totalMillis());
        return stats;
    }

    private static ObjectNode target(TargetReport t) {
        ObjectNode target = Json.object();
        target.put("name", t.target());
        target.put("engine", t.engine());
        target.put("endpoint", t.endpoint());
        Json.putOptional(target, "version", t.version());
        Json.putOptional(target, "failure", t.failure());
        target.set("stats", stats(t.stats()));
        return target;
    }

    private static ObjectNode item(RunItem i) {
        ObjectNode item = Json.object();
        item.put("target", i.target());
        item.put("check", i.check());
        item.put("status", i.status().id());
        Json.putOptional(item, "reason", i.reason());
        item.put("millis", i.millis());
        item.put("finding_count", i.findings().size());
        return item;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode finding = Json.object();
        finding.put("check", f.check());
        finding.put("target", f.target());
        finding.put("severity", f.severity().id());
        finding.put("category", f.category().id());
        finding.set("fields", Json.values(f.fields()));
        finding.set("labels", Json.strings(f.labels().asMap()));
        finding.put("fingerprint", f.fingerprint().toString());
        finding.put("summary", f.summary());
        finding.put("description", f.description());
        finding.put("remediation", f.remediation());
        Json.putOptional(finding, "read_more", f.readMore());
        return finding;
    }
}
