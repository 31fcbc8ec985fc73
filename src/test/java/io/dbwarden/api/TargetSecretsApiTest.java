package io.dbwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a secret key file the service keeps an inline password, encrypted; the API never gives it back. */
class TargetSecretsApiTest {

    private static final String PASSWORD = "Qm4-kept-Secret";

    @TempDir
    static Path dir;

    private static ApiServer server;
    private static ApiHttp http;

    @BeforeAll
    static void start() {
        PostgresServer.shared().execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'api_secret') "
                + "THEN CREATE ROLE api_secret LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$");
        server = ApiServer.builder(dir).keyFile().start();
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anInlinePasswordIsAcceptedUsedAndNeverShownByAnyRoute() {
        String dsn = "postgresql://api_secret:" + PASSWORD + "@127.0.0.1:" + PostgresServer.shared().port() + "/postgres";

        ApiHttp.Answer created = http.post("/api/v1/targets", "{\"name\": \"inline\", \"dsn\": \"" + dsn + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("dsn").asText())
                .isEqualTo("postgresql://api_secret:***@127.0.0.1:" + PostgresServer.shared().port() + "/postgres");

        ApiHttp.Answer tested = http.post("/api/v1/targets/inline/test", null);
        assertThat(tested.json().path("ok").asBoolean()).as(tested.body()).isTrue();

        ApiHttp.Answer updated = http.put("/api/v1/targets/inline", "{\"dsn\": \"" + dsn + "?sslmode=disable\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);

        for (ApiHttp.Answer answer : new ApiHttp.Answer[] {created, tested, updated, http.get("/api/v1/targets"),
                http.get("/api/v1/targets/inline"), http.get("/api/v1/audit")}) {
            assertThat(answer.body()).doesNotContain(PASSWORD);
        }
    }
}
