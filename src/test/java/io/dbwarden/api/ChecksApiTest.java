package io.dbwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksApiTest {

    @TempDir
    static Path dir;

    private static ApiServer server;
    private static ApiHttp http;

    @BeforeAll
    static void start() {
        server = ApiServer.builder(dir).configTarget("pg", ApiServer.flagDatabase())
                .checkFile("""
                        name: broken_check
                        engine: postgresql
                        category: security
                        severity: loud
                        summary: s
                        description: d
                        remediation: r
                        rule: "true"
                        """)
                .start();
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiHttp.Answer refused(int status, String message, Supplier<ApiHttp.Answer> request) {
        String before = server.state();
        ApiHttp.Answer answer = request.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.error()).contains(message);
        assertThat(server.state()).as("state after a refused request").isEqualTo(before);
        return answer;
    }

    @Test
    void theCatalogListsBuiltInAndCustomChecksAndTheFilesThatDidNotLoadWithTheirPosition() {
        JsonNode list = http.get("/api/v1/checks").json();

        assertThat(list.path("checks")).extracting(c -> c.path("name").asText())
                .contains("test_flags", "postgresql_fsync_off", "mysql_local_infile_enabled");
        assertThat(list.path("problems")).anySatisfy(p -> {
            assertThat(p.path("file").asText()).endsWith("extra_0.yaml");
            assertThat(p.path("location").asText()).endsWith("extra_0.yaml:4:11");
            assertThat(p.path("message").asText()).contains("loud");
        });
    }

    @Test
    void aCheckShowsWhatItsFileDeclaresAndWhatIsInForce() {
        JsonNode check = http.get("/api/v1/checks/test_flags").json();

        assertThat(check.path("engine").asText()).isEqualTo("postgresql");
        assertThat(check.path("severity").asText()).isEqualTo("warning");
        assertThat(check.path("interval").asText()).isEqualTo("frequent");
        assertThat(check.path("effective").path("enabled").asBoolean()).isTrue();
        assertThat(check.path("effective").path("interval_seconds").asLong()).isEqualTo(4 * 3600);
        assertThat(check.path("params").path("ignore").isArray()).isTrue();
    }

    @Test
    void anUnknownCheckIs404OnEveryRouteThatNamesOne() {
        refused(404, "no check named 'no_such_check'", () -> http.get("/api/v1/checks/no_such_check"));
        refused(404, "no check named 'no_such_check'", () -> http.get("/api/v1/checks/no_such_check/settings"));
        refused(404, "no check named 'no_such_check'",
                () -> http.put("/api/v1/checks/no_such_check/settings", "{\"enabled\": false}"));
    }

    @Test
    void aSettingForOneTargetIsStoredAuditedAndShownWithWhatIsInForce() {
        ApiHttp.Answer put = http.put("/api/v1/checks/test_flags/settings?target=pg",
                "{\"interval\": \"6h\", \"params\": {\"ignore\": [\"harmless\"]}}");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode setting = put.json();
        assertThat(setting.path("target").asText()).isEqualTo("pg");
        assertThat(setting.path("interval").asText()).isEqualTo("6h");
        assertThat(setting.path("enabled").isNull()).isTrue();
        assertThat(setting.path("updated_by").asText()).isEqualTo("local");
        assertThat(setting.path("effective").path("interval_seconds").asLong()).isEqualTo(6 * 3600);
        assertThat(setting.path("effective").path("params").path("ignore").get(0).asText()).isEqualTo("harmless");

        JsonNode read = http.get("/api/v1/checks/test_flags/settings?target=pg").json();
        // the store keeps microseconds; the answer to the PUT may carry the clock's nanoseconds
        ((com.fasterxml.jackson.databind.node.ObjectNode) read).remove("updated_at");
        ((com.fasterxml.jackson.databind.node.ObjectNode) setting).remove("updated_at");
        assertThat(read).isEqualTo(setting);
        assertThat(http.get("/api/v1/checks/test_flags/settings").json().path("interval").isNull()).isTrue();
        JsonNode audit = http.get("/api/v1/audit?limit=1").json().path("entries").get(0);
        assertThat(audit.path("subject").asText()).isEqualTo("check/test_flags/target/pg");
        assertThat(audit.path("after").path("interval").asText()).isEqualTo("6h");
    }

    @Test
    void disablingACheckEverywhereShowsItOffInTheCatalog() {
        ApiHttp.Answer put = http.put("/api/v1/checks/postgresql_fsync_off/settings", "{\"enabled\": false}");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("effective").path("enabled").asBoolean()).isFalse();
        JsonNode check = http.get("/api/v1/checks/postgresql_fsync_off").json();
        assertThat(check.path("effective").path("enabled").asBoolean()).isFalse();
        assertThat(check.path("settings").get(0).path("enabled").asBoolean()).isFalse();
    }

    @Test
    void settingsThatCannotWorkAre422AndChangeNothing() {
        refused(422, "interval 'often'", () -> http.put("/api/v1/checks/test_flags/settings",
                "{\"interval\": \"often\"}"));
        refused(422, "has no parameter 'threshold'", () -> http.put("/api/v1/checks/test_flags/settings",
                "{\"params\": {\"threshold\": 3}}"));
    }

    @Test
    void malformedSettingsRequestsAre400AndChangeNothing() {
        refused(400, "unknown field $.enable", () -> http.put("/api/v1/checks/test_flags/settings",
                "{\"enable\": false}"));
        refused(400, "invalid value in $.enabled", () -> http.put("/api/v1/checks/test_flags/settings",
                "{\"enabled\": \"no\"}"));
        refused(400, "\"params\" must be an object", () -> http.put("/api/v1/checks/test_flags/settings",
                "{\"params\": [1, 2]}"));
        refused(400, "params.ignore is null", () -> http.put("/api/v1/checks/test_flags/settings",
                "{\"params\": {\"ignore\": null}}"));
        refused(400, "unknown query parameter 'targets'", () -> http.put("/api/v1/checks/test_flags/settings?targets=pg",
                "{\"enabled\": false}"));
        refused(400, "query parameter 'target' is empty", () -> http.put("/api/v1/checks/test_flags/settings?target=",
                "{\"enabled\": false}"));
    }

    @Test
    void aSettingForAnUnknownTargetIs404AndChangesNothing() {
        refused(404, "no target named 'ghost'", () -> http.get("/api/v1/checks/test_flags/settings?target=ghost"));
        refused(404, "no target named 'ghost'", () -> http.put("/api/v1/checks/test_flags/settings?target=ghost",
                "{\"enabled\": false}"));
    }
}
