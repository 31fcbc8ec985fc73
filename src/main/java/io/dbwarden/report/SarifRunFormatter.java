package io.dbwarden.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbwarden.check.Check;
import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import java.io.PrintStream;
import java.util.List;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one rule per check the run included, described from its definition; one
 * result per finding, located logically at its target and object and fingerprinted with its alert fingerprint;
 * failed checks and unreachable targets as error notifications of the invocation.
 */
public final class SarifRunFormatter implements RunFormatter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The finding's Alertmanager fingerprint (see {@link io.dbwarden.alert.Fingerprint}). */
    static final String FINGERPRINT_KEY = "alertFingerprint/v1";

    private final DbwardenVersion version;

    public SarifRunFormatter() {
        this(DbwardenVersion.current());
    }

    public SarifRunFormatter(DbwardenVersion version) {
        this.version = version;
    }

    @Override
    public void write(RunReport report, PrintStream out) {
        List<String> ruleIds = report.checks().stream().map(Check::name).toList();

        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dbwarden");
        driver.put("version", version.text());
        version.semantic().ifPresent(v -> driver.put("semanticVersion", v));
        ArrayNode rules = driver.putArray("rules");
        report.checks().forEach(check -> rules.add(rule(check)));

        run.putArray("invocations").add(invocation(report, ruleIds));
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            results.add(result(f, ruleIds.indexOf(f.check())));
        }
        Json.write(root, out);
    }

    /** A check as the catalog defines it; its texts are templates, shown with their placeholders unfilled. */
    private static ObjectNode rule(Check check) {
        ObjectNode rule = Json.object();
        rule.put("id", check.name());
        rule.put("name", displayName(check.name()));
        rule.putObject("shortDescription").put("text", check.summary());
        rule.putObject("fullDescription").put("text", check.description());
        rule.putObject("help").put("text", check.remediation());
        check.readMore().ifPresent(uri -> rule.put("helpUri", uri));
        rule.putObject("defaultConfiguration").put("level", level(check.severity()));
        ObjectNode properties = rule.putObject("properties");
        properties.put("engine", check.engine().id());
        properties.put("severity", check.severity().id());
        properties.put("category", check.category().id());
        properties.putArray("tags").add(check.category().id()).add(check.engine().id());
        return rule;
    }

    /**
     * The check's name in PascalCase (postgresql_ssl_off: PostgresqlSslOff), as SARIF tools name rules: SARIF asks
     * for a name that differs from the id, or none.
     */
    static String displayName(String check) {
        StringBuilder name = new StringBuilder();
        for (String word : check.split("_")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        return name.toString();
    }

    private static ObjectNode invocation(RunReport report, List<String> ruleIds) {
        ObjectNode invocation = Json.object();
        invocation.put("executionSuccessful", !report.anyTargetFailed() && report.count(ItemStatus.ERROR) == 0);
        invocation.put("startTimeUtc", report.startedAt().toString());
        invocation.put("endTimeUtc", report.finishedAt().toString());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (TargetReport t : report.targets()) {
            t.failure().ifPresent(reason -> notifications.add(
                    notification("target " + t.target() + " could not be checked: " + reason, t.target())));
        }
        for (RunItem item : report.items()) {
            if (item.status() == ItemStatus.ERROR) {
                ObjectNode n = notification(item.check() + " on " + item.target() + ": " + item.reason().orElse(""),
                        item.target());
                n.putObject("associatedRule").put("id", item.check()).put("index", ruleIds.indexOf(item.check()));
                notifications.add(n);
            }
        }
        invocation.putObject("properties").put("trigger", report.trigger().id());
        return invocation;
    }

    private static ObjectNode notification(String message, String target) {
        ObjectNode n = Json.object();
        n.put("level", "error");
        n.putObject("message").put("text", message);
        n.putObject("properties").put("target", target);
        return n;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode result = Json.object();
        result.put("ruleId", f.check());
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(f.severity()));
        result.putObject("message").put("text", f.summary());
        String object = f.object();
        ObjectNode location = result.putArray("locations").addObject().putArray("logicalLocations").addObject();
        location.put("name", object.isEmpty() ? f.target() : object);
        location.put("fullyQualifiedName", object.isEmpty() ? f.target() : f.target() + "/" + object);
        location.put("kind", "resource");
        result.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint().toString());
        ObjectNode properties = result.putObject("properties");
        properties.put("target", f.target());
        properties.put("severity", f.severity().id());
        properties.put("category", f.category().id());
        properties.set("fields", Json.values(f.fields()));
        properties.set("labels", Json.strings(f.labels().asMap()));
        properties.put("remediation", f.remediation());
        return result;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, ERROR -> "error";
            case WARNING -> "warning";
            case NOTICE, INFO -> "note";
        };
    }
}
