package io.dbwarden.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.checks.TlsCertificates;
import io.dbwarden.checks.TlsScenarios;
import io.dbwarden.collect.FactOutcome;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.testing.FreePorts;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TLS probe against real servers: what it reads, and how it says why it could not. */
class TlsFactSourceTest {

    private static final ServerVersion PG = ServerVersion.parse("15.0", Flavor.POSTGRESQL);
    private static final ServerVersion MARIADB = ServerVersion.parse("10.11.0", Flavor.MARIADB);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static FactOutcome probe(String dsn, ServerVersion version) throws Exception {
        return new TlsFactSource(Clock.systemUTC(), TIMEOUT).read(Target.of(Dsn.parse(dsn)), version);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> certificate(FactOutcome outcome) {
        assertThat(outcome.unknownReason()).isNull();
        return (Map<String, Object>) outcome.facts().get("certificate");
    }

    @Test
    void healthyServerShowsItsCertificateProtocolAndCipherWithDaysLeftFromTheClock() throws Exception {
        TlsCertificates certs = TlsScenarios.certificates();
        X509Certificate expected = read(certs);
        Instant oneDayIn = expected.getNotBefore().toInstant().plus(Duration.ofDays(1));
        TlsFactSource source = new TlsFactSource(Clock.fixed(oneDayIn, ZoneOffset.UTC), TIMEOUT);

        FactOutcome outcome = source.read(Target.of(Dsn.parse(TlsScenarios.healthyPostgres().dsn("postgres"))), PG);

        Map<String, Object> facts = outcome.facts();
        // PostgreSQL sends the CA of ssl_ca_file along with its own certificate
        assertThat(facts).containsEntry("offered", true).containsEntry("protocol", "TLSv1.3")
                .containsEntry("chain_length", 2L).containsEntry("weak_protocols_accepted", List.of());
        assertThat((String) facts.get("cipher")).startsWith("TLS_");
        assertThat(certificate(outcome))
                .containsEntry("subject", "CN=localhost")
                .containsEntry("issuer", "CN=dbwarden test CA")
                .containsEntry("self_signed", false)
                .containsEntry("key_algorithm", "RSA")
                .containsEntry("key_bits", 2048L)
                .containsEntry("signature_algorithm", "SHA256withRSA")
                .containsEntry("signature_hash", "SHA-256")
                .containsEntry("sha1_signed", false)
                .containsEntry("not_after", expected.getNotAfter().toInstant().toString())
                .containsEntry("days_left", (long) TlsCertificates.HEALTHY_DAYS - 1)
                .containsEntry("expired", false)
                .containsEntry("not_yet_valid", false)
                .containsEntry("serial", expected.getSerialNumber().toString(16))
                .containsEntry("alt_names", List.of("localhost", "127.0.0.1"));
    }

    @Test
    void weakCertificateOfMariadbIsReadAndLegacyProtocolsAreSeenAccepted() throws Exception {
        FactOutcome outcome = probe(TlsScenarios.plantedMariaDb().dsn(), MARIADB);

        assertThat(certificate(outcome))
                .containsEntry("key_bits", 1024L)
                .containsEntry("self_signed", true)
                .containsEntry("signature_algorithm", "SHA1withRSA")
                .containsEntry("sha1_signed", true)
                .containsEntry("not_before", TlsCertificates.EXPIRED_FROM)
                .containsEntry("not_after", TlsCertificates.EXPIRED_UNTIL)
                .containsEntry("expired", true);
        assertThat((Long) certificate(outcome).get("days_left")).isNegative();
        // tls_version lists TLSv1.0/1.1 and ssl_cipher lowers OpenSSL's security level: the server really speaks them
        assertThat(outcome.facts()).containsEntry("weak_protocols_accepted", List.of("TLSv1", "TLSv1.1"));
    }

    @Test
    void postgresqlWithMinimumTls1AndSecurityLevelZeroIsSeenAcceptingLegacyProtocols() throws Exception {
        FactOutcome outcome = probe(TlsScenarios.plantedPostgres().dsn("postgres"), PG);

        assertThat(outcome.facts()).containsEntry("weak_protocols_accepted", List.of("TLSv1", "TLSv1.1"));
        assertThat(certificate(outcome)).containsEntry("sha1_signed", true).containsEntry("expired", true);
    }

    @Test
    void serversWithoutTlsAreKnownNotToOfferIt() throws Exception {
        assertThat(probe(PostgresServer.shared().dsn("postgres"), PG).facts()).isEqualTo(Map.of("offered", false));
        assertThat(probe(MariaDbServer.shared().dsn(), MARIADB).facts()).isEqualTo(Map.of("offered", false));
    }

    @Test
    void unixSocketTargetIsNotApplicableWithTheReason() throws Exception {
        FactOutcome outcome = probe(PostgresServer.shared().socketDsn("postgres"), PG);

        assertThat(outcome.unavailable()).as("checks needing TLS are skipped, not failed")
                .isEqualTo(new Unavailable.NotApplicable("connected over a unix socket; TLS is probed over TCP only"));
    }

    @Test
    void closedPortFailsNamingTheEndpoint() throws Exception {
        int port = FreePorts.find();

        FactOutcome outcome = probe("postgresql://postgres@127.0.0.1:" + port + "/postgres", PG);

        assertThat(outcome.unavailable()).as("checks needing TLS err").isInstanceOf(Unavailable.Failed.class);
        assertThat(outcome.unknownReason()).startsWith("TLS probe failed: cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void serverThatNeverAnswersIsUnknownOnceTheTimeoutHasPassed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Dsn dsn = Dsn.parse("mysql://root@127.0.0.1:" + silent.getLocalPort() + "/");
            TlsFactSource source = new TlsFactSource(Clock.systemUTC(), Duration.ofMillis(300));
            long t0 = System.nanoTime();

            FactOutcome outcome = source.read(Target.of(dsn), MARIADB);

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(outcome.unknownReason()).contains("did not answer within 300ms during the server greeting and SSL Request");
        }
    }

    @Test
    void postgresqlProbeOfAMariadbPortSaysTheServerIsNotPostgresql() throws Exception {
        String dsn = "postgresql://postgres@127.0.0.1:" + MariaDbServer.shared().port() + "/postgres";

        FactOutcome outcome = probe(dsn, PG);

        assertThat(outcome.unknownReason()).contains("not 'S' or 'N': is it a PostgreSQL server?");
    }

    private static X509Certificate read(TlsCertificates certs) throws Exception {
        try (InputStream in = Files.newInputStream(certs.serverCert())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
