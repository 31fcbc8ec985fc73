package io.dbwarden.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.api.ApiServer;
import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client takes its token from DBWARDEN_TOKEN, so these run the real command line in a child JVM with that variable
 * set (the variable cannot be set for this process), against a service that requires tokens.
 */
class TokenFromEnvironmentTest {

    private static final String VIEWER = "viewer-Tk-51e9";
    private static final String ADMIN = "admin-Tk-0b7d";
    /** A child JVM starts in about a second; this bounds one that hangs. */
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    static Path dir;

    private static ApiServer server;

    @BeforeAll
    static void start() {
        server = ApiServer.builder(dir).configTarget("pg", ApiServer.flagDatabase())
                .token(new ApiToken("reader", Role.VIEWER, TokenHash.of(VIEWER)))
                .token(new ApiToken("dba", Role.ADMIN, TokenHash.of(ADMIN)))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Child(int exitCode, String out, String err) {
    }

    private static Child dbwarden(String token, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.dbwarden.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--server", server.url()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("DBWARDEN_TOKEN");
        if (token != null) {
            builder.environment().put("DBWARDEN_TOKEN", token);
        }
        Process process = builder.start();
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dbwarden " + String.join(" ", args) + " did not end");
        }
        return new Child(process.exitValue(),
                java.nio.file.Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                java.nio.file.Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void theTokenInDbwardenTokenIsSentAndItsRoleApplies() throws Exception {
        Child listed = dbwarden(VIEWER, "targets", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("pg");

        Child added = dbwarden(ADMIN, "targets", "add", "by-env-admin", "postgresql://app@db1/app?password=env:PW");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(server.service().inventory().get("by-env-admin").name()).isEqualTo("by-env-admin");
    }

    @Test
    void aRoleTooLowIsTheServersRefusalAndExitsTwo() throws Exception {
        Child denied = dbwarden(VIEWER, "targets", "add", "by-viewer", "postgresql://app@db1/app");

        assertThat(denied.exitCode()).isEqualTo(2);
        assertThat(denied.err()).startsWith("dbwarden: ").contains("admin").doesNotContain(VIEWER);
    }

    @Test
    void anUnknownTokenIsRefusedWithoutBeingPrinted() throws Exception {
        Child refused = dbwarden("not-a-real-token-77", "findings");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("the token in DBWARDEN_TOKEN was not accepted")
                .doesNotContain("not-a-real-token-77");
    }
}
