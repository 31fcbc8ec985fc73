package io.dbwarden.target;

import static io.dbwarden.target.SessionAssertions.everythingShown;
import static io.dbwarden.target.SessionAssertions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbwarden.target.TargetConnectException.Reason;
import io.dbwarden.testing.MariaDbServer;
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

/** Sessions against private MariaDB servers: the plain shared harness instance and one with TLS and passwords. */
class MariaDbSessionTest {

    private static final String PASSWORD = "s3cret-My-pass";
    private static final TargetConnector CONNECTOR =
            new TargetConnector(new ConnectOptions(Duration.ofSeconds(5), Duration.ofSeconds(1)));

    private static Target target(String dsn) throws DsnException {
        return Target.of(Dsn.parse(dsn));
    }

    private static String tlsCipher(Connection session) throws SQLException {
        try (Statement statement = session.createStatement();
             var rows = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            rows.next();
            return rows.getString(2);
        }
    }

    @Nested
    class WithoutTls {

        private final MariaDbServer server = MariaDbServer.shared();

        @Test
        void opensAReadOnlyTimeLimitedSessionOverTcp() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn()))) {
                assertThat(single(session, "SELECT @@session.tx_read_only")).isEqualTo("1");
                assertThat(single(session, "SELECT @@session.max_statement_time")).isEqualTo("1.000000");
                assertThat(single(session, "SELECT @@port")).isEqualTo(Integer.toString(server.port()));
                assertThat(session.isReadOnly()).isTrue();
                assertThat(session.getAutoCommit()).isTrue();
                assertThat(single(session, "SELECT @@session.lock_wait_timeout")).isEqualTo("1");
                assertThat(single(session, "SELECT @@session.innodb_lock_wait_timeout")).isEqualTo("1");
            }
        }

        @Test
        void refusesASecondStatementBeforeRunningTheFirst() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn()));
                 Statement statement = session.createStatement()) {
                assertThatThrownBy(() -> statement.execute("SELECT 1; SELECT 2"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("You have an error in your SQL syntax");
            }
        }

        @Test
        void preparesStatementsOnTheServer() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn()));
                 var prepared = session.prepareStatement("SELECT 1 INTO @v")) {
                assertThat(prepared).isInstanceOf(org.mariadb.jdbc.ServerPreparedStatement.class);
                assertThat(prepared.getMetaData().getColumnCount()).as("described by the server").isZero();
            }
        }

        @Test
        void opensASessionOverTheUnixSocket() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.socketDsn()))) {
                assertThat(single(session, "SELECT USER()")).isEqualTo("root@localhost");
                assertThat(single(session, "SHOW SESSION STATUS LIKE 'Ssl_cipher'")).isEqualTo("Ssl_cipher");
                assertThat(single(session, "SELECT @@session.tx_read_only")).isEqualTo("1");
            }
        }

        @Test
        void refusesAWrite() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn()));
                 Statement statement = session.createStatement()) {
                assertThatThrownBy(() -> statement.execute("CREATE DATABASE dbwarden_must_not_exist"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("READ ONLY transaction")
                        .extracting(e -> ((SQLException) e).getErrorCode()).isEqualTo(1792);
            }
        }

        @Test
        void interruptsAStatementThatOutlivesTheStatementTimeout() throws Exception {
            // MariaDB 10.11 raises ER_STATEMENT_TIMEOUT (1969) for SLEEP() killed by max_statement_time
            try (Connection session = CONNECTOR.open(target(server.dsn()));
                 Statement statement = session.createStatement()) {
                long start = System.nanoTime();
                SQLException e = catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT SLEEP(3)"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(e.getErrorCode()).isEqualTo(1969);
                assertThat(e.getMessage()).contains("max_statement_time exceeded");
                assertThat(took).isLessThan(Duration.ofMillis(2500));
            }
        }

        @Test
        void opensAnotherDatabaseOnTheSameServer() throws Exception {
            try (Connection session = CONNECTOR.open(target(server.dsn()), "mysql")) {
                assertThat(single(session, "SELECT DATABASE()")).isEqualTo("mysql");
            }
        }

        @Test
        void reportsAMissingDatabase() throws Exception {
            Target target = target(server.dsn());

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class,
                    () -> CONNECTOR.open(target, "no_such_db"));

            assertThat(e.reason()).isEqualTo(Reason.DATABASE_NOT_FOUND);
            assertThat(e).hasMessage(target.name() + ": database 'no_such_db' does not exist");
        }

        @Test
        void preferredTlsFallsBackToPlainWhenTheServerHasNoTls() throws Exception {
            for (String dsn : new String[] {server.dsn(), server.dsn() + "?ssl-mode=PREFERRED"}) {
                try (Connection session = CONNECTOR.open(target(dsn))) {
                    assertThat(tlsCipher(session)).isEmpty();
                }
            }
        }

        @Test
        void requiredTlsFailsWhenTheServerHasNoTls() throws Exception {
            Target target = target(server.dsn() + "?ssl-mode=REQUIRED");

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target));

            assertThat(e.reason()).isEqualTo(Reason.TLS);
            assertThat(e).hasMessage(target.name() + ": TLS handshake failed: the server does not support TLS");
        }

        @Test
        void reportsAMissingSocketFile() throws Exception {
            Target target = target("mysql://root@localhost/?socket=/nonexistent/dbwarden/mysqld.sock");

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target));

            assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(e.detail()).isEqualTo("cannot connect to /nonexistent/dbwarden/mysqld.sock: no such socket file");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTlsAndPasswords {

        private Path dir;
        private TestCertificates certs;
        private MariaDbServer server;

        @BeforeAll
        void startServer(@TempDir Path tempDir) throws Exception {
            dir = tempDir;
            certs = TestCertificates.create(dir, "carol");
            server = MariaDbServer.builder()
                    .ssl(certs.serverCert(), certs.serverKey(), certs.ca())
                    .initSql("CREATE USER 'bob'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'",
                            "GRANT ALL ON *.* TO 'bob'@'127.0.0.1'",
                            "CREATE USER 'carol'@'127.0.0.1' REQUIRE X509",
                            "GRANT SELECT ON *.* TO 'carol'@'127.0.0.1'")
                    .start();
        }

        @AfterAll
        void stopServer() {
            if (server != null) {
                server.close();
            }
        }

        private String dsn(String userInfo, String query) {
            return "mysql://" + userInfo + "@127.0.0.1:" + server.port() + "/" + query;
        }

        @Test
        void logsInWithAnInlinePasswordAndUsesTlsWhenOffered() throws Exception {
            try (Connection session = CONNECTOR.open(target(dsn("bob:" + PASSWORD, "")))) {
                assertThat(single(session, "SELECT CURRENT_USER()")).isEqualTo("bob@127.0.0.1");
                assertThat(tlsCipher(session)).isNotEmpty();
            }
        }

        @Test
        void refusesAWriteEvenForAUserAllowedToWrite() throws Exception {
            try (Connection session = CONNECTOR.open(target(dsn("bob:" + PASSWORD, "")));
                 Statement statement = session.createStatement()) {
                assertThatThrownBy(() -> statement.execute("CREATE DATABASE dbwarden_must_not_exist"))
                        .extracting(e -> ((SQLException) e).getErrorCode()).isEqualTo(1792);
            }
        }

        @Test
        void rejectsAWrongPasswordWithoutShowingIt() throws Exception {
            String wrong = "wrong-My-pass-42";
            Target target = target(dsn("bob:" + wrong, ""));

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target));

            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
            assertThat(e).hasMessage("127.0.0.1:" + server.port() + ": authentication failed for user 'bob'");
            assertThat(everythingShown(e)).doesNotContain(wrong);
        }

        @Test
        void takesThePasswordFromAnEnvironmentVariable() throws Exception {
            TargetConnector connector = new TargetConnector(CONNECTOR.options(),
                    LocalEnvironment.system().withVariables(Map.of("DBWARDEN_MY_PASS", PASSWORD)));

            try (Connection session = connector.open(target(dsn("bob", "?password=env:DBWARDEN_MY_PASS")))) {
                assertThat(single(session, "SELECT CURRENT_USER()")).isEqualTo("bob@127.0.0.1");
            }
        }

        @Test
        void takesThePasswordFromAFile() throws Exception {
            Path file = dir.resolve("my-password");
            Files.writeString(file, PASSWORD + "\n");

            try (Connection session = CONNECTOR.open(target(dsn("bob", "?password=file:" + file)))) {
                assertThat(single(session, "SELECT CURRENT_USER()")).isEqualTo("bob@127.0.0.1");
            }
        }

        @Test
        void verifiesTheServerIdentityAgainstTheGivenCa() throws Exception {
            String query = "?ssl-mode=VERIFY_IDENTITY&ssl-ca=" + certs.ca();

            try (Connection session = CONNECTOR.open(target(dsn("bob:" + PASSWORD, query)))) {
                assertThat(tlsCipher(session)).isNotEmpty();
            }
        }

        @Test
        void rejectsAServerCertificateFromAnotherCa() throws Exception {
            Target target = target(dsn("bob:" + PASSWORD, "?ssl-mode=VERIFY_CA&ssl-ca=" + certs.otherCa()));

            TargetConnectException e = catchThrowableOfType(TargetConnectException.class, () -> CONNECTOR.open(target));

            assertThat(e.reason()).as(everythingShown(e)).isEqualTo(Reason.TLS);
            assertThat(e.getMessage()).startsWith(target.name() + ": TLS handshake failed: ").doesNotContain(PASSWORD);
        }

        @Test
        void logsInWithAPemClientCertificate() throws Exception {
            String query = "?ssl-mode=VERIFY_IDENTITY&ssl-ca=" + certs.ca() + "&ssl-cert=" + certs.clientCert()
                    + "&ssl-key=" + certs.clientKeyPkcs1();

            try (Connection session = CONNECTOR.open(target(dsn("carol", query)))) {
                assertThat(single(session, "SELECT CURRENT_USER()")).isEqualTo("carol@127.0.0.1");
            }
        }

        @Test
        void aUserThatNeedsACertificateIsRejectedWithoutOne() throws Exception {
            TargetConnectException e = catchThrowableOfType(TargetConnectException.class,
                    () -> CONNECTOR.open(target(dsn("carol", ""))));

            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        }
    }
}
