package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.checks.CheckRun;
import io.dbwarden.checks.TlsCertificates;
import io.dbwarden.checks.TlsScenarios;
import io.dbwarden.cli.Main;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.TargetReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.tls.TlsFactSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * dbwarden logging in with a client certificate instead of a password, end to end: a CA, a server certificate for
 * localhost / 127.0.0.1 and a client certificate for CN dbwarden (see {@link TlsCertificates}); PostgreSQL with
 * {@code hostssl all dbwarden 127.0.0.1/32 cert} and MariaDB with {@code dbwarden@'%' REQUIRE X509}
 * (see {@link TlsScenarios}), both verified with the CA and the host name.
 */
class CertificateAuthenticationTest {

    private static final String PG_CHECKS = "postgresql_tls_certificate,postgresql_ssl_min_protocol_weak";

    private static String postgresDsn(Path rootCert, boolean clientCertificate) {
        TlsCertificates certs = TlsScenarios.certificates();
        String dsn = "postgresql://dbwarden@localhost:" + TlsScenarios.healthyPostgres().port()
                + "/postgres?sslmode=verify-full&sslrootcert=" + rootCert;
        return clientCertificate ? dsn + "&sslcert=" + certs.clientCert() + "&sslkey=" + certs.clientKey() : dsn;
    }

    private static String mariaDbDsn(Path ca, boolean clientCertificate) {
        TlsCertificates certs = TlsScenarios.certificates();
        String dsn = "mysql://dbwarden@localhost:" + TlsScenarios.healthyMariaDb().port()
                + "/?ssl-mode=VERIFY_IDENTITY&ssl-ca=" + ca;
        return clientCertificate ? dsn + "&ssl-cert=" + certs.clientCert() + "&ssl-key=" + certs.clientKey() : dsn;
    }

    private static RunReport run(String dsn, String... checks) {
        return CheckRun.against(dsn).checks(checks)
                .withSource(BuiltinFact.TLS, new TlsFactSource(Clock.systemUTC(), Duration.ofSeconds(5))).run();
    }

    private static TargetReport target(RunReport report) {
        assertThat(report.targets()).hasSize(1);
        return report.targets().getFirst();
    }

    @Test
    void postgresqlRoleAuthenticatedByItsCertificateRunsTheChecks() throws Exception {
        PostgresServer server = TlsScenarios.healthyPostgres();

        RunReport report = run(postgresDsn(TlsScenarios.certificates().ca(), true), PG_CHECKS.split(","));

        assertThat(target(report).failure()).isEmpty();
        CheckRun.assertQuiet(report, PG_CHECKS.split(","));
        assertThat(Files.readString(server.logFile()))
                .contains("connection authenticated: identity=\"CN=dbwarden\" method=cert");
    }

    @Test
    void postgresqlCertificateSignedByAnotherCaFailsTheTlsHandshakeNamingTheCause() {
        RunReport report = run(postgresDsn(TlsScenarios.certificates().otherCa(), true), PG_CHECKS.split(","));

        assertThat(target(report).failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("TLS handshake failed").contains("certification path"));
    }

    @Test
    void postgresqlLoginWithoutClientCertificateIsAnAuthenticationFailure() {
        RunReport report = run(postgresDsn(TlsScenarios.certificates().ca(), false), PG_CHECKS.split(","));

        assertThat(target(report).failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("authentication failed for user 'dbwarden'").contains("certificate"));
    }

    @Test
    void mariadbUserRequiringX509RunsTheChecksFromTheCommandLine() {
        MariaDbServer server = TlsScenarios.healthyMariaDb();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), false, "check",
                mariaDbDsn(TlsScenarios.certificates().ca(), true), "--checks", "mysql_tls_weak_protocols",
                "--format", "json");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("\"mysql_tls_weak_protocols\"").contains("\"ok\"")
                .doesNotContain("authentication failed");
        assertThat(server.query("SELECT ssl_type FROM mysql.user WHERE user = 'dbwarden'"))
                .singleElement().satisfies(row -> assertThat(row.values()).containsExactly("X509"));
    }

    @Test
    void mariadbCertificateSignedByAnotherCaIsNotTrusted() {
        RunReport report = run(mariaDbDsn(TlsScenarios.certificates().otherCa(), true), "mysql_tls_weak_protocols");

        assertThat(target(report).failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("TLS handshake failed").contains("not trusted"));
    }

    @Test
    void mariadbLoginWithoutClientCertificateIsAnAuthenticationFailure() {
        RunReport report = run(mariaDbDsn(TlsScenarios.certificates().ca(), false), "mysql_tls_weak_protocols");

        assertThat(target(report).failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("authentication failed for user 'dbwarden'"));
    }
}
