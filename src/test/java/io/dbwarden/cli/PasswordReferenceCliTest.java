package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.FreePorts;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password reference is read when the run connects: one that cannot be read means the target could not be
 * checked (exit 3), a malformed one is a usage error (exit 2), and the password is never printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordReferenceCliTest {

    private static final String PASSWORD = "Hq3-current-Pw";
    private static final String OLD_PASSWORD = "Ty8-rotated-away";
    private static final String UNSET_VARIABLE = "DBWARDEN_CLI_TEST_PASSWORD_THAT_IS_NOT_SET";

    private PostgresServer server;

    @BeforeAll
    void startServer() {
        server = PostgresServer.builder()
                .hbaLine("host all rotor 127.0.0.1/32 scram-sha-256")
                .initSql("CREATE ROLE rotor LOGIN PASSWORD '" + PASSWORD + "'")
                .start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String unreachable(String passwordParameter) {
        return "postgresql://bob@127.0.0.1:" + FreePorts.find() + "/postgres?password=" + passwordParameter;
    }

    @Test
    void aPasswordFileIsReadAtEachRunAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        String dsn = "postgresql://rotor@127.0.0.1:" + server.port() + "/postgres?password=file:" + file;
        Files.writeString(file, OLD_PASSWORD + "\n");

        Cli stale = Cli.run("check", dsn, "--checks", "postgresql_fsync_off", "--format", "json");
        Files.writeString(file, PASSWORD + "\n");
        Cli rotated = Cli.run("check", dsn, "--checks", "postgresql_fsync_off", "--format", "json");

        assertThat(stale.exitCode()).as(stale.all()).isEqualTo(3);
        assertThat(stale.err()).contains("authentication failed for user 'rotor'");
        assertThat(rotated.exitCode()).as(rotated.all()).isZero();
        assertThat(stale.all() + rotated.all()).contains("password=file:" + file).doesNotContain(OLD_PASSWORD, PASSWORD);
    }

    @Test
    void anUnsetPasswordVariableExitsThreeNamingTheVariable() {
        Assumptions.assumeTrue(System.getenv(UNSET_VARIABLE) == null, UNSET_VARIABLE + " is set in this environment");

        Cli cli = Cli.run("check", unreachable("env:" + UNSET_VARIABLE), "--format", "json");

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(3);
        assertThat(cli.err()).contains("environment variable " + UNSET_VARIABLE + " (from password=env:"
                + UNSET_VARIABLE + ") is not set");
        assertThat(cli.out()).contains("password=env:" + UNSET_VARIABLE);
    }

    @Test
    void aMissingPasswordFileExitsThreeNamingTheFile() {
        Cli cli = Cli.run("check", unreachable("file:/nonexistent/dbwarden/pw"));

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(3);
        assertThat(cli.err()).contains("password file /nonexistent/dbwarden/pw (from password=file:"
                + "/nonexistent/dbwarden/pw) does not exist");
    }

    @Test
    void aMalformedReferenceExitsTwoWithoutRepeatingIt() {
        Cli cli = Cli.run("check", unreachable("Zq9-secret-Wx7"));

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(2);
        assertThat(cli.err()).contains("parameter 'password' must be env:NAME or file:PATH")
                .doesNotContain("Zq9-secret-Wx7");
    }
}
