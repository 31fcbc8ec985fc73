package io.dbwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsAndFindingsApiTest {

    @TempDir
    static Path dir;

    private static ApiServer server;
    private static ApiHttp http;
    private static String db;

    /** One run of the flag check over a database with three planted flags, shared by the read-only tests. */
    private static JsonNode firstRun;

    @BeforeAll
    static void start() {
        db = ApiServer.flagDatabase();
        ApiServer.plant(db, "alpha", "critical");
        ApiServer.plant(db, "beta", "warning");
        ApiServer.plant(db, "gamma", "warning");
        server = ApiServer.builder(dir).configTarget("pg", db).flagCheck().start();
        http = server.http();
        firstRun = server.run("{\"check\": \"test_flags\"}");
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
    void runNowAnswers202WithTheRunsIdAndTheRunEndsWithItsItemsAndProgress() {
        ApiHttp.Answer started = http.post("/api/v1/runs", "{\"target\": \"pg\", \"check\": \"test_flags\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        assertThat(started.raw().headers().firstValue("Location")).hasValue("/api/v1/runs/" + id);
        JsonNode run = server.awaitRun(id);
        assertThat(run.path("status").asText()).isEqualTo("finished");
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
        assertThat(run.path("requested_by").asText()).isEqualTo("local");
        assertThat(run.path("target").asText()).isEqualTo("pg");
        assertThat(run.path("progress").path("done").asInt()).isEqualTo(1);
        assertThat(run.path("progress").path("total").asInt()).isEqualTo(1);
        assertThat(run.path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("check").asText()).isEqualTo("test_flags");
            assertThat(item.path("status").asText()).isEqualTo("findings");
        });
    }

    @Test
    void runNowWithoutABodyRunsEverything() {
        ApiHttp.Answer started = http.post("/api/v1/runs", null);

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode run = server.awaitRun(started.json().path("id").asLong());
        assertThat(run.path("target").isNull()).isTrue();
        assertThat(run.path("check").isNull()).isTrue();
        assertThat(run.path("progress").path("total").asInt()).isGreaterThan(10);
    }

    @Test
    void runNowForAnUnknownTargetOrCheckIs404AndQueuesNothing() {
        refused(404, "no target named 'ghost'", () -> http.post("/api/v1/runs", "{\"target\": \"ghost\"}"));
        refused(404, "no check named 'no_such_check'", () -> http.post("/api/v1/runs", "{\"check\": \"no_such_check\"}"));
    }

    @Test
    void runNowForACheckOfAnotherEngineOnATargetIs422() {
        refused(422, "mysql", () -> http.post("/api/v1/runs",
                "{\"target\": \"pg\", \"check\": \"mysql_local_infile_enabled\"}"));
    }

    @Test
    void malformedRunRequestsAre400AndQueueNothing() {
        refused(400, "unknown field $.targets", () -> http.post("/api/v1/runs", "{\"targets\": [\"pg\"]}"));
        refused(400, "invalid value in $.target", () -> http.post("/api/v1/runs", "{\"target\": [\"pg\"]}"));
        refused(400, "malformed JSON", () -> http.post("/api/v1/runs", "{"));
        refused(400, "a run id is a positive whole number, got 'latest'", () -> http.get("/api/v1/runs/latest"));
        refused(400, "query parameter 'limit' must be between 1 and 1000, got 0", () -> http.get("/api/v1/runs?limit=0"));
        refused(400, "cursor 'abc' is not one this server gave out", () -> http.get("/api/v1/runs?cursor=abc"));
    }

    @Test
    void anUnknownRunIs404() {
        refused(404, "no run with id 999999", () -> http.get("/api/v1/runs/999999"));
    }

    @Test
    void runsArePagedNewestFirstWithACursor() {
        server.run("{\"check\": \"test_flags\"}");
        JsonNode first = http.get("/api/v1/runs?limit=1").json();
        JsonNode second = http.get("/api/v1/runs?limit=1&cursor=" + first.path("next_cursor").asText()).json();

        long newest = first.path("runs").get(0).path("id").asLong();
        assertThat(second.path("runs").get(0).path("id").asLong()).isLessThan(newest);
        assertThat(first.path("runs").get(0).has("items")).as("lists leave items out").isFalse();
    }

    @Test
    void aFindingCarriesItsIdentityLifeAndText() {
        JsonNode alpha = findings("target=pg&check=test_flags&severity=critical").getFirst();

        assertThat(alpha.path("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(alpha.path("check").asText()).isEqualTo("test_flags");
        assertThat(alpha.path("target").asText()).isEqualTo("pg");
        assertThat(alpha.path("severity").asText()).isEqualTo("critical");
        assertThat(alpha.path("category").asText()).isEqualTo("security");
        assertThat(alpha.path("state").asText()).isEqualTo("open");
        assertThat(alpha.path("labels").path("name").asText()).isEqualTo("alpha");
        assertThat(alpha.path("labels").path("service_name").asText()).isEqualTo("pg");
        assertThat(alpha.path("summary").asText()).isEqualTo("flag alpha is set");
        assertThat(alpha.path("remediation").asText()).contains("DELETE FROM public.flags");
        assertThat(alpha.path("first_seen").asText()).isNotBlank();
        assertThat(alpha.path("last_seen").asText()).isNotBlank();
    }

    @Test
    void findingsAreFilteredByTargetCheckSeverityCategoryAndState() {
        assertThat(findings("check=test_flags")).hasSize(3);
        assertThat(findings("check=test_flags&severity=warning")).extracting(f -> f.path("labels").path("name").asText())
                .containsExactlyInAnyOrder("beta", "gamma");
        assertThat(findings("check=test_flags&category=security&state=open")).hasSize(3);
        assertThat(findings("check=test_flags&category=performance")).isEmpty();
        assertThat(findings("check=test_flags&state=resolved")).isEmpty();
        assertThat(findings("target=nobody")).isEmpty();
    }

    @Test
    void findingsArePagedByCursorOrByPageAlike() {
        JsonNode page1 = http.get("/api/v1/findings?check=test_flags&limit=2").json();
        JsonNode page2 = http.get("/api/v1/findings?check=test_flags&limit=2&cursor="
                + page1.path("next_cursor").asText()).json();
        JsonNode byNumber = http.get("/api/v1/findings?check=test_flags&limit=2&page=2").json();

        assertThat(page1.path("findings")).hasSize(2);
        assertThat(page2.path("findings")).hasSize(1);
        assertThat(page2.path("next_cursor").isNull()).isTrue();
        assertThat(byNumber.path("findings")).isEqualTo(page2.path("findings"));
    }

    @Test
    void badFindingQueriesAre400NamingTheParameter() {
        refused(400, "severity must be one of", () -> http.get("/api/v1/findings?severity=loud"));
        refused(400, "state must be one of", () -> http.get("/api/v1/findings?state=closed"));
        refused(400, "category must be one of", () -> http.get("/api/v1/findings?category=speed"));
        refused(400, "unknown query parameter 'sevrity'", () -> http.get("/api/v1/findings?sevrity=critical"));
        refused(400, "give either 'cursor' or 'page'", () -> http.get("/api/v1/findings?cursor=2&page=2"));
        refused(400, "query parameter 'limit' must be between 1 and 1000", () -> http.get("/api/v1/findings?limit=5000"));
        refused(400, "query parameter 'page' must be a whole number", () -> http.get("/api/v1/findings?page=two"));
        refused(400, "query parameter 'state' is given 2 times", () -> http.get("/api/v1/findings?state=open&state=resolved"));
    }

    @Test
    void aFindingsHistoryStartsWithTheRunThatOpenedIt() {
        JsonNode beta = findings("check=test_flags&severity=warning").getFirst();

        JsonNode history = http.get("/api/v1/findings/" + beta.path("fingerprint").asText() + "/history").json();

        assertThat(history.path("finding").path("fingerprint")).isEqualTo(beta.path("fingerprint"));
        assertThat(history.path("history").get(0).path("event").asText()).isEqualTo("opened");
        assertThat(history.path("history").get(0).path("run_id").asLong()).isEqualTo(firstRun.path("id").asLong());
    }

    @Test
    void theHistoryOfAnUnknownFingerprintIs404() {
        refused(404, "0123456789abcdef", () -> http.get("/api/v1/findings/0123456789abcdef/history"));
    }

    private static List<JsonNode> findings(String query) {
        ApiHttp.Answer answer = http.get("/api/v1/findings?" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        answer.json().path("findings").forEach(list::add);
        return list;
    }
}
