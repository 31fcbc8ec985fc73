package io.dbwarden.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one rule per check in the report, one result per
 * finding located logically at its target and object, failed checks and unreachable targets as
 * error notifications of the invocation.
 */
public final class SarifRunFormatter implements RunFormatter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT_KEY = "dbwardenFinding/v1";

    @Override
    public void write(RunReport report, PrintStream out) {
        Map<String, List<Finding>> checks = findingsByCheck(report);
        List<String> ruleIds = new ArrayList<>(checks.keySet());

        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dbwarden");
        ArrayNode rules = driver.putArray("rules");
        checks.forEach((check, findings) -> rules.add(rule(check, findings)));

        run.putArray("invocations").add(invocation(report, ruleIds));
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            results.add(result(f, ruleIds.indexOf(f.check())));
        }
        Json.write(root, out);
    }

    /** Every check that has an item, in report order, with its findings (possibly none). */
    private static Map<String, List<Finding>> findingsByCheck(RunReport report) {
        Map<String, List<Finding>> checks = new LinkedHashMap<>();
        for (RunItem item : report.items()) {
            checks.computeIfAbsent(item.check(), c -> new ArrayList<>()).addAll(item.findings());
        }
        return checks;
    }

    /**
     * The report carries no check definitions, only findings rendered from them, so a rule's texts
     * come from its first finding; a check without findings is described by its name alone.
     */
    private static ObjectNode rule(String check, List<Finding> findings) {
        ObjectNode rule = Json.object();
        rule.put("id", check);
        if (findings.isEmpty()) {
            rule.putObject("shortDescription").put("text", "dbwarden check " + check);
            return rule;
        }
        Finding first = findings.getFirst();
        rule.putObject("shortDescription").put("text", Sentences.first(first.description()));
        rule.putObject("fullDescription").put("text", first.description());
        rule.putObject("help").put("text", first.remediation());
        first.readMore().ifPresent(uri -> rule.put("helpUri", uri));
        rule.putObject("defaultConfiguration").put("level", level(first.severity()));
        ObjectNode properties = rule.putObject("properties");
        properties.put("severity", first.severity().id());
        properties.put("category", first.category().id());
        properties.putArray("tags").add(first.category().id());
        return rule;
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
        invocation.putObject("properties").put("trigger", report.trigger());
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
        result.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(f));
        ObjectNode properties = result.putObject("properties");
        properties.put("target", f.target());
        properties.put("severity", f.severity().id());
        properties.put("category", f.category().id());
        properties.set("fields", Json.strings(f.fields()));
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

    /** Same check, target and object give the same fingerprint run after run, so dashboards can track a finding. */
    private static String fingerprint(Finding f) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((f.check() + '\n' + f.target() + '\n' + f.object()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
