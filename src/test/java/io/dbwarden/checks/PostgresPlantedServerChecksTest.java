package io.dbwarden.checks;

import static io.dbwarden.checks.PostgresCheckScenarios.field;
import static io.dbwarden.checks.PostgresCheckScenarios.lineOf;
import static io.dbwarden.checks.PostgresCheckScenarios.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.units.ByteSize;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One PostgreSQL server with many problems planted at once, checked in a single run with every PostgreSQL
 * check; each test reads that run's findings for one check. Next to each problem sits a look-alike that
 * must not be reported (a NOLOGIN superuser, a superuser's fdw mapping, a reject rule for ::/0, ...).
 */
class PostgresPlantedServerChecksTest {

    private static PostgresServer pg;
    private static RunReport run;
    private static Path hba;

    @BeforeAll
    static void plantProblemsAndRunEveryCheckOnce() {
        pg = PostgresServer.builder()
                .setting("fsync", "off")
                .setting("autovacuum", "off")
                .setting("password_encryption", "md5")
                .setting("wal_level", "logical")
                .setting("max_wal_size", "32MB")
                .setting("work_mem", "128MB")
                .setting("autovacuum_work_mem", "2GB")
                // 192.0.2.10 (TEST-NET-1) is not on this machine: the server warns it cannot bind it and
                // listens on 127.0.0.1 only, but the setting reads as listening beyond loopback.
                .listenAddresses("127.0.0.1, 192.0.2.10")
                .hbaLine("host all remote_app 0.0.0.0/0 trust")
                .hbaLine("host all remote_app 192.168.0.0 255.255.0.0 trust")
                .hbaLine("host all remote_app all scram-sha-256")
                .hbaLine("host all remote_app 10.1.2.3 0.0.0.0 md5")
                .hbaLine("host all remote_app ::/0 reject")
                .hbaLine("local all ops_admin trust")
                .start();
        pg.execute(
                "CREATE ROLE ops_admin LOGIN SUPERUSER",
                "CREATE ROLE break_glass NOLOGIN SUPERUSER",
                "CREATE ROLE watcher LOGIN IN ROLE pg_monitor",
                "CREATE ROLE fdw_nopw LOGIN",
                "CREATE ROLE fdw_pw LOGIN",
                "CREATE ROLE fdw_missing LOGIN",
                "CREATE DATABASE reporting");
        pg.executeIn("reporting",
                "CREATE EXTENSION postgres_fdw",
                "CREATE SERVER remote_plain FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.example.com', dbname 'app')",
                "CREATE SERVER remote_require FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '10.0.0.5', sslmode 'require')",
                "CREATE SERVER remote_multi FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost,db3.example.com')",
                "CREATE SERVER remote_verified FOREIGN DATA WRAPPER postgres_fdw"
                        + " OPTIONS (host 'db2.example.com', sslmode 'verify-full', sslrootcert '/etc/ssl/remote-ca.crt')",
                "CREATE SERVER remote_verify_ca FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '10.0.0.6', sslmode 'verify-ca')",
                "CREATE SERVER local_loop FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', dbname 'postgres')",
                "CREATE SERVER local_socket FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres')",
                "CREATE SERVER local_by_hostaddr FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.internal', hostaddr '127.0.0.1')",
                "CREATE USER MAPPING FOR fdw_nopw SERVER local_loop OPTIONS (password_required 'false')",
                "CREATE USER MAPPING FOR fdw_pw SERVER remote_plain OPTIONS (user 'app', password 's3cret')",
                "CREATE USER MAPPING FOR fdw_pw SERVER local_socket OPTIONS (password_required 'Off')",
                "CREATE USER MAPPING FOR fdw_pw SERVER remote_verified OPTIONS (user 'app', password 's3cret', password_required 'false')",
                "CREATE USER MAPPING FOR fdw_missing SERVER remote_verified OPTIONS (user 'app')",
                "CREATE USER MAPPING FOR ops_admin SERVER local_socket OPTIONS (password_required 'false')",
                "CREATE USER MAPPING FOR postgres SERVER remote_plain",
                "CREATE USER MAPPING FOR PUBLIC SERVER remote_require",
                // Not postgres_fdw: a wrapper without handler accepts any option and is none of these checks' business.
                "CREATE FOREIGN DATA WRAPPER other_fdw",
                "CREATE SERVER other_remote FOREIGN DATA WRAPPER other_fdw OPTIONS (host 'far.example.com')",
                "CREATE USER MAPPING FOR fdw_missing SERVER other_remote OPTIONS (password_required 'false')");
        // Physical slots reserve WAL from the last checkpoint's redo pointer: stale_big keeps four segment
        // switches (> max_wal_size), stale_small only what follows a fresh checkpoint.
        pg.execute(
                "SELECT pg_create_physical_replication_slot('stale_big', true)",
                "CREATE TABLE wal_filler (x int)",
                "INSERT INTO wal_filler VALUES (1)", "SELECT pg_switch_wal()",
                "INSERT INTO wal_filler VALUES (2)", "SELECT pg_switch_wal()",
                "INSERT INTO wal_filler VALUES (3)", "SELECT pg_switch_wal()",
                "INSERT INTO wal_filler VALUES (4)", "SELECT pg_switch_wal()",
                "CHECKPOINT",
                "SELECT pg_create_physical_replication_slot('stale_small', true)",
                "SELECT pg_create_logical_replication_slot('stale_logical', 'pgoutput')",
                "SELECT pg_create_physical_replication_slot('never_reserved')");
        hba = pg.dataDirectory().resolve("pg_hba.conf");
        run = CheckRun.against(pg.dsn("postgres")).checks(PostgresCheckScenarios.CHECKS).hostMemory("16GiB", 4).run();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void checksThatReadTheSameRowsShareOneQueryPerTarget() {
        // fdw mappings (2 checks, every database), fdw servers, hba rules (2 checks), listen addresses,
        // login superusers, inactive slots; the settings come from the one pg_settings read.
        assertThat(run.targets().get(0).stats().distinctQueries()).isEqualTo(6);
    }

    // ---- postgres_fdw

    @Test
    void fdwMappingsOfNonSuperusersWithPasswordRequiredFalseAreReportedPerDatabase() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_fdw_password_not_required");
        assertThat(findings).extracting(f -> f.texts().get("database") + "/" + f.texts().get("user") + "@" + f.texts().get("server"))
                .containsExactlyInAnyOrder("reporting/fdw_nopw@local_loop", "reporting/fdw_pw@local_socket",
                        "reporting/fdw_pw@remote_verified");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        Finding nopw = only(findings, "user", "fdw_nopw");
        assertThat(nopw.remediation())
                .startsWith("ALTER USER MAPPING FOR fdw_nopw SERVER local_loop OPTIONS (DROP password_required);")
                .contains("in database reporting");
        assertThat(nopw.summary()).contains("fdw_nopw", "local_loop", "reporting");
    }

    @Test
    void passwordNotRequiredAppliesFromPostgres13SoOlderServersAreSkippedByTheRequirementAsNoOlderServerRunsHere() {
        var requires = CheckRun.catalog().find("postgresql_fdw_password_not_required").orElseThrow().requires();
        assertThat(requires.unmetBy(new ServerVersion(12, 9, 0, Flavor.POSTGRESQL, "12.9"))).isPresent();
        assertThat(requires.unmetBy(new ServerVersion(13, 0, 0, Flavor.POSTGRESQL, "13.0"))).isEmpty();
    }

    @Test
    void fdwMappingsOfNonSuperusersWithoutPasswordAreANoticeIncludingThePublicMapping() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_fdw_mapping_without_password");
        assertThat(findings).extracting(f -> f.texts().get("database") + "/" + f.texts().get("user") + "@" + f.texts().get("server"))
                .containsExactlyInAnyOrder("reporting/PUBLIC@remote_require", "reporting/fdw_missing@remote_verified");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTICE));
        assertThat(only(findings, "user", "fdw_missing").remediation())
                .startsWith("ALTER USER MAPPING FOR fdw_missing SERVER remote_verified OPTIONS (ADD password");
    }

    @Test
    void fdwServersReachingOtherHostsWithoutVerifyFullOrVerifyCaAreReportedWithTheirHost() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_fdw_server_without_verified_tls");
        assertThat(field(findings, "server")).containsExactlyInAnyOrder("remote_plain", "remote_require", "remote_multi");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("database", "reporting");
        });
        Finding plain = only(findings, "server", "remote_plain");
        assertThat(plain.texts()).containsEntry("host", "db.example.com").containsEntry("sslmode", "prefer (the default)");
        assertThat(plain.remediation()).startsWith(
                "ALTER SERVER remote_plain OPTIONS (ADD sslmode 'verify-full', ADD sslrootcert '");
        Finding require = only(findings, "server", "remote_require");
        assertThat(require.texts()).containsEntry("host", "10.0.0.5").containsEntry("sslmode", "require");
        assertThat(require.remediation()).startsWith("ALTER SERVER remote_require OPTIONS (SET sslmode 'verify-full'");
        assertThat(only(findings, "server", "remote_multi").texts()).containsEntry("host", "localhost,db3.example.com");
    }

    @Test
    void aRoleWithOnlyPgMonitorCannotReadUserMappingsSoTheFdwMappingChecksAreSkipped() {
        RunReport asMonitor = CheckRun.against(monitorDsn())
                .checks("postgresql_fdw_password_not_required", "postgresql_fdw_mapping_without_password").run();
        for (String check : List.of("postgresql_fdw_password_not_required", "postgresql_fdw_mapping_without_password")) {
            RunItem item = CheckRun.item(asMonitor, check);
            assertThat(item.status()).as(check).isEqualTo(ItemStatus.SKIPPED);
            assertThat(item.reason()).hasValueSatisfying(r -> assertThat(r).contains("permission denied for table pg_user_mapping"));
        }
    }

    // ---- pg_hba.conf

    @Test
    void trustHostRulesAreCriticalBeyondLoopbackAndErrorsOnLoopback() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_hba_trust");
        Finding world = only(findings, "address", "0.0.0.0/0");
        assertThat(world.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(world.texts()).containsEntry("line", Integer.toString(lineOf(hba, "^host all remote_app 0\\.0\\.0\\.0/0 trust")))
                .containsEntry("database", "all").containsEntry("user", "remote_app").containsEntry("type", "host")
                .containsEntry("file", "pg_hba.conf"); // PostgreSQL 16+ names the (possibly included) file's path
        assertThat(world.summary()).startsWith("pg_hba.conf line " + world.texts().get("line") + " trusts 0.0.0.0/0");
        assertThat(world.remediation()).contains("on line " + world.texts().get("line") + " of pg_hba.conf");
        Finding lan = only(findings, "address", "192.168.0.0/16");
        assertThat(lan.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(lan.texts()).containsEntry("line", Integer.toString(lineOf(hba, "^host all remote_app 192\\.168\\.0\\.0 ")));

        List<Finding> loopback = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        assertThat(loopback).extracting(f -> f.texts().get("database") + " " + f.texts().get("address"))
                .containsExactlyInAnyOrder("all 127.0.0.1/32", "all ::1/128", "replication 127.0.0.1/32", "replication ::1/128");
        assertThat(only(loopback, "line", Integer.toString(lineOf(hba, "^host\\s+all\\s+all\\s+127\\.0\\.0\\.1/32\\s+trust")))
                .texts()).containsEntry("address", "127.0.0.1/32");
        assertThat(findings).hasSize(6); // the md5, scram, reject and local rules are not trust host rules
    }

    @Test
    void hostRulesAdmittingEveryAddressAreReportedUnlessTheyReject() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_hba_open_to_world");
        assertThat(field(findings, "address")).containsExactlyInAnyOrder("0.0.0.0/0", "all", "10.1.2.3/0");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        Finding all = only(findings, "address", "all");
        assertThat(all.texts()).containsEntry("line", Integer.toString(lineOf(hba, "^host all remote_app all scram")))
                .containsEntry("auth_method", "scram-sha-256").containsEntry("user", "remote_app");
        assertThat(only(findings, "address", "10.1.2.3/0").texts()).containsEntry("auth_method", "md5");
    }

    @Test
    void aRoleWithOnlyPgMonitorGetsHbaTrustSkippedNamingTheMissingPrivilege() {
        RunReport asMonitor = CheckRun.against(monitorDsn()).checks("postgresql_hba_trust").run();
        RunItem item = CheckRun.item(asMonitor, "postgresql_hba_trust");
        assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item.reason()).hasValueSatisfying(r ->
                assertThat(r).contains("privilege missing").contains("permission denied for view pg_hba_file_rules"));
    }

    // ---- server settings

    @Test
    void sslOffIsAnErrorWhenTheServerListensBeyondLoopback() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_ssl_off");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.texts()).containsEntry("listen_addresses", "127.0.0.1, 192.0.2.10");
        });
    }

    @Test
    void md5PasswordEncryptionIsAWarning() {
        assertThat(CheckRun.findings(run, "postgresql_password_encryption_md5")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void fsyncOffIsCritical() {
        assertThat(CheckRun.findings(run, "postgresql_fsync_off")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void autovacuumOffIsAnError() {
        assertThat(CheckRun.findings(run, "postgresql_autovacuum_off")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    // ---- roles

    @Test
    void loginSuperusersOtherThanTheBootstrapSuperuserAreReportedButNotNologinOnes() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_superuser_roles");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsExactly(Map.entry("role", "ops_admin"));
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.remediation()).startsWith("ALTER ROLE ops_admin NOSUPERUSER;");
        });
    }

    @Test
    void aSuperuserInTheAllowedParamIsNotReported() {
        RunReport allowed = PostgresCheckScenarios.runWithParams(pg.dsn("postgres"), "postgresql_superuser_roles",
                Map.of("allowed", List.of("ops_admin")), null);
        CheckRun.assertQuiet(allowed, "postgresql_superuser_roles");
    }

    // ---- WAL retention

    @Test
    void inactiveSlotsAreWarningsAndErrorsOnceTheyRetainMoreThanMaxWalSize() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_inactive_replication_slot");
        assertThat(field(findings, "slot")).containsExactlyInAnyOrder("stale_big", "stale_small", "stale_logical"); // not never_reserved
        Finding big = only(findings, "slot", "stale_big");
        assertThat(big.severity()).isEqualTo(Severity.ERROR);
        assertThat(ByteSize.parse(big.texts().get("retained"))).isGreaterThan(32L << 20);
        assertThat(big.texts()).containsEntry("max_wal_size", "32 MiB").containsEntry("slot_type", "physical");
        assertThat(big.summary()).contains("stale_big", big.texts().get("retained"));
        assertThat(big.remediation()).startsWith("SELECT pg_drop_replication_slot('stale_big');");
        Finding small = only(findings, "slot", "stale_small");
        assertThat(small.severity()).isEqualTo(Severity.WARNING);
        assertThat(ByteSize.parse(small.texts().get("retained"))).isLessThan(32L << 20);
        Finding logical = only(findings, "slot", "stale_logical");
        assertThat(logical.severity()).isEqualTo(Severity.WARNING);
        assertThat(logical.texts()).containsEntry("slot_type", "logical");
    }

    // ---- memory sizing

    @Test
    void defaultSharedBuffersOnA16GiBHostIsUndersizedAndAQuarterOfRamIsProposed() {
        assertThat(CheckRun.findings(run, "postgresql_shared_buffers_undersized")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("shared_buffers", "128 MiB").containsEntry("memory", "16 GiB")
                    .containsEntry("share", "0.8 %").containsEntry("proposed", "4 GiB");
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET shared_buffers = '4096MB';").contains("4 GiB");
        });
    }

    @Test
    void the128MbDefaultIsReportedOnA4GiBHostEvenWhenItsShareIsAboveMinShare() {
        RunReport large = PostgresCheckScenarios.runWithParams(pg.dsn("postgres"), "postgresql_shared_buffers_undersized",
                Map.of("min_share", 0.01), "4GiB");
        assertThat(CheckRun.findings(large, "postgresql_shared_buffers_undersized")).singleElement()
                .satisfies(f -> assertThat(f.remediation()).startsWith("ALTER SYSTEM SET shared_buffers = '1024MB';"));
        RunReport small = PostgresCheckScenarios.runWithParams(pg.dsn("postgres"), "postgresql_shared_buffers_undersized",
                Map.of("min_share", 0.01), "3GiB");
        CheckRun.assertQuiet(small, "postgresql_shared_buffers_undersized");
    }

    @Test
    void memoryOvercommitShowsEachTermWithAutovacuumWorkMemCappedAtOneGiBPerWorker() {
        assertThat(CheckRun.findings(run, "postgresql_memory_overcommit")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            // 128 MiB + 100 x 128 MiB x 2 + 3 x min(2 GiB, 1 GiB)
            assertThat(f.texts()).containsEntry("shared_buffers", "128 MiB")
                    .containsEntry("max_connections", "100").containsEntry("work_mem", "128 MiB")
                    .containsEntry("connection_memory", "25 GiB")
                    .containsEntry("autovacuum_max_workers", "3").containsEntry("autovacuum_work_mem", "1 GiB")
                    .containsEntry("autovacuum_memory", "3 GiB")
                    .containsEntry("total", "28.1 GiB").containsEntry("memory", "16 GiB");
            assertThat(f.summary()).contains("28.1 GiB", "16 GiB");
            assertThat(f.description()).contains("128 MiB", "25 GiB", "3 GiB");
            // (16 GiB - 128 MiB - 3 GiB) / (100 x 2) = 65.9 MiB
            assertThat(f.texts()).containsEntry("fitting_work_mem", "65MB");
            assertThat(f.remediation()).startsWith("Largest work_mem that fits with everything else unchanged: 65MB");
        });
    }

    @Test
    void aLowerWorkMemFactorParamBringsTheSameServerUnderItsRam() {
        // 128 MiB + 100 x 128 MiB x 1 + 3 GiB = 15.6 GiB < 16 GiB
        RunReport factorOne = PostgresCheckScenarios.runWithParams(pg.dsn("postgres"), "postgresql_memory_overcommit",
                Map.of("work_mem_factor", 1), "16GiB");
        CheckRun.assertQuiet(factorOne, "postgresql_memory_overcommit");
    }

    private static String monitorDsn() {
        return "postgresql://watcher@" + pg.host() + ":" + pg.port() + "/postgres";
    }
}
