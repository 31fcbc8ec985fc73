package io.dbwarden.checks;

import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The servers of the TLS tests, started once per JVM on first use and shared by the test classes that need them
 * (TlsChecksTest, TlsFactSourceTest, CertificateAuthenticationTest). Read-only once started.
 *
 * <ul>
 *   <li>{@link #healthyPostgres()}: ssl on with the CA-signed healthy certificate, ssl_ca_file = the CA, and
 *       {@code hostssl all dbwarden 127.0.0.1/32 cert} (plain TCP for dbwarden is rejected); role dbwarden with
 *       pg_monitor; log_connections on, so the log shows how each session was authenticated.</li>
 *   <li>{@link #plantedPostgres()}: ssl on with the SHA-1-signed expired 2048-bit certificate,
 *       ssl_min_protocol_version = TLSv1 and ssl_ciphers 'DEFAULT:@SECLEVEL=0', without which OpenSSL 3 refuses
 *       TLSv1/TLSv1.1 whatever the minimum says. A 1024-bit key cannot be planted in PostgreSQL here: Debian's
 *       OpenSSL 3 runs at security level 2 and PostgreSQL loads the certificate before it applies ssl_ciphers, so
 *       it stops with "ee key too small"; only OPENSSL_CONF in the server's environment could lower the level, and
 *       the harness resets the environment.</li>
 *   <li>{@link #healthyMariaDb()}: ssl_cert/ssl_key/ssl_ca with the healthy certificate and the CA; user
 *       dbwarden@'%' REQUIRE X509.</li>
 *   <li>{@link #plantedMariaDb()}: the 1024-bit SHA-1-signed expired certificate, loadable only with
 *       ssl_cipher = DEFAULT:@SECLEVEL=0 (MariaDB applies the cipher list before loading the certificate;
 *       without it mariadbd aborts with "Unable to get certificate"), and tls_version allowing TLSv1 and TLSv1.1.</li>
 * </ul>
 */
public final class TlsScenarios {

    public static final String MONITOR_USER = TlsCertificates.CLIENT;

    private static TlsCertificates certificates;
    private static PostgresServer healthyPostgres;
    private static PostgresServer plantedPostgres;
    private static MariaDbServer healthyMariaDb;
    private static MariaDbServer plantedMariaDb;

    private TlsScenarios() {
    }

    public static synchronized TlsCertificates certificates() {
        if (certificates == null) {
            try {
                Path dir = Files.createTempDirectory("dbwarden-tls-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                certificates = TlsCertificates.create(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while making certificates", e);
            }
        }
        return certificates;
    }

    public static synchronized PostgresServer healthyPostgres() {
        if (healthyPostgres == null || !healthyPostgres.isRunning()) {
            TlsCertificates certs = certificates();
            healthyPostgres = PostgresServer.builder()
                    .ssl(certs.serverCert(), certs.serverKey())
                    .rootCert(certs.ca())
                    .hbaLine("hostssl all " + MONITOR_USER + " 127.0.0.1/32 cert")
                    .hbaLine("host all " + MONITOR_USER + " 127.0.0.1/32 reject")
                    .setting("log_connections", "on")
                    .initSql("CREATE ROLE " + MONITOR_USER + " LOGIN", "GRANT pg_monitor TO " + MONITOR_USER)
                    .start();
        }
        return healthyPostgres;
    }

    public static synchronized PostgresServer plantedPostgres() {
        if (plantedPostgres == null || !plantedPostgres.isRunning()) {
            TlsCertificates certs = certificates();
            plantedPostgres = PostgresServer.builder()
                    .ssl(certs.sha1ExpiredCert(), certs.sha1ExpiredKey())
                    .setting("ssl_min_protocol_version", "TLSv1")
                    .setting("ssl_ciphers", "DEFAULT:@SECLEVEL=0")
                    .start();
        }
        return plantedPostgres;
    }

    public static synchronized MariaDbServer healthyMariaDb() {
        if (healthyMariaDb == null || !healthyMariaDb.isRunning()) {
            TlsCertificates certs = certificates();
            healthyMariaDb = MariaDbServer.builder()
                    .ssl(certs.serverCert(), certs.serverKey(), certs.ca())
                    .initSql("CREATE USER " + MONITOR_USER + "@'%' REQUIRE X509")
                    .start();
        }
        return healthyMariaDb;
    }

    public static synchronized MariaDbServer plantedMariaDb() {
        if (plantedMariaDb == null || !plantedMariaDb.isRunning()) {
            TlsCertificates certs = certificates();
            plantedMariaDb = MariaDbServer.builder()
                    .ssl(certs.weakCert(), certs.weakKey(), null)
                    .option("ssl_cipher", "DEFAULT:@SECLEVEL=0")
                    .option("tls_version", "TLSv1.0,TLSv1.1,TLSv1.2,TLSv1.3")
                    .start();
        }
        return plantedMariaDb;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
