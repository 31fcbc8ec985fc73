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
        return new ObjectMapper().readTree(Reports.render(new SarifRunFormatter(), report));
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
    void hasOneRuleForEveryCheckInTheReport() throws Exception {
        List<String> ids = new ArrayList<>();
        run().get("tool").get("driver").get("rules").forEach(r -> ids.add(r.get("id").asText()));

        assertThat(ids).containsExactly("superuser_login", "ssl_enabled", "weak_password", "statement_stats",
                "mariadb_plugins", "mariadb_roles", "pg17_feature", "version_info");
    }

    @Test
    void describesARuleFromItsFindingsWithTheRemediationAsHelp() throws Exception {
        JsonNode rule = run().get("tool").get("driver").get("rules").get(0);

        assertThat(rule.get("shortDescription").get("text").asText()).isEqualTo("What superuser_login looks for.");
        assertThat(rule.get("help").get("text").asText()).isEqualTo("ALTER ROLE bob NOSUPERUSER;");
        assertThat(rule.get("helpUri").asText()).isEqualTo("https://example.org/superuser_login");
        assertThat(rule.get("defaultConfiguration").get("level").asText()).isEqualTo("error");
    }

    @Test
    void givesEveryRuleANonEmptyShortDescription() throws Exception {
        run().get("tool").get("driver").get("rules")
                .forEach(r -> assertThat(r.get("shortDescription").get("text").asText()).isNotBlank());
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
    void fingerprintsFindingsBySameCheckTargetAndObjectAlike() throws Exception {
        JsonNode results = run().get("results");
        String first = results.get(1).get("partialFingerprints").get(SarifRunFormatter.FINGERPRINT_KEY).asText();
        String second = results.get(2).get("partialFingerprints").get(SarifRunFormatter.FINGERPRINT_KEY).asText();
        String again = run().get("results").get(1).get("partialFingerprints").get(SarifRunFormatter.FINGERPRINT_KEY).asText();

        assertThat(first).isEqualTo(again).isNotEqualTo(second);
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
