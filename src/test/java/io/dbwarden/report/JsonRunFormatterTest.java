package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
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
                "summary", "description", "remediation", "read_more");
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
                .containsExactly("report_version", "run", "summary", "stats", "targets", "items", "findings");
    }

    @Test
    void isPrettyPrinted() {
        String json = Reports.render(new JsonRunFormatter(), Reports.sample());

        assertThat(json).startsWith("{\n  \"report_version\": 1,\n  \"run\": {\n    \"trigger\": \"manual\",");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
