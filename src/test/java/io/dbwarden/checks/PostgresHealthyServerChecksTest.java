package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hardened server on which every PostgreSQL check must be quiet, and the harness's plain default instance,
 * which keeps initdb's defaults (trust on loopback, ssl off) and so is not entirely healthy.
 */
class PostgresHealthyServerChecksTest {

    private static final String PASSWORD = "Hardened-Test-Pw-7";

    @TempDir
    static Path tls;

    private static PostgresServer hardened;

    @BeforeAll
    static void startHardenedServer() {
        Path[] certAndKey = PostgresCheckScenarios.selfSignedCertificate(tls);
        hardened = PostgresServer.builder()
                .ssl(certAndKey[0], certAndKey[1])
                .setting("password_encryption", "scram-sha-256")
                .setting("shared_buffers", "256MB")
                .initSql(
                        "ALTER ROLE postgres PASSWORD '" + PASSWORD + "'",
                        "CREATE ROLE app LOGIN PASSWORD 'app-pw'",
                        // postgres_fdw used well: a verified remote server with a password, and a superuser's
                        // password-less mapping to this server's own socket.
                        "CREATE EXTENSION postgres_fdw",
                        "CREATE SERVER remote_ok FOREIGN DATA WRAPPER postgres_fdw"
                                + " OPTIONS (host 'db.example.com', sslmode 'verify-full', sslrootcert '/etc/ssl/remote-ca.crt')",
                        "CREATE USER MAPPING FOR app SERVER remote_ok OPTIONS (user 'app', password 'remote-pw')",
                        "CREATE SERVER self FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres')",
                        "CREATE USER MAPPING FOR postgres SERVER self OPTIONS (password_required 'false')",
                        // A slot that reserves no WAL retains nothing.
                        "SELECT pg_create_physical_replication_slot('standby_to_be')")
                .start();
        PostgresCheckScenarios.overwrite(hardened.dataDirectory().resolve("pg_hba.conf"), """
                # hardened by PostgresHealthyServerChecksTest
                local   all   all                  trust
                host    all   all   127.0.0.1/32   scram-sha-256
                host    all   all   ::1/128        scram-sha-256
                """);
        hardened.reload();
    }

    @AfterAll
    static void stop() {
        if (hardened != null) {
            hardened.close();
        }
    }

    @Test
    void everyPostgresCheckIsQuietOnAHardenedServerWithMemoryThatFitsItsSettings() {
        // 256 MiB + 100 x 4 MiB x 2 + 3 x 64 MiB = 1.2 GiB fits 2 GiB; 256 MiB is 12.5 % of it.
        String dsn = "postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + hardened.port() + "/postgres";
        RunReport report = CheckRun.against(dsn).checks(PostgresCheckScenarios.CHECKS).hostMemory("2GiB", 2).run();
        CheckRun.assertQuiet(report, PostgresCheckScenarios.CHECKS);
    }

    @Test
    void theHardenedServerNoLongerTrustsPasswordlessTcpConnections() {
        RunReport report = CheckRun.against("postgresql://postgres@127.0.0.1:" + hardened.port() + "/postgres")
                .checks("postgresql_fsync_off").run();
        assertThat(report.targets().get(0).failed()).as("a TCP connection without password is refused").isTrue();
    }

    @Test
    void theDefaultInitdbInstanceTrustsLoopbackHostConnectionsWhichIsAnError() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks("postgresql_hba_trust").run();
        List<Finding> findings = CheckRun.findings(report, "postgresql_hba_trust");
        assertThat(findings).extracting(f -> f.texts().get("database") + " " + f.texts().get("address"))
                .containsExactlyInAnyOrder("all 127.0.0.1/32", "all ::1/128", "replication 127.0.0.1/32", "replication ::1/128");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.texts()).containsEntry("user", "all").containsKey("line");
        });
    }

    @Test
    void theDefaultInstanceIsNotOpenToTheWorldAndHasNoFdwOrSlotProblems() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres"))
                .checks("postgresql_hba_open_to_world", "postgresql_fdw_password_not_required",
                        "postgresql_fdw_mapping_without_password", "postgresql_fdw_server_without_verified_tls",
                        "postgresql_inactive_replication_slot", "postgresql_superuser_roles",
                        "postgresql_password_encryption_md5", "postgresql_fsync_off", "postgresql_autovacuum_off")
                .run();
        CheckRun.assertQuiet(report);
    }

    @Test
    void sslOffOnAServerListeningOnLoopbackOnlyIsAWarning() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks("postgresql_ssl_off").run();
        assertThat(CheckRun.findings(report, "postgresql_ssl_off")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("listen_addresses", "127.0.0.1");
        });
    }

    @Test
    void sslOffIsNotReportedWhenTheServerAcceptsNoTcpConnectionsAtAll() {
        try (PostgresServer socketOnly = PostgresServer.builder().listenAddresses("").start()) {
            RunReport report = CheckRun.against(socketOnly.socketDsn("postgres")).checks("postgresql_ssl_off").run();
            CheckRun.assertQuiet(report, "postgresql_ssl_off");
        }
    }

    @Test
    void memoryOvercommitCountsMaintenanceWorkMemWhenAutovacuumWorkMemIsUnset() {
        // default settings: 128 MiB + 100 x 4 MiB x 2 + 3 x 64 MiB = 1.1 GiB on a 1 GiB host
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres"))
                .checks("postgresql_memory_overcommit", "postgresql_shared_buffers_undersized").hostMemory("1GiB", 1).run();
        assertThat(CheckRun.findings(report, "postgresql_memory_overcommit")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.texts()).containsEntry("connection_memory", "800 MiB")
                    .containsEntry("autovacuum_work_mem", "64 MiB").containsEntry("autovacuum_memory", "192 MiB")
                    .containsEntry("total", "1.1 GiB").containsEntry("memory", "1 GiB")
                    .containsEntry("fitting_work_mem", "3MB"); // (1024 - 128 - 192) MiB / 200
        });
        RunReport tiny = CheckRun.against(PostgresServer.shared().dsn("postgres"))
                .checks("postgresql_memory_overcommit").hostMemory("256MiB", 1).run();
        assertThat(CheckRun.findings(tiny, "postgresql_memory_overcommit")).singleElement().satisfies(f -> {
            assertThat(f.texts().get("fitting_work_mem")).startsWith("none");
            assertThat(f.remediation()).contains("unchanged: none, shared_buffers and autovacuum alone exceed RAM");
        });
        // 128 MiB is 12.5 % of 1 GiB: the two sizing checks are independent.
        CheckRun.assertQuiet(report, "postgresql_shared_buffers_undersized");
    }
}
