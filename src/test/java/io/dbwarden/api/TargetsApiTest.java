package io.dbwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.testing.FreePorts;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsApiTest {

    private static final String PASSWORD = "Hx9-inline-Pw";

    @TempDir
    static Path dir;

    private static ApiServer server;
    private static ApiHttp http;
    private static String pgDsn;

    @BeforeAll
    static void start() {
        pgDsn = PostgresServer.shared().dsn("postgres");
        server = ApiServer.builder(dir).configTarget("from-config", pgDsn).start();
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String body(String name, String dsn) {
        return "{\"name\": \"" + name + "\", \"dsn\": \"" + dsn + "\"}";
    }

    /** Asserts that {@code request} is refused with {@code status} and a message containing {@code message}, changing nothing. */
    private static ApiHttp.Answer refused(int status, String message, java.util.function.Supplier<ApiHttp.Answer> request) {
        String before = server.state();
        ApiHttp.Answer answer = request.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.error()).contains(message);
        assertThat(server.state()).as("state after a refused request").isEqualTo(before);
        return answer;
    }

    @Test
    void aTargetCreatedThroughTheApiIsListedReadAndAuditedWithItsPasswordReferenceVisible() {
        String dsn = pgDsn + "?password=env:ORDERS_PW";
        ApiHttp.Answer created = http.post("/api/v1/targets", "{\"name\": \"orders\", \"dsn\": \"" + dsn + "\", "
                + "\"labels\": {\"team\": \"orders\"}, \"host\": {\"memory_bytes\": 68719476736, \"cpus\": 16}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/targets/orders");
        JsonNode target = created.json();
        assertThat(target.path("name").asText()).isEqualTo("orders");
        assertThat(target.path("engine").asText()).isEqualTo("postgresql");
        assertThat(target.path("dsn").asText()).isEqualTo(dsn);
        assertThat(target.path("labels").path("team").asText()).isEqualTo("orders");
        assertThat(target.path("host").path("memory_bytes").asLong()).isEqualTo(64L << 30);
        assertThat(target.path("host").path("cpus").asInt()).isEqualTo(16);
        assertThat(target.path("source").asText()).isEqualTo("api");

        assertThat(http.get("/api/v1/targets/orders").json()).isEqualTo(target);
        assertThat(http.get("/api/v1/targets").json().path("targets")).extracting(t -> t.path("name").asText())
                .contains("orders", "from-config");
        JsonNode audit = http.get("/api/v1/audit?limit=5").json().path("entries");
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("target.create");
            assertThat(e.path("subject").asText()).isEqualTo("target/orders");
            assertThat(e.path("actor").asText()).isEqualTo("local");
        });
    }

    @Test
    void aTargetIsUpdatedWholeAndDeletedAndThenItIsGone() {
        assertThat(http.post("/api/v1/targets", body("short-lived", pgDsn)).status()).isEqualTo(201);

        ApiHttp.Answer updated = http.put("/api/v1/targets/short-lived",
                "{\"dsn\": \"" + pgDsn + "?password=file:/run/secrets/pw\", \"labels\": {\"env\": \"qa\"}}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("dsn").asText()).endsWith("?password=file:/run/secrets/pw");
        assertThat(updated.json().path("labels").path("env").asText()).isEqualTo("qa");

        ApiHttp.Answer deleted = http.delete("/api/v1/targets/short-lived");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.get("/api/v1/targets/short-lived").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/audit?limit=3").json().path("entries").get(0).path("action").asText())
                .isEqualTo("target.delete");
    }

    @Test
    void anInlinePasswordIsRefusedWithoutAKeyFileAndNeverRepeated() {
        String dsn = "postgresql://app:" + PASSWORD + "@db1.example.com/app";
        ApiHttp.Answer answer = refused(422, "secret key file",
                () -> http.post("/api/v1/targets", body("inline", dsn)));

        assertThat(answer.body()).doesNotContain(PASSWORD);
    }

    @Test
    void aDsnThatDoesNotParseIs422WithTheParsersMessageAndWithoutThePassword() {
        ApiHttp.Answer answer = refused(422, "notaport",
                () -> http.post("/api/v1/targets", body("bad-port", "postgresql://app:" + PASSWORD + "@db1:notaport/app")));
        assertThat(answer.error()).contains("port");
        assertThat(answer.body()).doesNotContain(PASSWORD);

        refused(422, "postgresql://", () -> http.post("/api/v1/targets", body("oracle", "oracle://scott@db/orcl")));
    }

    @Test
    void aTakenNameIs409AndChangesNothing() {
        assertThat(http.post("/api/v1/targets", body("taken", pgDsn)).status()).isEqualTo(201);

        refused(409, "already exists", () -> http.post("/api/v1/targets", body("taken", pgDsn + "?sslmode=require")));
        assertThat(http.get("/api/v1/targets/taken").json().path("dsn").asText()).isEqualTo(pgDsn);
    }

    @Test
    void invalidNamesAndLabelsAre422() {
        refused(422, "target name '1st'", () -> http.post("/api/v1/targets", body("1st", pgDsn)));
        refused(422, "label 'severity'", () -> http.post("/api/v1/targets",
                "{\"name\": \"labelled\", \"dsn\": \"" + pgDsn + "\", \"labels\": {\"severity\": \"x\"}}"));
        refused(422, "host.cpus", () -> http.post("/api/v1/targets",
                "{\"name\": \"hosted\", \"dsn\": \"" + pgDsn + "\", \"host\": {\"cpus\": 0}}"));
    }

    @Test
    void malformedBodiesAre400NamingWhatIsWrongAndChangeNothing() {
        refused(400, "malformed JSON at line 1", () -> http.post("/api/v1/targets", "{\"name\": \"x\","));
        refused(400, "the request body is empty", () -> http.post("/api/v1/targets", ""));
        refused(400, "unknown field $.password", () -> http.post("/api/v1/targets",
                "{\"name\": \"x\", \"dsn\": \"" + pgDsn + "\", \"password\": \"" + PASSWORD + "\"}"));
        refused(400, "a target needs a \"dsn\"", () -> http.post("/api/v1/targets", "{\"name\": \"x\"}"));
        refused(400, "a target needs a \"name\"", () -> http.post("/api/v1/targets", "{\"dsn\": \"" + pgDsn + "\"}"));
        refused(400, "invalid value in $.labels", () -> http.post("/api/v1/targets",
                "{\"name\": \"x\", \"dsn\": \"" + pgDsn + "\", \"labels\": [\"env\"]}"));
        refused(400, "invalid value in $.host.cpus", () -> http.post("/api/v1/targets",
                "{\"name\": \"x\", \"dsn\": \"" + pgDsn + "\", \"host\": {\"cpus\": \"many\"}}"));
        refused(400, "unknown query parameter 'force'", () -> http.post("/api/v1/targets?force=1", body("x", pgDsn)));
    }

    @Test
    void aBodyThatRenamesTheTargetIs400() {
        assertThat(http.post("/api/v1/targets", body("keep-name", pgDsn)).status()).isEqualTo(201);

        refused(400, "cannot be renamed", () -> http.put("/api/v1/targets/keep-name", body("new-name", pgDsn)));
    }

    @Test
    void unknownTargetsAre404ForEveryRouteThatNamesOne() {
        refused(404, "no target named 'ghost'", () -> http.get("/api/v1/targets/ghost"));
        refused(404, "no target named 'ghost'", () -> http.put("/api/v1/targets/ghost", body("ghost", pgDsn)));
        refused(404, "no target named 'ghost'", () -> http.delete("/api/v1/targets/ghost"));
        refused(404, "no target named 'ghost'", () -> http.post("/api/v1/targets/ghost/test", null));
    }

    @Test
    void aTargetFromTheConfigurationFileIsChangedOnlyThere() {
        refused(409, "configuration file", () -> http.put("/api/v1/targets/from-config", body("from-config", pgDsn)));
        refused(409, "configuration file", () -> http.delete("/api/v1/targets/from-config"));
        assertThat(http.get("/api/v1/targets/from-config").json().path("source").asText()).isEqualTo("config");
    }

    @Test
    void testingAReachableTargetSaysOkWithItsVersion() {
        ApiHttp.Answer answer = http.post("/api/v1/targets/from-config/test", null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("ok").asBoolean()).isTrue();
        assertThat(answer.json().path("version").asText()).contains("15");
    }

    @Test
    void testingAnUnreachableTargetIsAResultNotAnErrorAndNamesTheCause() {
        int port = FreePorts.find();
        String dsn = "postgresql://app@127.0.0.1:" + port + "/app?password=env:NOT_SET_ANYWHERE";
        assertThat(http.post("/api/v1/targets", body("unreachable", dsn)).status()).isEqualTo(201);

        ApiHttp.Answer answer = http.post("/api/v1/targets/unreachable/test", "{}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("ok").asBoolean()).isFalse();
        assertThat(answer.json().path("error").asText()).isNotBlank();
    }

    @Test
    void theTargetsListHasTheDocumentedShape() {
        List<String> fields = List.of("name", "engine", "dsn", "labels", "host", "source", "created_at", "updated_at",
                "last_successful_run");
        JsonNode first = http.get("/api/v1/targets").json().path("targets").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(fields);
    }
}
