package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.target.TargetConnectException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectFailuresTest {

    private static final ConnectOptions OPTIONS = new ConnectOptions(Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static TargetConnectException classify(Throwable failure, String dsn) throws DsnException {
        return ConnectFailures.classify(failure, "t1", resolved(dsn), OPTIONS);
    }

    private static ResolvedDsn resolved(String dsn) throws DsnException {
        try {
            return ResolvedDsn.of(Dsn.parse(dsn), LocalEnvironment.system());
        } catch (DsnResolutionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void postgresqlWrongPasswordIsAnAuthenticationFailure() throws DsnException {
        TargetConnectException e = classify(new SQLException(
                "FATAL: password authentication failed for user \"bob\"", "28P01"), "postgresql://bob:pw@h/db");

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e).hasMessage("t1: authentication failed for user 'bob'");
    }

    @Test
    void postgresqlHbaRejectionKeepsTheServersExplanation() throws DsnException {
        TargetConnectException e = classify(new SQLException(
                "FATAL: no pg_hba.conf entry for host \"10.1.1.1\", user \"bob\", database \"db\", no encryption",
                "28000"), "postgresql://bob@h/db");

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e).hasMessage("t1: authentication failed for user 'bob': no pg_hba.conf entry for host "
                + "\"10.1.1.1\", user \"bob\", database \"db\", no encryption");
    }

    @Test
    void mysqlAccessDeniedIsAnAuthenticationFailure() throws DsnException {
        TargetConnectException e = classify(new SQLException(
                "(conn=5) Access denied for user 'app'@'10.0.0.1' (using password: YES)", "28000", 1045),
                "mysql://app:pw@h/");

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e).hasMessage("t1: authentication failed for user 'app'");
    }

    @Test
    void unknownDatabasesAreReportedByName() throws DsnException {
        assertThat(classify(new SQLException("FATAL: database \"x\" does not exist", "3D000"), "postgresql://h/x"))
                .hasMessage("t1: database 'x' does not exist")
                .extracting(TargetConnectException::reason).isEqualTo(Reason.DATABASE_NOT_FOUND);
        assertThat(classify(new SQLException("Unknown database 'shop'", "42000", 1049), "mysql://h/shop"))
                .hasMessage("t1: database 'shop' does not exist")
                .extracting(TargetConnectException::reason).isEqualTo(Reason.DATABASE_NOT_FOUND);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws DsnException {
        TargetConnectException e = classify(new SQLException("Connection refused. Check...", "08001",
                new ConnectException("Connection refused")), "postgresql://10.0.0.9:5433/db");

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e).hasMessage("t1: cannot connect to 10.0.0.9:5433: connection refused");
    }

    @Test
    void aMissingSocketFileIsUnreachable() throws DsnException {
        TargetConnectException e = classify(new SQLException("The connection attempt failed.", "08001",
                new SocketException("No such file or directory")), "postgresql:///db?host=/nowhere");

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e).hasMessage("t1: cannot connect to /nowhere/.s.PGSQL.5432: no such socket file");
    }

    @Test
    void anUnknownHostIsUnreachable() throws DsnException {
        assertThat(classify(new SQLException("x", "08001", new UnknownHostException("nohost")), "mysql://nohost/"))
                .hasMessage("t1: cannot connect to nohost:3306: unknown host")
                .extracting(TargetConnectException::reason).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void aSocketTimeoutIsATimeoutNamingTheConnectTimeout() throws DsnException {
        TargetConnectException e = classify(new SQLException("x", "08001",
                new SocketTimeoutException("Read timed out")), "postgresql://10.255.255.1/db");

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e).hasMessage("t1: cannot connect to 10.255.255.1:5432: connection timed out after 5s");
    }

    @Test
    void pgjdbcLoginTimeoutIsATimeout() throws DsnException {
        assertThat(classify(new SQLException("Connection attempt timed out.", "08001"), "postgresql://h/db").reason())
                .isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void handshakeFailuresAreTls() throws DsnException {
        TargetConnectException e = classify(new SQLException("SSL error", "08006",
                new SSLHandshakeException("PKIX path building failed")), "postgresql://h/db?sslmode=verify-full");

        assertThat(e.reason()).isEqualTo(Reason.TLS);
        assertThat(e).hasMessage("t1: TLS handshake failed: PKIX path building failed");
    }

    @Test
    void aServerWithoutTlsIsATlsFailureWhenTlsIsRequired() throws DsnException {
        assertThat(classify(new SQLException("The server does not support SSL.", "08004"), "postgresql://h/db"))
                .hasMessage("t1: TLS handshake failed: the server does not support TLS");
    }

    @Test
    void anythingElseKeepsTheDriverMessageAndItsRootCause() throws DsnException {
        TargetConnectException e = classify(new SQLException("Something odd", "XX000", new IOException("deep reason")),
                "postgresql://h/db");

        assertThat(e.reason()).isEqualTo(Reason.OTHER);
        assertThat(e).hasMessage("t1: cannot connect to h:5432: Something odd (deep reason)");
    }

    @Test
    void scrubsThePasswordAndDropsACauseThatMentionsIt() throws DsnException {
        TargetConnectException e = classify(new SQLException("server said: bad pw hunter22!", "XX000"),
                "postgresql://bob:hunter22@h/db");

        assertThat(e.getMessage()).doesNotContain("hunter22").contains("bad pw ***!");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void keepsACauseThatDoesNotMentionThePassword() throws DsnException {
        SQLException cause = new SQLException("Something odd", "XX000");

        assertThat(classify(cause, "postgresql://bob:hunter22@h/db").getCause()).isSameAs(cause);
    }

    @Test
    void formatsDurationsBriefly() {
        assertThat(ConnectFailures.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(ConnectFailures.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(ConnectFailures.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
