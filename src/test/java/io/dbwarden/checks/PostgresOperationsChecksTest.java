package io.dbwarden.checks;

import static io.dbwarden.checks.PostgresCheckScenarios.field;
import static io.dbwarden.checks.PostgresCheckScenarios.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL durability and operations checks. One server carries every planted problem at once (relaxed
 * durability settings, a failing archive_command, a restart-only change waiting, sessions idle in a transaction
 * or running long, an orphaned prepared transaction, a multixact, nearly all of a 20-connection limit in use),
 * checked in one run with the default params; the session and age checks are run again with thresholds in
 * seconds instead of minutes. A healthy server (data checksums, archiving, logging) is quiet on every check, and
 * the harness's default initdb instance shows what a plain install lacks.
 */
class PostgresOperationsChecksTest {

    static final String[] CHECKS = {
            "postgresql_full_page_writes_off",
            "postgresql_synchronous_commit_off",
            "postgresql_data_checksums_off",
            "postgresql_xid_wraparound",
            "postgresql_multixact_wraparound",
            "postgresql_archiver_failing",
            "postgresql_pending_restart",
            "postgresql_logging_recommendations",
            "postgresql_max_connections_high",
            "postgresql_connections_usage",
            "postgresql_idle_in_transaction",
            "postgresql_long_transactions",
            "postgresql_orphaned_prepared_transactions",
    };

    private static final String ORPHAN_GID = "xa:o'brien-42";
    private static final int HELD_IDLE_SESSIONS = 12;

    private static PostgresServer planted;
    private static PostgresServer healthy;
    private static PostgresOperationsSessions sessions;
    private static RunReport plantedRun;
    private static int pickerPid;
    private static int browserPid;
    private static int reportPid;

    @BeforeAll
    static void plantProblemsOnOneServerAndStartAHealthyOne() throws Exception {
        planted = PostgresServer.builder()
                .setting("full_page_writes", "off")
                .setting("synchronous_commit", "off")
                .setting("wal_writer_delay", "300ms")
                .setting("max_connections", "20")
                .setting("max_prepared_transactions", "5")
                .setting("archive_mode", "on")
                .setting("archive_command", "false")
                .setting("log_checkpoints", "off")
                .setting("log_autovacuum_min_duration", "-1")
                .initSql(
                        "CREATE ROLE app LOGIN",
                        "CREATE ROLE reporter LOGIN",
                        "CREATE ROLE watcher LOGIN",
                        "CREATE ROLE monitor LOGIN IN ROLE pg_monitor",
                        "CREATE DATABASE shop OWNER app")
                .start();
        planted.executeIn("shop",
                "CREATE TABLE orders (id int PRIMARY KEY, status text)",
                "INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 10) g",
                "ALTER TABLE orders OWNER TO app",
                "GRANT SELECT ON orders TO reporter");

        // A restart-only setting changed in postgresql.conf and reloaded: the server keeps its old value.
        Files.writeString(planted.dataDirectory().resolve("postgresql.conf"),
                "shared_buffers = '64MB'\nmax_locks_per_transaction = 128\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        planted.reload();

        // archive_command = 'false' fails on the first segment handed to it.
        planted.execute("CREATE TABLE wal_filler (x int)", "INSERT INTO wal_filler VALUES (1)", "SELECT pg_switch_wal()");
        PostgresOperationsSessions.await("a failed archive attempt", () ->
                ((Number) planted.query("postgres", "SELECT failed_count FROM pg_stat_archiver").get(0).get("failed_count"))
                        .longValue() > 0);

        sessions = new PostgresOperationsSessions(planted);
        sessions.prepareAndDisconnect("app", "shop", ORPHAN_GID, "UPDATE orders SET status = 'reserved' WHERE id = 1");
        sessions.shareOneRowLockBetweenTwoTransactions("app", "shop", "SELECT * FROM orders WHERE id = 3 FOR SHARE");
        pickerPid = sessions.idleInTransaction("app", "shop", "picker", "UPDATE orders SET status = 'picked by o''neil' WHERE id = 2");
        browserPid = sessions.idleInTransaction("app", "shop", "browser", "SELECT count(*) FROM orders");
        reportPid = sessions.runInBackground("reporter", "shop", "nightly-report",
                "SELECT count(*), pg_sleep(600) FROM orders");
        for (int i = 0; i < HELD_IDLE_SESSIONS; i++) {
            sessions.idle("app", "shop", "pool");
        }
        // Starting the healthy server takes seconds, which the held sessions spend aging past the 1 s
        // thresholds of the tests below.
        healthy = PostgresOperationsHealthyServer.start();
        sessions.awaitOlderThan(Duration.ofMillis(1500), pickerPid, browserPid, reportPid);

        plantedRun = CheckRun.against(planted.dsn("postgres")).checks(CHECKS).run();
    }

    @AfterAll
    static void stop() {
        if (sessions != null) {
            sessions.close();
        }
        if (planted != null) {
            planted.close();
        }
        if (healthy != null) {
            healthy.close();
        }
    }

    @Test
    void theThreeSessionChecksReadOneQueryAndEverySettingComesFromOnePgSettingsRead() {
        // wraparound (xid, multixact), archiver, pending restart, prepared transactions, sessions (3 checks)
        assertThat(plantedRun.targets().get(0).stats().distinctQueries()).isEqualTo(6);
    }

    // ---- durability settings

    @Test
    void fullPageWritesOffIsAnError() {
        assertThat(CheckRun.findings(plantedRun, "postgresql_full_page_writes_off")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET full_page_writes = on; SELECT pg_reload_conf();");
        });
    }

    @Test
    void synchronousCommitOffIsANoticeNamingHowManyMillisecondsOfCommitsACrashCanLose() {
        assertThat(CheckRun.findings(plantedRun, "postgresql_synchronous_commit_off")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(f.texts()).containsExactly(Map.entry("loss_window", "900 ms")); // 3 x wal_writer_delay 300ms
            assertThat(f.summary()).contains("900 ms");
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET synchronous_commit = on;");
        });
    }

    @Test
    void dataChecksumsAreOffInTheDefaultInitdbInstanceWhichIsANoticeNamingItsDataDirectory() {
        PostgresServer plain = PostgresServer.shared();
        RunReport report = CheckRun.against(plain.dsn("postgres")).checks("postgresql_data_checksums_off").run();
        assertThat(CheckRun.findings(report, "postgresql_data_checksums_off")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(f.texts()).containsExactly(Map.entry("data_directory", plain.dataDirectory().toString()));
            assertThat(f.remediation()).startsWith("Stop the server, run pg_checksums --enable -D " + plain.dataDirectory() + " ");
        });
    }

    @Test
    void theHealthyServerHasDataChecksumsAfterPgChecksumsEnable() {
        assertThat(healthy.query("postgres", "SHOW data_checksums")).singleElement()
                .satisfies(row -> assertThat(row).containsValue("on"));
        CheckRun.assertQuiet(CheckRun.against(healthy.dsn("postgres")).checks("postgresql_data_checksums_off").run());
    }

    // ---- wraparound

    @Test
    void realTransactionIdAgesAreFarBelowTheWarningShareOnBothServers() {
        CheckRun.assertQuiet(plantedRun, "postgresql_xid_wraparound", "postgresql_multixact_wraparound");
    }

    @Test
    void xidAgesReadFromTheServerAreReportedPerDatabaseOnceAboveTheWarningShare() {
        // The ages here are a few hundred transactions; a share of 1e-12 of 2^31 (0.002) lies below them.
        RunReport report = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_xid_wraparound",
                Map.of("warning_share", 1e-12), null);
        List<Finding> findings = CheckRun.findings(report, "postgresql_xid_wraparound");
        assertThat(field(findings, "database")).containsExactlyInAnyOrder("postgres", "shop", "template0", "template1");
        Finding shop = only(findings, "database", "shop");
        assertThat(shop.severity()).isEqualTo(Severity.WARNING);
        long age = Long.parseLong(shop.texts().get("xid_age"));
        assertThat(age).isPositive();
        assertThat(shop.texts()).containsEntry("xids_left", Long.toString(2147483648L - age))
                .containsEntry("share", "0.0 %").containsEntry("freeze_max_age", "200000000");
        assertThat(shop.remediation()).contains("connected to shop").contains("vacuumdb --freeze --jobs=4 -d shop");
    }

    @Test
    void aSharedRowLockMakesAMultixactWhoseAgeIsReportedOnceAboveTheWarningShareButNotOnAServerWithoutOne() {
        RunReport report = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_multixact_wraparound",
                Map.of("warning_share", 1e-12), null);
        List<Finding> findings = CheckRun.findings(report, "postgresql_multixact_wraparound");
        assertThat(field(findings, "database")).containsExactlyInAnyOrder("postgres", "shop", "template0", "template1");
        Finding shop = only(findings, "database", "shop");
        assertThat(shop.severity()).isEqualTo(Severity.WARNING);
        assertThat(Long.parseLong(shop.texts().get("mxid_age"))).isPositive();
        assertThat(shop.texts()).containsEntry("freeze_max_age", "400000000");
        assertThat(shop.remediation()).contains("mxid_age(c.relminmxid)");

        // No row lock was ever shared on the healthy server: every mxid_age is 0, not above any share.
        RunReport none = PostgresCheckScenarios.runWithParams(healthy.dsn("postgres"), "postgresql_multixact_wraparound",
                Map.of("warning_share", 1e-12), null);
        CheckRun.assertQuiet(none, "postgresql_multixact_wraparound");
    }

    @Test
    void xidAgesPastTwentyFiftyAndSeventyFivePercentOfTheSpaceAreWarningErrorAndCriticalRecorded() throws Exception {
        List<Finding> findings = RecordedRun.of("postgresql_xid_wraparound")
                .version(ServerVersion.parse("15.8", Flavor.POSTGRESQL))
                .variable("autovacuum_freeze_max_age", (Object) 200_000_000L)
                .query("database_xid_ages", List.of(
                        Map.of("datname", "at_twenty_percent", "xid_age", 429_496_729L),
                        Map.of("datname", "warned", "xid_age", 429_496_730L),
                        Map.of("datname", "erred", "xid_age", 1_073_741_825L),
                        Map.of("datname", "critical", "xid_age", 1_610_612_737L)))
                .findings();
        assertThat(findings).extracting(f -> f.texts().get("database") + " " + f.severity())
                .containsExactly("warned WARNING", "erred ERROR", "critical CRITICAL");
        assertThat(only(findings, "database", "critical").texts())
                .containsEntry("share", "75.0 %").containsEntry("xids_left", "536870911");
        assertThat(only(findings, "database", "critical").summary())
                .isEqualTo("database critical has used 75.0 % of the transaction ID space before wraparound");
    }

    @Test
    void multixactAgesPastTwentyFiftyAndSeventyFivePercentOfTheSpaceAreWarningErrorAndCriticalRecorded() throws Exception {
        List<Finding> findings = RecordedRun.of("postgresql_multixact_wraparound")
                .version(ServerVersion.parse("15.8", Flavor.POSTGRESQL))
                .variable("autovacuum_multixact_freeze_max_age", (Object) 400_000_000L)
                .query("database_mxid_ages", List.of(
                        Map.of("datname", "young", "mxid_age", 400_000_000L),
                        Map.of("datname", "warned", "mxid_age", 500_000_000L),
                        Map.of("datname", "erred", "mxid_age", 1_100_000_000L),
                        Map.of("datname", "critical", "mxid_age", 2_000_000_000L)))
                .findings();
        assertThat(findings).extracting(f -> f.texts().get("database") + " " + f.severity())
                .containsExactly("warned WARNING", "erred ERROR", "critical CRITICAL");
        assertThat(only(findings, "database", "erred").texts())
                .containsEntry("share", "51.2 %").containsEntry("mxids_left", "1047483648");
    }

    // ---- WAL archiving

    @Test
    void aFailingArchiveCommandIsAnErrorAndOnceArchivingRecoversAWarningForRecentHours() {
        Finding failing = single(plantedRun, "postgresql_archiver_failing");
        assertThat(failing.severity()).isEqualTo(Severity.ERROR);
        assertThat(failing.texts()).containsEntry("state", "is failing")
                .containsEntry("last_success", "none since the statistics were reset")
                .containsEntry("archiver", "archive_command = false");
        assertThat(failing.texts().get("last_failed_wal")).matches("[0-9A-F]{24}");
        assertThat(failing.summary()).startsWith("WAL archiving is failing: " + failing.texts().get("last_failed_wal") + " failed at ");
        assertThat(failing.remediation()).contains("fix archive_command = false or its destination");

        // The archive command is fixed: the backlog is archived, and the failure stays a warning for a day.
        planted.execute("ALTER SYSTEM SET archive_command = 'true'");
        planted.reload();
        planted.execute("INSERT INTO wal_filler VALUES (2)", "SELECT pg_switch_wal()");
        PostgresOperationsSessions.await("archiving to recover", () -> (Boolean) planted.query("postgres",
                "SELECT last_archived_time > last_failed_time AS recovered FROM pg_stat_archiver").get(0).get("recovered") == Boolean.TRUE);
        Finding recovered = single(CheckRun.against(planted.dsn("postgres")).checks("postgresql_archiver_failing").run(),
                "postgresql_archiver_failing");
        assertThat(recovered.severity()).isEqualTo(Severity.WARNING);
        assertThat(recovered.texts()).containsEntry("state", "failed within the last 24 h")
                .containsEntry("last_failed_wal", failing.texts().get("last_failed_wal"))
                .containsEntry("archiver", "archive_command = true");
        assertThat(recovered.texts().get("last_success")).matches("[0-9A-F]{24} at .+");

        // With no recent window, a recovered archiver is not reported.
        CheckRun.assertQuiet(PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_archiver_failing",
                Map.of("recent_hours", 0), null), "postgresql_archiver_failing");
    }

    // ---- configuration waiting for a restart, logging

    @Test
    void settingsWaitingForARestartAreReportedOneEachWithTheValueStillInEffect() {
        List<Finding> findings = CheckRun.findings(plantedRun, "postgresql_pending_restart");
        assertThat(findings).extracting(Finding::fields).containsExactly(
                Map.of("setting", "max_locks_per_transaction", "value", "64"),
                Map.of("setting", "shared_buffers", "value", "128MB"));
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(only(findings, "setting", "shared_buffers").summary())
                .isEqualTo("shared_buffers was changed but keeps its old value 128MB until the server restarts");
        assertThat(only(findings, "setting", "shared_buffers").remediation())
                .contains("FROM pg_file_settings WHERE name = 'shared_buffers'");
    }

    @Test
    void eachLoggingSettingThatIsOffIsItsOwnNoticeWithTheLineThatTurnsItOn() {
        List<Finding> findings = CheckRun.findings(plantedRun, "postgresql_logging_recommendations");
        assertThat(field(findings, "setting")).containsExactly("logging_collector", "log_checkpoints",
                "log_autovacuum_min_duration", "log_temp_files", "log_lock_waits");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTICE));
        assertThat(only(findings, "setting", "logging_collector").remediation())
                .isEqualTo("ALTER SYSTEM SET logging_collector = on; then restart the server");
        assertThat(only(findings, "setting", "log_autovacuum_min_duration").remediation())
                .isEqualTo("ALTER SYSTEM SET log_autovacuum_min_duration = '10min'; then SELECT pg_reload_conf();");
        assertThat(only(findings, "setting", "log_temp_files").summary())
                .isEqualTo("log_temp_files is -1: queries that spill to temporary files are not logged");
    }

    @Test
    void loggingSettingsListedInIgnoreAreNotReported() {
        RunReport report = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_logging_recommendations",
                Map.of("ignore", List.of("logging_collector", "log_lock_waits")), null);
        assertThat(field(CheckRun.findings(report, "postgresql_logging_recommendations"), "setting"))
                .containsExactly("log_checkpoints", "log_autovacuum_min_duration", "log_temp_files");
    }

    @Test
    void theDefaultInstanceOfPostgres15LogsCheckpointsAndAutovacuumButNotTempFilesLockWaitsOrToItsOwnFiles() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks("postgresql_logging_recommendations").run();
        assertThat(field(CheckRun.findings(report, "postgresql_logging_recommendations"), "setting"))
                .containsExactly("logging_collector", "log_temp_files", "log_lock_waits");
    }

    // ---- connections

    @Test
    void maxConnectionsIsReportedFromTheThresholdParamAndTwentyIsFarBelowTheDefault() {
        CheckRun.assertQuiet(plantedRun, "postgresql_max_connections_high");
        RunReport report = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_max_connections_high",
                Map.of("threshold", 20), null);
        assertThat(CheckRun.findings(report, "postgresql_max_connections_high")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsExactly(Map.entry("max_connections", "20"));
            assertThat(f.summary()).isEqualTo("max_connections is 20: put a connection pooler in front instead");
        });
    }

    @Test
    void connectionsAboveEightyPercentOfWhatOrdinaryRolesMayUseAreAWarningCountingIdleOnes() {
        // 12 idle pool sessions + 2 idle in a transaction + 1 report + dbwarden's own = 16 of 20 - 3 reserved
        assertThat(CheckRun.findings(plantedRun, "postgresql_connections_usage")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("connections", "16").containsEntry("usable", "17")
                    .containsEntry("usage", "94.1 %").containsEntry("max_connections", "20")
                    .containsEntry("reserved", "3").containsEntry("idle", "12").containsEntry("idle_in_transaction", "2");
            assertThat(f.summary()).isEqualTo("16 client connections use 94.1 % of the 17 open to ordinary roles");
        });
        RunReport higher = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_connections_usage",
                Map.of("ratio", 0.95), null);
        CheckRun.assertQuiet(higher, "postgresql_connections_usage");
    }

    @Test
    void postgres16ReservedConnectionsAreTakenFromTheUsableMaximumRecorded() throws Exception {
        List<Map<String, Object>> nineSessions = java.util.Collections.nCopies(9, Map.of("state", "idle"));
        List<Finding> findings = RecordedRun.of("postgresql_connections_usage")
                .version(ServerVersion.parse("16.4", Flavor.POSTGRESQL))
                .variable("max_connections", (Object) 15L)
                .variable("superuser_reserved_connections", (Object) 3L)
                .variable("reserved_connections", (Object) 2L)
                .query("sessions", nineSessions)
                .findings();
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.texts())
                .containsEntry("usable", "10").containsEntry("reserved", "5").containsEntry("usage", "90.0 %")
                .containsEntry("connections", "9"));
        // 9 of the 12 that PostgreSQL 15 leaves usable is 75 %, under the 80 % ratio
        assertThat(RecordedRun.of("postgresql_connections_usage")
                .version(ServerVersion.parse("15.8", Flavor.POSTGRESQL))
                .variable("max_connections", (Object) 15L)
                .variable("superuser_reserved_connections", (Object) 3L)
                .query("sessions", nineSessions)
                .findings()).isEmpty();
    }

    // ---- sessions and transactions

    @Test
    void aSessionIdleInATransactionForSecondsIsNotReportedUnderTheFiveMinuteDefault() {
        CheckRun.assertQuiet(plantedRun, "postgresql_idle_in_transaction", "postgresql_long_transactions",
                "postgresql_orphaned_prepared_transactions");
    }

    @Test
    void sessionsIdleInATransactionLongerThanIdleSecondsAreReportedWithTheCommandThatEndsThem() {
        RunReport report = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_idle_in_transaction",
                Map.of("idle_seconds", 1), null);
        List<Finding> findings = CheckRun.findings(report, "postgresql_idle_in_transaction");
        // not the running report, not the 12 idle pool sessions, not dbwarden's own
        assertThat(field(findings, "pid")).containsExactlyInAnyOrder(Integer.toString(pickerPid), Integer.toString(browserPid));
        Finding picker = only(findings, "pid", Integer.toString(pickerPid));
        assertThat(picker.severity()).isEqualTo(Severity.WARNING);
        assertThat(picker.texts()).containsEntry("user", "app")
                .containsEntry("database", "shop").containsEntry("application", "picker")
                .containsEntry("client", "127.0.0.1").containsEntry("state", "idle in transaction")
                .containsEntry("query", "UPDATE orders SET status = '...' WHERE id = 2"); // literals masked
        assertThat(picker.texts().get("idle_for")).matches("00:00:\\d\\d|00:\\d\\d:\\d\\d");
        assertThat(picker.texts().get("vacuum")).startsWith("vacuum cannot remove rows that died in the last ");
        assertThat(picker.key()).containsExactly("pid", "user", "database");
        assertThat(picker.remediation()).startsWith("SELECT pg_terminate_backend(" + pickerPid + ");")
                .contains("ALTER ROLE app SET idle_in_transaction_session_timeout = '10min';");
        // A READ COMMITTED transaction that only read holds no snapshot between statements: locks, but no horizon.
        assertThat(only(findings, "pid", Integer.toString(browserPid)).description())
                .contains("and holds no snapshot or transaction ID at this moment, so vacuum is not held back yet.");

        RunReport ignored = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_idle_in_transaction",
                Map.of("idle_seconds", 1, "ignore_users", List.of("app")), null);
        CheckRun.assertQuiet(ignored, "postgresql_idle_in_transaction");
    }

    @Test
    void transactionsOpenLongerThanMaxSecondsAreReportedWhetherIdleOrRunningWithTheMatchingWayToStopThem() {
        RunReport report = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"), "postgresql_long_transactions",
                Map.of("max_seconds", 1), null);
        List<Finding> findings = CheckRun.findings(report, "postgresql_long_transactions");
        assertThat(field(findings, "pid")).containsExactlyInAnyOrder(Integer.toString(pickerPid), Integer.toString(browserPid),
                Integer.toString(reportPid));
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(only(findings, "pid", Integer.toString(browserPid)).texts().get("vacuum"))
                .isEqualTo("At this moment it holds no snapshot or transaction ID, so vacuum is not held back");

        Finding report1 = only(findings, "pid", Integer.toString(reportPid));
        assertThat(report1.texts()).containsEntry("user", "reporter").containsEntry("database", "shop")
                .containsEntry("application", "nightly-report").containsEntry("state", "active");
        assertThat(report1.texts().get("vacuum")).matches("Vacuum cannot remove rows that died in the last \\d+ transactions, .*");
        assertThat(report1.remediation()).startsWith("SELECT pg_cancel_backend(" + reportPid + ");  -- cancels the running statement");

        Finding picker = only(findings, "pid", Integer.toString(pickerPid));
        assertThat(picker.texts()).containsEntry("user", "app").containsEntry("state", "idle in transaction");
        assertThat(picker.remediation()).startsWith("SELECT pg_terminate_backend(" + pickerPid + ");  -- ends the session, rolling the transaction back. ");
        // it wrote, so its transaction ID holds vacuum back although it has no snapshot between statements
        assertThat(picker.texts().get("vacuum")).startsWith("Vacuum cannot remove rows that died in the last ");
        assertThat(picker.summary()).startsWith("session " + pickerPid + " of app on shop has a transaction open for 00:00:");
    }

    @Test
    void aPreparedTransactionOlderThanMaxAgeIsAnErrorWithItsGidQuotedForRollbackPrepared() {
        RunReport report = PostgresCheckScenarios.runWithParams(planted.dsn("postgres"),
                "postgresql_orphaned_prepared_transactions", Map.of("max_age_seconds", 0), null);
        assertThat(CheckRun.findings(report, "postgresql_orphaned_prepared_transactions")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.texts()).containsEntry("gid", ORPHAN_GID).containsEntry("database", "shop")
                    .containsEntry("owner", "app");
            assertThat(Long.parseLong(f.texts().get("xid_age"))).isPositive();
            assertThat(f.key()).containsExactly("gid", "database");
            assertThat(f.remediation()).contains("connect to database shop as app")
                    .contains("ROLLBACK PREPARED 'xa:o''brien-42';");
        });
    }

    @Test
    void aRoleWithoutPgReadAllStatsGetsTheSessionChecksSkippedRatherThanSeeingOnlyItsOwnSessions() {
        String watcher = "postgresql://watcher@" + planted.host() + ":" + planted.port() + "/postgres";
        RunReport report = CheckRun.against(watcher).checks("postgresql_idle_in_transaction", "postgresql_long_transactions",
                "postgresql_connections_usage").run();
        for (String check : List.of("postgresql_idle_in_transaction", "postgresql_long_transactions", "postgresql_connections_usage")) {
            RunItem item = CheckRun.item(report, check);
            assertThat(item.status()).as(check).isEqualTo(ItemStatus.SKIPPED);
            assertThat(item.reason()).hasValueSatisfying(r -> assertThat(r).contains("privilege missing")
                    .contains("permission denied for view pg_shmem_allocations"));
        }
        // pg_monitor includes pg_read_all_stats: the monitoring role sees app's session.
        String monitor = "postgresql://monitor@" + planted.host() + ":" + planted.port() + "/postgres";
        List<Finding> seen = CheckRun.findings(PostgresCheckScenarios.runWithParams(monitor, "postgresql_idle_in_transaction",
                Map.of("idle_seconds", 1), null), "postgresql_idle_in_transaction");
        assertThat(field(seen, "pid")).containsExactlyInAnyOrder(Integer.toString(pickerPid), Integer.toString(browserPid));
        assertThat(field(seen, "user")).containsOnly("app");
    }

    @Test
    void theSessionChecksNeedPostgres13ForTheirPrivilegeProbeSoOlderServersAreSkippedByTheRequirement() {
        for (String check : List.of("postgresql_idle_in_transaction", "postgresql_long_transactions", "postgresql_connections_usage")) {
            var requires = CheckRun.catalog().find(check).orElseThrow().requires();
            assertThat(requires.unmetBy(new ServerVersion(12, 20, 0, Flavor.POSTGRESQL, "12.20"))).as(check).isPresent();
            assertThat(requires.unmetBy(new ServerVersion(13, 0, 0, Flavor.POSTGRESQL, "13.0"))).as(check).isEmpty();
        }
    }

    // ---- healthy servers

    @Test
    void everyOperationsCheckIsQuietOnAHealthyServerWithChecksumsArchivingAndLogging() {
        RunReport report = CheckRun.against(healthy.dsn("postgres")).checks(CHECKS).run();
        CheckRun.assertQuiet(report, CHECKS);
    }

    @Test
    void theDefaultInstanceHasNoDurabilityConnectionOrTransactionProblems() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks(CHECKS).run();
        CheckRun.assertQuiet(report, "postgresql_full_page_writes_off", "postgresql_synchronous_commit_off",
                "postgresql_xid_wraparound", "postgresql_multixact_wraparound", "postgresql_archiver_failing",
                "postgresql_pending_restart", "postgresql_max_connections_high", "postgresql_connections_usage",
                "postgresql_idle_in_transaction", "postgresql_long_transactions",
                "postgresql_orphaned_prepared_transactions");
    }

    private static Finding single(RunReport report, String check) {
        List<Finding> findings = CheckRun.findings(report, check);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
