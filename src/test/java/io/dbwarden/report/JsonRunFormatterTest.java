package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbwarden.alert.LabelSet;
import io.dbwarden.check.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRunFormatterTest {

    private static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private static JsonNode sample() throws Exception {
        return parse(Reports.render(new JsonRunFormatter(), Reports.sample()));
    }

    @Test
    void describesTheRun() throws Exception {
        JsonNode run = sample().get("run");

        assertThat(run.get("trigger").asText()).isEqualTo("manual");
        assertThat(run.get("id").asText()).isEqualTo(Reports.RUN_ID.toString());
        assertThat(run.get("started_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(run.get("finished_at").asText()).isEqualTo("2025-03-01T10:00:00.412Z");
        assertThat(run.get("millis").asLong()).isEqualTo(412);
        assertThat(run.get("checks").asInt()).isEqualTo(8);
    }

    @Test
    void summarisesFindingsPerSeverityItemsPerStatusAndFailedTargets() throws Exception {
        JsonNode summary = sample().get("summary");

        assertThat(summary.get("findings").toString())
                .isEqualTo("{\"critical\":1,\"error\":0,\"warning\":2,\"notice\":0,\"info\":1}");
        assertThat(summary.get("items").toString()).isEqualTo("{\"ok\":1,\"findings\":3,\"error\":1,\"skipped\":3}");
        assertThat(summary.get("targets").asInt()).isEqualTo(2);
        assertThat(summary.get("targets_failed").asInt()).isEqualTo(1);
    }

    @Test
    void carriesEveryItemAndEveryFinding() throws Exception {
        JsonNode root = sample();

        assertThat(root.get("items")).hasSize(8);
        assertThat(root.get("findings")).hasSize(4);
        JsonNode failed = root.get("items").get(3);
        assertThat(failed.get("check").asText()).isEqualTo("statement_stats");
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("reason").asText()).isEqualTo("permission denied for view pg_stat_statements");
        JsonNode ok = root.get("items").get(1);
        assertThat(ok.get("reason").isNull()).isTrue();
        assertThat(ok.get("millis").asLong()).isEqualTo(3);
    }

    @Test
    void writesEveryFieldOfAFindingInSnakeCase() throws Exception {
        JsonNode finding = sample().get("findings").get(1);

        assertThat(fieldNames(finding)).containsExactly("check", "target", "severity", "category", "fields", "labels",
                "fingerprint", "summary", "description", "remediation", "read_more");
        assertThat(finding.get("check").asText()).isEqualTo("weak_password");
        assertThat(finding.get("target").asText()).isEqualTo("prod-pg");
        assertThat(finding.get("severity").asText()).isEqualTo("warning");
        assertThat(finding.get("category").asText()).isEqualTo("security");
        assertThat(finding.get("fields").toString()).isEqualTo("{\"user\":\"app\",\"host\":\"%\"}");
        assertThat(finding.get("read_more").asText()).isEqualTo("https://example.org/weak_password");
    }

    @Test
    void describesTargetsWithTheirStatsAndNullForWhatIsUnknown() throws Exception {
        JsonNode targets = sample().get("targets");

        JsonNode pg = targets.get(0);
        assertThat(pg.get("name").asText()).isEqualTo("prod-pg");
        assertThat(pg.get("endpoint").asText()).isEqualTo("postgresql://app@db1:5432/app");
        assertThat(pg.get("version").asText()).isEqualTo("16.4");
        assertThat(pg.get("failure").isNull()).isTrue();
        assertThat(pg.get("stats").toString()).isEqualTo("{\"statements\":5,\"distinct_queries\":4,\"connections\":1,"
                + "\"connect_ms\":20,\"collect_ms\":150,\"sample_wait_ms\":0,\"evaluate_ms\":12,\"total_ms\":190}");
        JsonNode my = targets.get(1);
        assertThat(my.get("version").isNull()).isTrue();
        assertThat(my.get("failure").asText()).isEqualTo("connection refused");
    }

    @Test
    void totalsTheStatsOverAllTargets() throws Exception {
        JsonNode stats = sample().get("stats");

        assertThat(stats.get("statements").asInt()).isEqualTo(5);
        assertThat(stats.get("connections").asInt()).isEqualTo(2);
        assertThat(stats.get("connect_ms").asLong()).isEqualTo(50);
        assertThat(stats.get("total_ms").asLong()).isEqualTo(221);
    }

    @Test
    void keepsTheTopLevelKeysInAStableOrder() throws Exception {
        assertThat(fieldNames(sample()))
                .containsExactly("report_version", "dbwarden_version", "run", "summary", "stats", "targets", "items",
                        "findings");
    }

    @Test
    void isPrettyPrinted() {
        String json = Reports.render(new JsonRunFormatter(DbwardenVersion.of("1.2.0")), Reports.sample());

        assertThat(json).startsWith("{\n  \"report_version\": 2,\n  \"dbwarden_version\": \"1.2.0\",\n  \"run\": {\n"
                + "    \"trigger\": \"manual\",");
    }

    @Test
    void saysWhichDbwardenVersionWroteItAndNullForADevelopmentBuild() throws Exception {
        JsonNode released = parse(Reports.render(new JsonRunFormatter(DbwardenVersion.of("0.3.1")), Reports.sample()));
        JsonNode development = parse(Reports.render(new JsonRunFormatter(DbwardenVersion.DEVELOPMENT), Reports.sample()));

        assertThat(released.get("dbwarden_version").asText()).isEqualTo("0.3.1");
        assertThat(development.get("dbwarden_version").isNull()).isTrue();
    }

    @Test
    void keepsTheTypesTheRuleGaveAFindingsFields() throws Exception {
        Map<String, Object> fields = Reports.fields("line", 2L, "share", 0.25, "superuser", true, "note", null,
                "roles", List.of("a", "b"), "database", "shop");
        JsonNode finding = parse(Reports.render(new JsonRunFormatter(),
                Reports.single(Severity.WARNING, fields, "s", "r"))).get("findings").get(0);

        assertThat(finding.get("fields").toString()).isEqualTo(
                "{\"line\":2,\"share\":0.25,\"superuser\":true,\"note\":null,\"roles\":[\"a\",\"b\"],\"database\":\"shop\"}");
        assertThat(finding.get("labels").get("line").asText()).as("labels are the string form").isEqualTo("2");
        assertThat(finding.get("labels").has("note")).as("a null key field is an absent label").isFalse();
    }

    @Test
    void carriesEveryFindingsWholeAlertLabelSetAndItsFingerprint() throws Exception {
        JsonNode findings = sample().get("findings");
        JsonNode weak = findings.get(1);

        assertThat(weak.get("labels").toString()).isEqualTo("{\"alertname\":\"weak_password\",\"category\":\"security\","
                + "\"dbwarden_check\":\"1\",\"engine\":\"postgresql\",\"env\":\"prod\",\"host\":\"%\","
                + "\"service_name\":\"prod-pg\",\"severity\":\"warning\",\"user\":\"app\"}");
        Map<String, String> labels = new LinkedHashMap<>();
        weak.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        assertThat(weak.get("fingerprint").asText()).isEqualTo(LabelSet.of(labels).fingerprint().toString());
        assertThat(findings).hasSize(4).allSatisfy(f -> assertThat(f.get("fingerprint").asText()).matches("[0-9a-f]{16}"));
        assertThat(findings.get(2).get("fingerprint").asText()).isNotEqualTo(weak.get("fingerprint").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
