package io.dbwarden.target;

import static io.dbwarden.target.SessionAssertions.everythingShown;
import static io.dbwarden.target.SessionAssertions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbwarden.target.TargetConnectException.Reason;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Sessions against private PostgreSQL servers: the plain shared harness instance and one with TLS and passwords. */
class PostgresSessionTest {

    private static final String PASSWORD = "s3cret-Pg-pass";
    private static final TargetConnector CONNECTOR =
            new TargetConnector(new ConnectOptions(Duration.ofSeconds(5), Duration.ofSeconds(1)));

    private static Target target(String dsn) throws DsnException {
        return Target.of(Dsn.parse(dsn));
    }

    @Nested
    class WithoutTls {

        private final PostgresServer server = PostgresServer.shared();

        @Test
        void opensAReadOnlyTimeLimitedSessionOverTcp() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")))) {
                assertThat(single(session, "SHOW transaction_read_only")).isEqualTo("on");
                assertThat(single(session, "SHOW statement_timeout")).isEqualTo("1s");
                assertThat(single(session, "SHOW application_name")).isEqualTo("dbwarden");
                assertThat(single(session, "SELECT inet_server_addr()::text")).isEqualTo("127.0.0.1/32");
                assertThat(session.isReadOnly()).isTrue();
                assertThat(session.getAutoCommit()).as("each statement runs in a transaction the caller rolls back")
                        .isFalse();
            }
        }

        @Test
        void resolvesNamesInTheSystemCatalogAndLimitsLocksAndIdleTransactions() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")))) {
                assertThat(single(session, "SHOW search_path")).isEqualTo("pg_catalog, pg_temp");
                assertThat(single(session, "SHOW lock_timeout")).isEqualTo("1s");
                assertThat(single(session, "SHOW idle_in_transaction_session_timeout")).isEqualTo("6s");
                assertThat(single(session, "SHOW default_transaction_read_only")).isEqualTo("on");
            }
        }

        @Test
        void aSettingChangedInsideATransactionEndsWithItsRollback() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")))) {
                single(session, "SELECT set_config('search_path', 'public', false)");
                session.rollback();

                assertThat(single(session, "SHOW search_path")).isEqualTo("pg_catalog, pg_temp");
            }
        }

        @Test
        void sendsEveryStatementThroughTheExtendedProtocolSoTheServerSeesOneStatementPerParse() throws Exception {
            // pgjdbc sends what it reads as one statement in one Parse message; the server refuses a second one there
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")));
                 Statement statement = session.createStatement()) {
                assertThatThrownBy(() -> statement.execute("SELECT 1 AS \u00a0$a$; SELECT 2 --$a$"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("cannot insert multiple commands into a prepared statement");
            }
        }

        @Test
        void opensASessionOverTheUnixSocket() throws Exception {
            String dsn = "postgresql://postgres@/postgres?host=" + server.socketDirectory() + "&port=" + server.port();

            try (Connection session = CONNECTOR.open(target(dsn))) {
                assertThat(single(session, "SELECT inet_server_addr()")).isNull();
                assertThat(single(session, "SHOW transaction_read_only")).isEqualTo("on");
                assertThat(single(session, "SELECT current_user")).isEqualTo("postgres");
            }
        }

        @Test
        void refusesAWrite() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")));
                 Statement statement = session.createStatement()) {
                assertThatThrownBy(() -> statement.execute("CREATE TABLE dbwarden_must_not_exist (id int)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only transaction")
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");
            }
        }

        @Test
        void refusesAWriteEvenInAnExplicitTransaction() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")));
                 Statement statement = session.createStatement()) {
                session.setAutoCommit(false);
                assertThatThrownBy(() -> statement.execute("CREATE TABLE dbwarden_must_not_exist (id int)"))
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");
                session.rollback();
            }
        }

        @Test
        void cancelsAStatementThatOutlivesTheStatementTimeout() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")));
                 Statement statement = session.createStatement()) {
                long start = System.nanoTime();
                SQLException e = catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT pg_sleep(3)"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(e.getSQLState()).isEqualTo("57014");
                assertThat(took).isLessThan(Duration.ofMillis(2500));
            }
        }

        @Test
        void opensAnotherDatabaseOnTheSameServer() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres")), "template1")) {
                assertThat(single(session, "SELECT current_database()")).isEqualTo("template1");
                assertThat(single(session, "SHOW transaction_read_only")).isEqualTo("on");
            }
        }

        @Test
        void reportsAMissingDatabase() throws Exception {
            Target target = target(server.dsn("postgres"));

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class,
                    () -> CONNECTOR.open(target, "no_such_db"));

            assertThat(e.reason()).isEqualTo(Reason.DATABASE_NOT_FOUND);
            assertThat(e).hasMessage(target.name() + ": database 'no_such_db' does not exist");
        }

        @Test
        void preferredTlsFallsBackToPlainWhenTheServerHasNoTls() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn("postgres") + "?sslmode=prefer"))) {
                assertThat(single(session, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("f");
            }
        }

        @Test
        void requiredTlsFailsWhenTheServerHasNoTls() throws Exception {
            Target target = target(server.dsn("postgres") + "?sslmode=require");

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target));

            assertThat(e.reason()).isEqualTo(Reason.TLS);
            assertThat(e).hasMessage(target.name() + ": TLS handshake failed: the server does not support TLS");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTlsAndPasswords {

        private Path dir;
        private TestCertificates certs;
        private PostgresServer server;

        @BeforeAll
        void startServer(@TempDir Path tempDir) throws Exception {
            dir = tempDir;
            certs = TestCertificates.create(dir, "carol");
            server = PostgresServer.builder()
                    .ssl(certs.serverCert(), certs.serverKey())
                    .rootCert(certs.ca())
                    .hbaLine("hostssl all carol 127.0.0.1/32 cert")
                    .hbaLine("host all bob 127.0.0.1/32 scram-sha-256")
                    .initSql("CREATE ROLE bob LOGIN PASSWORD '" + PASSWORD + "'", "CREATE ROLE carol LOGIN")
                    .start();
        }

        @AfterAll
        void stopServer() {
            if (server != null) {
                server.close();
            }
        }

        private String bobDsn(String password, String query) {
            return "postgresql://bob" + (password == null ? "" : ":" + password) + "@127.0.0.1:" + server.port()
                    + "/postgres" + query;
        }

        @Test
        void logsInWithAnInlinePasswordAndUsesTlsWhenOffered() throws Exception {
            try (Connection session = CONNECTOR.open(target(bobDsn(PASSWORD, "")))) {
                assertThat(single(session, "SELECT current_user")).isEqualTo("bob");
                assertThat(single(session, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("t");
            }
        }

        @Test
        void rejectsAWrongPasswordWithoutShowingIt() throws Exception {
            String wrong = "wrong-Pg-pass-42";
            Target target = target(bobDsn(wrong, ""));

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target));

            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
            assertThat(e).hasMessage("127.0.0.1:" + server.port() + ": authentication failed for user 'bob'");
            assertThat(everythingShown(e)).doesNotContain(wrong);
        }

        @Test
        void saysWhenTheServerWantsAPasswordButNoneWasGiven() throws Exception {
            TargetConnectException e = catchThrowableOfType(TargetConnectException.class,
                    () -> CONNECTOR.open(target(bobDsn(null, ""))));

            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
            assertThat(e.detail()).isEqualTo("authentication failed for user 'bob': the server asks for a password "
                    + "but none was given");
        }

        @Test
        void takesThePasswordFromAnEnvironmentVariable() throws Exception {
            TargetConnector connector = new TargetConnector(CONNECTOR.options(),
                    LocalEnvironment.system().withVariables(Map.of("DBWARDEN_PG_PASS", PASSWORD)));

            try (Connection session = connector.open(target(bobDsn(null, "?password=env:DBWARDEN_PG_PASS")))) {
                assertThat(single(session, "SELECT current_user")).isEqualTo("bob");
            }
        }

        @Test
        void takesThePasswordFromAFile() throws Exception {
            Path file = dir.resolve("pg-password");
            Files.writeString(file, PASSWORD + "\n");

            try (Connection session = CONNECTOR.open(target(bobDsn(null, "?password=file:" + file)))) {
                assertThat(single(session, "SELECT current_user")).isEqualTo("bob");
            }
        }

        @Test
        void verifiesTheServerAgainstTheGivenCa() throws Exception {
            String query = "?sslmode=verify-full&sslrootcert=" + certs.ca();

            try (Connection session = CONNECTOR.open(target(bobDsn(PASSWORD, query)))) {
                assertThat(single(session, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("t");
            }
        }

        @Test
        void rejectsAServerCertificateFromAnotherCa() throws Exception {
            Target target = target(bobDsn(PASSWORD, "?sslmode=verify-full&sslrootcert=" + certs.otherCa()));

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target));

            assertThat(e.reason()).as(everythingShown(e)).isEqualTo(Reason.TLS);
            assertThat(e.getMessage()).startsWith(target.name() + ": TLS handshake failed: ").doesNotContain(PASSWORD);
        }

        @Test
        void logsInWithAPemClientCertificate() throws Exception {
            String dsn = "postgresql://carol@127.0.0.1:" + server.port() + "/postgres?sslmode=verify-full"
                    + "&sslrootcert=" + certs.ca() + "&sslcert=" + certs.clientCert() + "&sslkey=" + certs.clientKey();

            try (Connection session = CONNECTOR.open(target(dsn))) {
                assertThat(single(session, "SELECT current_user")).isEqualTo("carol");
                assertThat(single(session, "SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                        .isEqualTo("/CN=carol");
            }
        }
    }
}
