package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbwarden.check.Severity;
import io.dbwarden.run.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SarifRunFormatterTest {

    private static JsonNode sarif(RunReport report) throws Exception {
        return sarif(new SarifRunFormatter(), report);
    }

    private static JsonNode sarif(SarifRunFormatter formatter, RunReport report) throws Exception {
        return new ObjectMapper().readTree(Reports.render(formatter, report));
    }

    private static JsonNode run() throws Exception {
        return sarif(Reports.sample()).get("runs").get(0);
    }

    @Test
    void declaresSarif210WithOneRun() throws Exception {
        JsonNode root = sarif(Reports.sample());

        assertThat(root.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        assertThat(root.get("runs")).hasSize(1);
        JsonNode driver = root.get("runs").get(0).get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("dbwarden");
        assertThat(driver.has("informationUri")).as("no made-up project address").isFalse();
    }

    @Test
    void namesTheDbwardenVersionThatWroteIt() throws Exception {
        JsonNode driver = sarif(new SarifRunFormatter(DbwardenVersion.of("0.1.0-SNAPSHOT")), Reports.sample())
                .get("runs").get(0).get("tool").get("driver");

        assertThat(driver.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(driver.get("semanticVersion").asText()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void saysDevelopmentBuildAndClaimsNoSemanticVersionWhenRunFromClasses() throws Exception {
        JsonNode driver = sarif(new SarifRunFormatter(DbwardenVersion.DEVELOPMENT), Reports.sample())
                .get("runs").get(0).get("tool").get("driver");

        assertThat(driver.get("version").asText()).isEqualTo("development build");
        assertThat(driver.has("semanticVersion")).isFalse();
    }

    @Test
    void hasOneRuleForEveryCheckTheRunIncludedInTheRunsOrder() throws Exception {
        List<String> ids = new ArrayList<>();
        run().get("tool").get("driver").get("rules").forEach(r -> ids.add(r.get("id").asText()));

        assertThat(ids).containsExactly("superuser_login", "ssl_enabled", "weak_password", "statement_stats",
                "mariadb_plugins", "mariadb_roles", "pg17_feature", "version_info");
    }

    @Test
    void describesARuleFromItsCheckDefinitionWithTemplatesUnfilled() throws Exception {
        JsonNode rule = run().get("tool").get("driver").get("rules").get(0);

        assertThat(rule.get("name").asText()).as("SARIF wants a name unlike the id").isEqualTo("SuperuserLogin");
        assertThat(rule.get("shortDescription").get("text").asText()).isEqualTo("Role {{user}} is a superuser that can log in");
        assertThat(rule.get("fullDescription").get("text").asText()).isEqualTo("What superuser_login looks for. More detail.");
        assertThat(rule.get("help").get("text").asText()).isEqualTo("ALTER ROLE {{user}} NOSUPERUSER;");
        assertThat(rule.get("helpUri").asText()).isEqualTo("https://example.org/superuser_login");
        assertThat(rule.get("defaultConfiguration").get("level").asText()).isEqualTo("error");
        assertThat(rule.get("properties").get("engine").asText()).isEqualTo("postgresql");
    }

    @Test
    void describesACheckThatFoundNothingAsFullyAsOneThatDid() throws Exception {
        JsonNode rule = run().get("tool").get("driver").get("rules").get(1);

        assertThat(rule.get("id").asText()).isEqualTo("ssl_enabled");
        assertThat(rule.get("shortDescription").get("text").asText()).isEqualTo("ssl is off");
        assertThat(rule.get("help").get("text").asText()).isEqualTo("ALTER SYSTEM SET ssl = on;");
        assertThat(rule.get("helpUri").asText()).isEqualTo("https://example.org/ssl_enabled");
        assertThat(rule.get("defaultConfiguration").get("level").asText()).isEqualTo("error");
    }

    @Test
    void givesEveryRuleANonEmptyShortDescription() throws Exception {
        JsonNode rules = run().get("tool").get("driver").get("rules");

        assertThat(rules).hasSize(8)
                .allSatisfy(r -> assertThat(r.get("shortDescription").get("text").asText()).isNotBlank());
    }

    @Test
    void hasOneResultPerFindingPointingAtItsRule() throws Exception {
        JsonNode run = run();
        JsonNode results = run.get("results");

        assertThat(results).hasSize(4);
        for (JsonNode result : results) {
            int index = result.get("ruleIndex").asInt();
            assertThat(run.get("tool").get("driver").get("rules").get(index).get("id").asText())
                    .isEqualTo(result.get("ruleId").asText());
            assertThat(result.get("message").get("text").asText()).isNotBlank();
        }
    }

    @Test
    void mapsCriticalAndErrorToErrorWarningToWarningAndTheRestToNote() throws Exception {
        assertThat(levelOf(Severity.CRITICAL)).isEqualTo("error");
        assertThat(levelOf(Severity.ERROR)).isEqualTo("error");
        assertThat(levelOf(Severity.WARNING)).isEqualTo("warning");
        assertThat(levelOf(Severity.NOTICE)).isEqualTo("note");
        assertThat(levelOf(Severity.INFO)).isEqualTo("note");
    }

    private static String levelOf(Severity severity) throws Exception {
        return sarif(Reports.single(severity, Map.of(), "s", "r")).get("runs").get(0).get("results").get(0)
                .get("level").asText();
    }

    @Test
    void locatesAResultLogicallyAtItsTargetAndObject() throws Exception {
        JsonNode result = run().get("results").get(1);

        JsonNode location = result.get("locations").get(0).get("logicalLocations").get(0);
        assertThat(location.get("name").asText()).isEqualTo("user=app, host=%");
        assertThat(location.get("fullyQualifiedName").asText()).isEqualTo("prod-pg/user=app, host=%");
        JsonNode properties = result.get("properties");
        assertThat(properties.get("target").asText()).isEqualTo("prod-pg");
        assertThat(properties.get("severity").asText()).isEqualTo("warning");
        assertThat(properties.get("fields").toString()).isEqualTo("{\"user\":\"app\",\"host\":\"%\"}");
    }

    @Test
    void fingerprintsEachResultWithItsFindingsAlertFingerprint() throws Exception {
        RunReport report = Reports.sample();
        JsonNode results = sarif(report).get("runs").get(0).get("results");

        List<String> fingerprints = new ArrayList<>();
        results.forEach(r -> fingerprints.add(r.get("partialFingerprints").get(SarifRunFormatter.FINGERPRINT_KEY).asText()));
        assertThat(fingerprints).containsExactlyElementsOf(
                report.findings().stream().map(f -> f.fingerprint().toString()).toList());
        assertThat(fingerprints).doesNotHaveDuplicates();
    }

    @Test
    void tellsApartFindingsWhoseObjectsReadAlike() throws Exception {
        // Both read "user=a, host=b": a hash of that text would give both one fingerprint.
        RunReport one = Reports.single(Severity.WARNING, Reports.fields("user", "a", "host", "b"), "s", "r");
        RunReport other = Reports.single(Severity.WARNING, Reports.fields("user", "a, host=b"), "s", "r");

        assertThat(one.findings().getFirst().object()).isEqualTo(other.findings().getFirst().object());
        assertThat(fingerprintOf(one)).isNotEqualTo(fingerprintOf(other));
    }

    private static String fingerprintOf(RunReport report) throws Exception {
        return sarif(report).get("runs").get(0).get("results").get(0).get("partialFingerprints")
                .get(SarifRunFormatter.FINGERPRINT_KEY).asText();
    }

    @Test
    void keepsTheFindingsTypedFieldsAndLabelsAsResultProperties() throws Exception {
        JsonNode properties = sarif(Reports.single(Severity.NOTICE, Reports.fields("line", 7L, "file", "pg_hba.conf"), "s", "r"))
                .get("runs").get(0).get("results").get(0).get("properties");

        assertThat(properties.get("fields").toString()).isEqualTo("{\"line\":7,\"file\":\"pg_hba.conf\"}");
        assertThat(properties.get("labels").get("line").asText()).isEqualTo("7");
        assertThat(properties.get("labels").get("alertname").asText()).isEqualTo("demo_check");
    }

    @Test
    void reportsFailedChecksAndUnreachableTargetsAsErrorNotifications() throws Exception {
        JsonNode invocation = run().get("invocations").get(0);

        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        JsonNode notifications = invocation.get("toolExecutionNotifications");
        assertThat(notifications).hasSize(2);
        notifications.forEach(n -> assertThat(n.get("level").asText()).isEqualTo("error"));
        assertThat(notifications.get(0).get("message").get("text").asText())
                .isEqualTo("target prod-my could not be checked: connection refused");
        assertThat(notifications.get(1).get("message").get("text").asText())
                .isEqualTo("statement_stats on prod-pg: permission denied for view pg_stat_statements");
        assertThat(notifications.get(1).get("associatedRule").get("id").asText()).isEqualTo("statement_stats");
    }
}
