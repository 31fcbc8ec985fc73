package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.check.Severity;
import io.dbwarden.collect.FactSource;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.tls.TlsFactSource;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The TLS checks against real servers with planted certificates (see {@link TlsScenarios} for the servers and
 * {@link TlsCertificates} for how each certificate is made).
 */
class TlsChecksTest {

    private static final String PG_CERTIFICATE = "postgresql_tls_certificate";
    private static final String PG_MIN_PROTOCOL = "postgresql_ssl_min_protocol_weak";
    private static final String MY_CERTIFICATE = "mysql_tls_certificate";
    private static final String MY_DISABLED = "mysql_tls_disabled";
    private static final String MY_WEAK_PROTOCOLS = "mysql_tls_weak_protocols";
    private static final String SOCKET_REASON = "connected over a unix socket; TLS is probed over TCP only";

    private static TlsFactSource probe() {
        return new TlsFactSource(Clock.systemUTC(), Duration.ofSeconds(5));
    }

    private static RunReport run(String dsn, FactSource tls, String... checks) {
        return CheckRun.against(dsn).checks(checks).withSource(BuiltinFact.TLS, tls).run();
    }

    private static Map<String, Finding> byProblem(List<Finding> findings) {
        return findings.stream().collect(Collectors.toMap(f -> f.texts().get("problem"), Function.identity()));
    }

    // ---- PostgreSQL

    @Test
    void expiredSha1SignedPostgresqlCertificateIsReportedOncePerProblem() {
        RunReport report = run(TlsScenarios.plantedPostgres().dsn("postgres"), probe(), PG_CERTIFICATE);

        Map<String, Finding> findings = byProblem(CheckRun.findings(report, PG_CERTIFICATE));
        assertThat(findings).containsOnlyKeys("expired", "weak_signature");
        Finding expired = findings.get("expired");
        assertThat(expired.severity()).isEqualTo(Severity.ERROR);
        assertThat(expired.texts()).containsEntry("not_after", TlsCertificates.EXPIRED_UNTIL)
                .containsEntry("key_bits", "2048");
        assertThat(expired.texts().get("subject")).contains("CN=localhost");
        assertThat(expired.summary()).contains("CN=localhost").contains("expired on 2021-01-01T00:00:00Z");
        assertThat(Long.parseLong(expired.texts().get("days_left"))).isNegative();
        assertThat(expired.remediation()).contains("a renewed certificate").contains("pg_reload_conf()");
        Finding sha1 = findings.get("weak_signature");
        assertThat(sha1.severity()).isEqualTo(Severity.WARNING);
        assertThat(sha1.summary()).contains("signed with SHA1withRSA");
        assertThat(sha1.remediation()).contains("a certificate signed with SHA-256");
        assertThat(expired.key()).containsExactly("problem");
    }

    @Test
    void rsaKeyUnder2048BitsIsReportedThroughAPostgresProtocolEndpointBecausePostgresqlHereCannotLoadOne()
            throws Exception {
        // Debian's OpenSSL 3 (security level 2) makes PostgreSQL refuse a 1024-bit certificate at start-up, and
        // ssl_ciphers cannot lower the level early enough: the check runs against a real PostgreSQL, the tls fact
        // comes from a real handshake with a JDK endpoint that speaks PostgreSQL's SSLRequest.
        TlsCertificates certs = TlsScenarios.certificates();
        try (TlsPostgresEndpoint endpoint = TlsPostgresEndpoint.serving(certs.weakKeyStore(),
                TlsCertificates.KEY_STORE_PASSWORD)) {
            Dsn endpointDsn = Dsn.parse("postgresql://postgres@127.0.0.1:" + endpoint.port() + "/postgres");
            TlsFactSource tls = probe();
            FactSource redirected = (target, version) -> tls.read(Target.of(endpointDsn), version);

            RunReport report = run(TlsScenarios.healthyPostgres().dsn("postgres"), redirected, PG_CERTIFICATE);

            Map<String, Finding> findings = byProblem(CheckRun.findings(report, PG_CERTIFICATE));
            assertThat(findings).containsOnlyKeys("weak_key", "expired", "weak_signature");
            Finding weakKey = findings.get("weak_key");
            assertThat(weakKey.severity()).isEqualTo(Severity.WARNING);
            assertThat(weakKey.texts()).containsEntry("key_bits", "1024").containsEntry("key_algorithm", "RSA");
            assertThat(weakKey.summary()).contains("1024 bits (at least 2048 wanted)");
            assertThat(weakKey.remediation()).contains("with a certificate with a new key of at least 2048 bits");
        }
    }

    @Test
    void certificateThatExpiresWithinThirtyDaysIsAWarningNamingTheDaysLeft() throws Exception {
        Instant notAfter = notAfter(TlsScenarios.certificates());
        Clock tenDaysBefore = Clock.fixed(notAfter.minus(Duration.ofDays(10)).minusSeconds(60), ZoneOffset.UTC);

        RunReport report = run(TlsScenarios.healthyPostgres().dsn("postgres"),
                new TlsFactSource(tenDaysBefore, Duration.ofSeconds(5)), PG_CERTIFICATE);

        List<Finding> findings = CheckRun.findings(report, PG_CERTIFICATE);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsEntry("problem", "expiring").containsEntry("days_left", "10");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("in 10 days");
            assertThat(f.remediation()).contains("a renewed certificate before " + notAfter);
        });
    }

    @Test
    void sslMinProtocolVersionBelowTls12IsReported() {
        RunReport report = run(TlsScenarios.plantedPostgres().dsn("postgres"), probe(), PG_MIN_PROTOCOL);

        assertThat(CheckRun.findings(report, PG_MIN_PROTOCOL)).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsEntry("ssl_min_protocol_version", "TLSv1");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.remediation()).contains("ssl_min_protocol_version = 'TLSv1.2'");
        });
    }

    @Test
    void healthyPostgresqlCertificateAndProtocolsAreQuiet() {
        RunReport report = run(TlsScenarios.healthyPostgres().dsn("postgres"), probe(), PG_CERTIFICATE, PG_MIN_PROTOCOL);

        CheckRun.assertQuiet(report, PG_CERTIFICATE, PG_MIN_PROTOCOL);
    }

    @Test
    void postgresqlWithSslOffLeavesTheMissingCertificateToTheSslOffCheck() {
        RunReport report = run(PostgresServer.shared().dsn("postgres"), probe(),
                PG_CERTIFICATE, PG_MIN_PROTOCOL, "postgresql_ssl_off");

        CheckRun.assertQuiet(report, PG_CERTIFICATE, PG_MIN_PROTOCOL);
        assertThat(CheckRun.findings(report, "postgresql_ssl_off")).hasSize(1);
    }

    // ---- MySQL / MariaDB

    @Test
    void weakExpiredSha1SignedMariadbCertificateIsReportedOncePerProblem() {
        RunReport report = run(TlsScenarios.plantedMariaDb().dsn(), probe(), MY_CERTIFICATE);

        Map<String, Finding> findings = byProblem(CheckRun.findings(report, MY_CERTIFICATE));
        assertThat(findings).containsOnlyKeys("weak_key", "expired", "weak_signature");
        Finding weakKey = findings.get("weak_key");
        assertThat(weakKey.severity()).isEqualTo(Severity.WARNING);
        assertThat(weakKey.texts()).containsEntry("key_bits", "1024")
                .containsEntry("not_after", TlsCertificates.EXPIRED_UNTIL);
        assertThat(weakKey.summary()).contains("CN=localhost").contains("only 1024 bits");
        assertThat(weakKey.remediation()).contains("FLUSH SSL");
        assertThat(findings.get("expired").severity()).isEqualTo(Severity.ERROR);
        assertThat(findings.get("weak_signature").texts()).containsEntry("signature_algorithm", "SHA1withRSA");
    }

    @Test
    void tlsVersionAllowingTls1AndTls11IsReportedWithTheSaferValue() {
        RunReport report = run(TlsScenarios.plantedMariaDb().dsn(), probe(), MY_WEAK_PROTOCOLS);

        assertThat(CheckRun.findings(report, MY_WEAK_PROTOCOLS)).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsEntry("tls_version", "TLSv1.0,TLSv1.1,TLSv1.2,TLSv1.3")
                    .containsEntry("weak_protocols", "TLSv1.0 and TLSv1.1")
                    .containsEntry("proposed", "TLSv1.2,TLSv1.3");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.remediation()).contains("tls_version = TLSv1.2,TLSv1.3");
        });
    }

    @Test
    void mysql57TlsVersionWithTls1IsReportedRecorded() throws Exception {
        List<Finding> findings = RecordedRun.of(MY_WEAK_PROTOCOLS)
                .version(ServerVersion.parse("5.7.44", Flavor.MYSQL))
                .variable("tls_version", "TLSv1,TLSv1.2")
                .findings();

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.texts())
                .containsEntry("weak_protocols", "TLSv1.0").containsEntry("proposed", "TLSv1.2"));
    }

    @Test
    void mariadbWithoutTlsIsReportedWithHaveSslAndItsCertificateCheckStaysQuiet() {
        RunReport report = run(MariaDbServer.shared().dsn(), probe(), MY_DISABLED, MY_CERTIFICATE);

        assertThat(CheckRun.findings(report, MY_DISABLED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.texts()).containsEntry("have_ssl", "DISABLED").containsEntry("have_openssl", "YES");
            assertThat(f.description()).contains("no usable certificate and key configured");
            assertThat(f.remediation()).contains("ssl_cert = ").contains("ssl_key = ");
        });
        CheckRun.assertQuiet(report, MY_CERTIFICATE);
    }

    @Test
    void mysqlWithoutHaveSslVariableIsStillReportedRecorded() throws Exception {
        List<Finding> findings = RecordedRun.of(MY_DISABLED)
                .version(ServerVersion.parse("8.4.3", Flavor.MYSQL))
                .fact("tls", Map.of("offered", false))
                .findings();

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.texts())
                .containsEntry("have_ssl", "not reported"));
    }

    @Test
    void healthyMariadbTlsIsQuiet() {
        RunReport report = run(TlsScenarios.healthyMariaDb().dsn(), probe(), MY_DISABLED, MY_WEAK_PROTOCOLS, MY_CERTIFICATE);

        CheckRun.assertQuiet(report, MY_DISABLED, MY_WEAK_PROTOCOLS, MY_CERTIFICATE);
    }

    // ---- where TLS cannot be probed

    @Test
    void tlsChecksAreSkippedOverAUnixSocketWithTheReason() {
        RunReport postgres = run(PostgresServer.shared().socketDsn("postgres"), probe(), PG_CERTIFICATE, PG_MIN_PROTOCOL);
        RunReport mariadb = run(MariaDbServer.shared().socketDsn(), probe(), MY_CERTIFICATE, MY_DISABLED, MY_WEAK_PROTOCOLS);

        for (RunItem item : List.of(CheckRun.item(postgres, PG_CERTIFICATE), CheckRun.item(mariadb, MY_CERTIFICATE),
                CheckRun.item(mariadb, MY_DISABLED))) {
            assertThat(item.status()).as(item.check()).isEqualTo(ItemStatus.SKIPPED);
            assertThat(item.reason()).as(item.check()).hasValue(SOCKET_REASON);
        }
        // the protocol checks read settings, not the probe, so they still run
        CheckRun.assertQuiet(postgres, PG_MIN_PROTOCOL);
        CheckRun.assertQuiet(mariadb, MY_WEAK_PROTOCOLS);
    }

    private static Instant notAfter(TlsCertificates certs) throws Exception {
        try (InputStream in = Files.newInputStream(certs.serverCert())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return cert.getNotAfter().toInstant();
        }
    }
}
