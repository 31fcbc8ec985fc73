package io.dbwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may do what on /api/v1: a viewer reads, an operator also runs checks, an admin also changes targets and settings. */
class AccessApiTest {

    private static final String VIEWER = "viewer-token-4f1d";
    private static final String OPERATOR = "operator-token-93ac";
    private static final String ADMIN = "admin-token-c07e";

    @TempDir
    static Path dir;

    private static ApiServer server;
    private static String pgDsn;

    @BeforeAll
    static void start() {
        pgDsn = ApiServer.flagDatabase();
        server = ApiServer.builder(dir).configTarget("pg", pgDsn).flagCheck()
                .token(new ApiToken("grafana", Role.VIEWER, TokenHash.of(VIEWER)))
                .token(new ApiToken("oncall", Role.OPERATOR, TokenHash.of(OPERATOR)))
                .token(new ApiToken("dba", Role.ADMIN, TokenHash.of(ADMIN)))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void denied(int status, Supplier<ApiHttp.Answer> request) {
        String before = server.state();
        ApiHttp.Answer answer = request.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.error()).isNotBlank();
        assertThat(server.state()).as("state after a denied request").isEqualTo(before);
    }

    private static String target(String name) {
        return "{\"name\": \"" + name + "\", \"dsn\": \"" + pgDsn + "\"}";
    }

    @Test
    void withoutATokenOrWithAnUnknownOneEveryRouteIs401AndNothingChanges() {
        denied(401, () -> server.http().get("/api/v1/findings"));
        denied(401, () -> server.http().post("/api/v1/runs", "{}"));
        denied(401, () -> server.http("wrong-token").post("/api/v1/targets", target("intruder")));
        denied(401, () -> server.http().get("/api/v1/openapi.json"));
    }

    @Test
    void aViewerReadsButCannotRunChecksOrChangeAnything() {
        ApiHttp viewer = server.http(VIEWER);

        assertThat(viewer.get("/api/v1/targets").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/checks/test_flags/settings").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/audit").status()).isEqualTo(200);
        denied(403, () -> viewer.post("/api/v1/runs", "{}"));
        denied(403, () -> viewer.post("/api/v1/targets/pg/test", null));
        denied(403, () -> viewer.put("/api/v1/checks/test_flags/settings", "{\"enabled\": false}"));
        denied(403, () -> viewer.delete("/api/v1/targets/pg"));
    }

    @Test
    void anOperatorRunsChecksButCannotChangeTargetsOrSettings() {
        ApiHttp operator = server.http(OPERATOR);

        ApiHttp.Answer run = operator.post("/api/v1/runs", "{\"check\": \"test_flags\"}");
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        assertThat(server.awaitRun(run.json().path("id").asLong()).path("requested_by").asText()).isEqualTo("oncall");
        denied(403, () -> operator.post("/api/v1/targets", target("by-operator")));
        denied(403, () -> operator.put("/api/v1/checks/test_flags/settings?target=pg", "{\"enabled\": false}"));
    }

    @Test
    void anAdminChangesTargetsAndTheAuditLogNamesItsToken() {
        ApiHttp admin = server.http(ADMIN);

        assertThat(admin.post("/api/v1/targets", target("by-admin")).status()).isEqualTo(201);
        assertThat(admin.get("/api/v1/audit?limit=1").json().path("entries").get(0).path("actor").asText())
                .isEqualTo("dba");
    }

    @Test
    void theOpenApiDocumentIsServedToAViewerWithTheServerItDescribes() {
        ApiHttp.Answer answer = server.http(VIEWER).get("/api/v1/openapi.json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(answer.json().path("servers").get(0).path("url").asText()).isEqualTo("/");
        assertThat(answer.json().path("paths").has("/api/v1/findings")).isTrue();
    }
}
