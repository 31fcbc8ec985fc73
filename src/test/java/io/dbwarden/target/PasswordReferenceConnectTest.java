package io.dbwarden.target;

import static io.dbwarden.target.SessionAssertions.everythingShown;
import static io.dbwarden.target.SessionAssertions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbwarden.target.TargetConnectException.Reason;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password reference is read when a session is opened, against a private PostgreSQL whose account logs in with
 * a SCRAM password: a rotated secret is picked up by the next connection of the same target, and a reference that
 * cannot be read fails that target's connection with a message that names the reference and never the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordReferenceConnectTest {

    private static final String FIRST = "Zq9-first-Wx7";
    private static final String SECOND = "Kp4-second-Mv2";
    private static final String UNSET_VARIABLE = "DBWARDEN_TEST_PASSWORD_THAT_IS_NOT_SET";
    private static final ConnectOptions OPTIONS = new ConnectOptions(Duration.ofSeconds(5), Duration.ofSeconds(2));

    private PostgresServer server;

    @BeforeAll
    void startServer() {
        server = PostgresServer.builder()
                .hbaLine("host all rotor 127.0.0.1/32 scram-sha-256")
                .initSql("CREATE ROLE rotor LOGIN PASSWORD '" + FIRST + "'")
                .start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Target target(String passwordParameter) throws DsnException {
        return Target.of(Dsn.parse("postgresql://rotor@127.0.0.1:" + server.port() + "/postgres?password="
                + passwordParameter));
    }

    private static String currentUser(TargetConnector connector, Target target) throws Exception {
        try (Connection session = connector.open(target)) {
            return single(session, "SELECT current_user");
        }
    }

    @Test
    void aRotatedPasswordFileIsPickedUpByTheNextConnectionOfTheSameTarget(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rotor-password");
        Files.writeString(file, FIRST + "\n");
        Target target = target("file:" + file);
        TargetConnector connector = new TargetConnector(OPTIONS);
        try {
            assertThat(currentUser(connector, target)).isEqualTo("rotor");

            server.execute("ALTER ROLE rotor PASSWORD '" + SECOND + "'");
            TargetConnectException stale = catchThrowableOfType(TargetConnectException.class,
                    () -> connector.open(target).close());
            Files.writeString(file, SECOND + "\n");

            assertThat(stale.reason()).as("the old secret no longer logs in").isEqualTo(Reason.AUTHENTICATION_FAILED);
            assertThat(everythingShown(stale)).doesNotContain(FIRST, SECOND);
            assertThat(currentUser(connector, target)).as("the rewritten file is read again").isEqualTo("rotor");
            assertThat(target.toString() + target.dsn().redacted()).doesNotContain(FIRST, SECOND)
                    .contains("password=file:" + file);
        } finally {
            server.execute("ALTER ROLE rotor PASSWORD '" + FIRST + "'");
        }
    }

    @Test
    void aPasswordFromTheEnvironmentIsReadWhenConnecting() throws Exception {
        Target target = target("env:ROTOR_PASSWORD");

        TargetConnector connector = new TargetConnector(OPTIONS,
                LocalEnvironment.system().withVariables(Map.of("ROTOR_PASSWORD", FIRST)));

        assertThat(currentUser(connector, target)).isEqualTo("rotor");
    }

    @Test
    void anUnsetVariableFailsTheConnectionNamingTheVariable() throws Exception {
        Target target = target("env:" + UNSET_VARIABLE);
        TargetConnector connector = new TargetConnector(OPTIONS, LocalEnvironment.system().withVariables(Map.of()));

        TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> connector.open(target));

        assertThat(e.reason()).isEqualTo(Reason.SECRET_UNAVAILABLE);
        assertThat(e).hasMessage(target.name() + ": environment variable " + UNSET_VARIABLE
                + " (from password=env:" + UNSET_VARIABLE + ") is not set");
    }

    @Test
    void aPasswordFileRemovedSinceTheLastConnectionFailsTheNextOneNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rotor-password");
        Files.writeString(file, FIRST + "\n");
        Target target = target("file:" + file);
        TargetConnector connector = new TargetConnector(OPTIONS);
        assertThat(currentUser(connector, target)).isEqualTo("rotor");

        Files.delete(file);
        TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> connector.open(target));

        assertThat(e.reason()).isEqualTo(Reason.SECRET_UNAVAILABLE);
        assertThat(e).hasMessage(target.name() + ": password file " + file + " (from password=file:" + file
                + ") does not exist");
        assertThat(everythingShown(e)).doesNotContain(FIRST);
    }

    @Test
    void anotherDatabaseOfTheSameTargetReadsTheReferenceToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rotor-password");
        Files.writeString(file, FIRST + "\n");
        Target target = target("file:" + file);

        try (Connection session = new TargetConnector(OPTIONS).open(target, "template1")) {
            assertThat(single(session, "SELECT current_database()")).isEqualTo("template1");
        }
    }
}
