package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replication checks against real MariaDB replication on this machine: a primary, a {@code healthy} replica
 * (read_only, its own binary log with log_slave_updates, four parallel appliers) and a {@code careless} one
 * (writable, skipping duplicate-key errors in IDEMPOTENT mode, keeping its relay logs, no binary log, a single
 * applier). Breakage (a stopped SQL or I/O thread, lag) is caused on the healthy replica and repaired by the same
 * test. Lag above the default five minutes is only recorded; lag above a lowered threshold is real.
 */
class MysqlReplicationChecksTest {

    private static final String NOT_READ_ONLY = "mysql_replica_not_read_only";
    private static final String SKIPS_ERRORS = "mysql_replica_skips_errors";
    private static final String BROKEN = "mysql_replica_broken";
    private static final String LOG_UPDATES = "mysql_log_replica_updates_off";
    private static final String RELAY_PURGE = "mysql_relay_log_purge_off";
    private static final String WORKERS = "mysql_replica_parallel_workers_low";
    private static final String[] ALL = {NOT_READ_ONLY, SKIPS_ERRORS, BROKEN, LOG_UPDATES, RELAY_PURGE, WORKERS};

    private static MariaDbServer primary;
    private static MariaDbServer healthy;
    private static MariaDbServer careless;

    @BeforeAll
    static void startReplication() {
        primary = MysqlReplicationTopology.startPrimary();
        Map<String, String> good = new LinkedHashMap<>();
        good.put("server_id", "3");
        good.put("read_only", "ON");
        good.put("log_bin", "mysql-bin");
        good.put("log_slave_updates", "ON");
        good.put("slave_parallel_threads", "4");
        healthy = MysqlReplicationTopology.startReplica(primary, good);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("server_id", "2");
        bad.put("read_only", "OFF");
        bad.put("slave_skip_errors", "1062");
        bad.put("slave_exec_mode", "IDEMPOTENT");
        bad.put("relay_log_purge", "OFF");
        bad.put("log_slave_updates", "OFF");
        bad.put("slave_parallel_threads", "0");
        careless = MysqlReplicationTopology.startReplica(primary, bad);
    }

    @AfterAll
    static void stopReplication() {
        for (MariaDbServer server : new MariaDbServer[] {careless, healthy, primary}) {
            if (server != null) {
                server.close();
            }
        }
    }

    // ---- servers that do not replicate, and a healthy replica

    @Test
    void replicaChecksAreQuietOnServersThatDoNotReplicateEvenWithWritableSettings() {
        for (MariaDbServer server : List.of(primary, MariaDbServer.shared())) {
            assertThat(server.query("SHOW ALL SLAVES STATUS")).as("replication connections of " + server).isEmpty();
            // the primary is writable, has no parallel appliers and logs nothing of replicas: none of it matters
            CheckRun.assertQuiet(CheckRun.against(server.dsn()).checks(ALL).run(), ALL);
        }
    }

    @Test
    void aHealthyReplicaKeepsEveryReplicationCheckQuiet() {
        MysqlReplicationTopology.awaitCaughtUp(primary, healthy);

        CheckRun.assertQuiet(CheckRun.against(healthy.dsn()).checks(ALL).run(), ALL);
    }

    // ---- the careless replica's settings

    @Test
    void aWritableReplicaIsAnErrorNamingItsSource() {
        Finding finding = single(CheckRun.against(careless.dsn()).checks(NOT_READ_ONLY).run(), NOT_READ_ONLY);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.texts()).containsEntry("sources", source())
                .containsEntry("super_read_only", "not available on MariaDB");
        assertThat(finding.summary()).isEqualTo("This replica of " + source() + " is writable (read_only = OFF)");
        assertThat(finding.remediation()).startsWith("SET GLOBAL read_only = ON;");
        assertThat(finding.keyValues()).isEmpty();
    }

    @Test
    void skippedErrorsAndIdempotentModeAreOneErrorEach() {
        List<Finding> findings = CheckRun.findings(CheckRun.against(careless.dsn()).checks(SKIPS_ERRORS).run(), SKIPS_ERRORS);

        assertThat(findings).extracting(f -> f.texts().get("setting")).containsExactly("slave_skip_errors", "slave_exec_mode");
        Finding skip = findings.get(0);
        assertThat(skip.severity()).isEqualTo(Severity.ERROR);
        assertThat(skip.texts()).containsEntry("value", "1062").containsEntry("sources", source());
        assertThat(skip.keyValues()).containsOnlyKeys("setting");
        assertThat(skip.remediation()).startsWith("Remove slave_skip_errors from [mysqld] in my.cnf");
        Finding mode = findings.get(1);
        assertThat(mode.texts()).containsEntry("value", "IDEMPOTENT");
        assertThat(mode.summary()).isEqualTo("This replica ignores replication errors: slave_exec_mode = IDEMPOTENT");
        assertThat(mode.remediation()).startsWith("SET GLOBAL slave_exec_mode = STRICT;");
    }

    @Test
    void aReplicaWithoutItsOwnBinaryLogOfReplicatedChangesIsAWarning() {
        Finding finding = single(CheckRun.against(careless.dsn()).checks(LOG_UPDATES).run(), LOG_UPDATES);

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.texts()).containsEntry("setting", "log_slave_updates").containsEntry("log_bin", "OFF")
                .containsEntry("sources", source());
        assertThat(finding.remediation()).startsWith("Under [mysqld] in my.cnf: log_slave_updates = ON and log_bin = mysql-bin");
    }

    @Test
    void relayLogsKeptAfterApplyingAreAWarningWithTheSpaceTheyTake() {
        Finding finding = single(CheckRun.against(careless.dsn()).checks(RELAY_PURGE).run(), RELAY_PURGE);

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.texts()).containsEntry("sources", source());
        assertThat(finding.texts().get("relay_log_space")).matches("[0-9.]+ (B|KiB|MiB)");
        assertThat(finding.remediation()).startsWith("SET GLOBAL relay_log_purge = ON;");
    }

    @Test
    void aSingleApplierThreadIsANoticeProposingFourWorkers() {
        Finding finding = single(CheckRun.against(careless.dsn()).checks(WORKERS).run(), WORKERS);

        assertThat(finding.severity()).isEqualTo(Severity.NOTICE);
        assertThat(finding.texts()).containsEntry("setting", "slave_parallel_threads").containsEntry("workers", "0");
        assertThat(finding.summary()).contains("a single applier thread");
        assertThat(finding.remediation()).startsWith("STOP ALL SLAVES; SET GLOBAL slave_parallel_threads = 4; START ALL SLAVES;");
    }

    // ---- mysql_replica_broken

    @Test
    void aDuplicateKeyStopsTheHealthyReplicasSqlThreadAndIsReportedWhileTheCarelessReplicaSkipsIt() throws Exception {
        for (MariaDbServer replica : List.of(healthy, careless)) {
            // a row written on the replica behind replication's back
            replica.execute("SET SESSION sql_log_bin = 0", "INSERT INTO app.items VALUES (7, 70)");
        }
        long skippedBefore = statusNumber(careless, "Slave_skipped_errors");
        try {
            primary.execute("INSERT INTO app.items VALUES (7, 1)");
            MysqlReplicationTopology.awaitStatus(healthy, r -> "No".equals(r.get("Slave_SQL_Running")),
                    Duration.ofSeconds(20), "SQL thread stopped");

            Finding finding = single(CheckRun.against(healthy.dsn()).checks(BROKEN).run(), BROKEN);
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.texts())
                    .containsEntry("channel", "'' (default)")
                    .containsEntry("source", source())
                    .containsEntry("io_running", "Yes")
                    .containsEntry("sql_running", "No")
                    .containsEntry("lag_seconds", "unknown (NULL)")
                    .containsEntry("problem", "the SQL (applier) thread is stopped");
            assertThat(finding.texts().get("last_error")).contains("Duplicate entry '7'");
            assertThat(finding.keyValues()).containsOnlyKeys("channel");
            assertThat(finding.remediation()).startsWith("Read the SQL error above").contains("START SLAVE;");
            assertThat(finding.summary()).isEqualTo("Replication '' (default) from " + source()
                    + " is broken: the SQL (applier) thread is stopped");

            // slave_skip_errors = 1062: the careless replica went on, now holding (7, 70) where the primary has (7, 1)
            MysqlReplicationTopology.awaitCaughtUp(primary, careless);
            assertThat(statusNumber(careless, "Slave_skipped_errors")).isGreaterThan(skippedBefore);
            assertThat(careless.query("SELECT v FROM app.items WHERE id = 7").get(0)).containsEntry("v", 70);
            RunReport carelessReport = CheckRun.against(careless.dsn()).checks(BROKEN, SKIPS_ERRORS).run();
            CheckRun.assertQuiet(carelessReport, BROKEN);
            assertThat(CheckRun.findings(carelessReport, SKIPS_ERRORS)).isNotEmpty();
        } finally {
            healthy.execute("SET SESSION sql_log_bin = 0", "DELETE FROM app.items WHERE id = 7", "START SLAVE SQL_THREAD");
            MysqlReplicationTopology.awaitCaughtUp(primary, healthy);
        }
        CheckRun.assertQuiet(CheckRun.against(healthy.dsn()).checks(BROKEN).run(), BROKEN);
    }

    @Test
    void anIoThreadStoppedByHandIsReportedWithTheCommandToStartIt() {
        healthy.execute("STOP SLAVE IO_THREAD");
        try {
            MysqlReplicationTopology.awaitStatus(healthy, r -> "No".equals(r.get("Slave_IO_Running")),
                    Duration.ofSeconds(20), "I/O thread stopped");

            Finding finding = single(CheckRun.against(healthy.dsn()).checks(BROKEN).run(), BROKEN);
            assertThat(finding.texts()).containsEntry("io_running", "No").containsEntry("sql_running", "Yes")
                    .containsEntry("problem", "the I/O (receiver) thread is stopped")
                    .containsEntry("last_error", "none recorded");
            assertThat(finding.remediation()).startsWith("If the threads were stopped on purpose, start them again: START SLAVE;");
        } finally {
            healthy.execute("START SLAVE IO_THREAD");
            MysqlReplicationTopology.awaitStatus(healthy, r -> "Yes".equals(r.get("Slave_IO_Running")),
                    Duration.ofSeconds(20), "I/O thread running");
        }
    }

    @Test
    void aSecondNamedConnectionThatCannotReachItsSourceIsReportedByNameBesideTheWorkingOne() {
        // MariaDB multi-source replication: SHOW ALL SLAVES STATUS has a row per connection; nothing listens on port 1
        careless.execute("CHANGE MASTER 'ghost' TO MASTER_HOST = '127.0.0.1', MASTER_PORT = 1, MASTER_USER = 'repl',"
                + " MASTER_PASSWORD = 'x', MASTER_CONNECT_RETRY = 1", "START SLAVE 'ghost'");
        try {
            awaitConnectionError(careless, "ghost");

            RunReport report = CheckRun.against(careless.dsn()).checks(BROKEN, NOT_READ_ONLY).run();

            Finding finding = single(report, BROKEN);
            assertThat(finding.texts()).containsEntry("channel", "ghost").containsEntry("source", "127.0.0.1:1")
                    .containsEntry("io_running", "Connecting").containsEntry("sql_running", "Yes")
                    .containsEntry("problem", "the I/O (receiver) thread is not connected");
            assertThat(finding.texts().get("last_error")).contains("error connecting to master");
            assertThat(finding.remediation()).startsWith("Fix what the I/O error above names").contains("START SLAVE 'ghost';");
            assertThat(single(report, NOT_READ_ONLY).texts()).containsEntry("sources", source() + ", 127.0.0.1:1");
        } finally {
            careless.execute("STOP SLAVE 'ghost'", "RESET SLAVE 'ghost' ALL");
        }
    }

    @Test
    void lagBeyondALoweredThresholdIsReportedWhileTheApplierWaitsForARowLockOnTheReplica() throws Exception {
        primary.execute("INSERT INTO app.items VALUES (100, 0)");
        MysqlReplicationTopology.awaitCaughtUp(primary, healthy);
        try (Connection lock = healthy.connect(); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT v FROM app.items WHERE id = 100 FOR UPDATE")) {
                assertThat(rs.next()).isTrue();
            }
            primary.execute("UPDATE app.items SET v = v + 1 WHERE id = 100");
            Map<String, Object> row = MysqlReplicationTopology.awaitStatus(healthy, r -> r.get("Seconds_Behind_Master") != null
                            && ((Number) r.get("Seconds_Behind_Master")).longValue() >= 3,
                    Duration.ofSeconds(30), "3 s behind");
            assertThat(row).containsEntry("Slave_SQL_Running", "Yes");

            // five minutes of real lag would make a slow test: the threshold is lowered to 2 s instead
            RunReport lowered = MysqlSchemaCheckRun.withParams(healthy.dsn(), BROKEN, Map.of("max_lag_seconds", 2L),
                    Duration.ZERO);
            Finding finding = single(lowered, BROKEN);
            long lag = Long.parseLong(finding.texts().get("lag_seconds"));
            assertThat(lag).isGreaterThanOrEqualTo(3);
            assertThat(finding.texts()).containsEntry("io_running", "Yes").containsEntry("sql_running", "Yes")
                    .containsEntry("problem", "it is " + lag + " s behind the source");
            assertThat(finding.remediation()).startsWith("Find what holds the applier back");
            CheckRun.assertQuiet(CheckRun.against(healthy.dsn()).checks(BROKEN).run(), BROKEN); // 300 s by default
            lock.rollback();
        }
        MysqlReplicationTopology.awaitCaughtUp(primary, healthy);
    }

    @Test
    void lagAboveFiveMinutesIsReportedPerChannelOnRecordedMysql8Status() throws Exception {
        Map<String, Object> lagging = mysql8Row("orders", 900L, 0L);
        Map<String, Object> delayed = mysql8Row("reporting", 3650L, 3600L); // a deliberately delayed replica

        List<Finding> findings = RecordedRun.of(BROKEN).version(ServerVersion.parse("8.0.36", Flavor.MYSQL))
                .query("replicas", List.of(lagging, delayed))
                .findings();

        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.texts()).containsEntry("channel", "orders").containsEntry("source", "db1.example:3306")
                .containsEntry("lag_seconds", "900").containsEntry("problem", "it is 900 s behind the source");
        assertThat(finding.remediation()).contains("nothing needs starting, otherwise: START REPLICA FOR CHANNEL 'orders';");
    }

    @Test
    void mysql8ReplicaSettingNamesAreReadOnRecordedFacts() throws Exception {
        List<Map<String, Object>> replicas = List.of(mysql8Row("", 0L, 0L));
        ServerVersion mysql8 = ServerVersion.parse("8.0.36", Flavor.MYSQL);

        List<Finding> workers = RecordedRun.of(WORKERS).version(mysql8).query("replicas", replicas)
                .variable("replica_parallel_workers", "1").variable("slave_parallel_workers", "1").findings();
        assertThat(workers).hasSize(1);
        assertThat(workers.get(0).texts()).containsEntry("setting", "replica_parallel_workers")
                .containsEntry("workers_text", "one parallel worker");
        assertThat(workers.get(0).remediation())
                .startsWith("STOP REPLICA SQL_THREAD; SET PERSIST replica_parallel_workers = 4; START REPLICA SQL_THREAD;");

        List<Finding> skips = RecordedRun.of(SKIPS_ERRORS).version(mysql8).query("replicas", replicas)
                .variable("replica_skip_errors", "1032,1062").variable("slave_skip_errors", "1032,1062")
                .variable("replica_exec_mode", "STRICT").variable("slave_exec_mode", "STRICT").findings();
        assertThat(skips).extracting(f -> f.texts().get("setting")).containsExactly("replica_skip_errors");

        List<Finding> logUpdates = RecordedRun.of(LOG_UPDATES).version(mysql8).query("replicas", replicas)
                .variable("log_replica_updates", "OFF").variable("log_slave_updates", "OFF").variable("log_bin", "ON")
                .findings();
        assertThat(logUpdates).hasSize(1);
        assertThat(logUpdates.get(0).remediation()).startsWith("Under [mysqld] in my.cnf: log_replica_updates = ON, then");

        List<Finding> writable = RecordedRun.of(NOT_READ_ONLY).version(mysql8).query("replicas", replicas)
                .variable("read_only", "OFF").variable("super_read_only", "OFF").findings();
        assertThat(writable.get(0).texts()).containsEntry("super_read_only", "OFF").containsEntry("sources", "db1.example:3306");
        assertThat(RecordedRun.of(NOT_READ_ONLY).version(mysql8).query("replicas", replicas)
                .variable("read_only", "ON").variable("super_read_only", "ON").findings()).isEmpty();
    }

    @Test
    void replicaChecksAreSkippedOnMysqlBefore8022WhichLacksShowReplicaStatusButRunOnEveryMariaDb() {
        for (String check : ALL) {
            var requires = CheckRun.catalog().find(check).orElseThrow().requires();
            assertThat(requires.unmetBy(ServerVersion.parse("5.7.44", Flavor.MYSQL))).as(check).isPresent();
            assertThat(requires.unmetBy(ServerVersion.parse("8.0.21", Flavor.MYSQL))).as(check).isPresent();
            assertThat(requires.unmetBy(ServerVersion.parse("8.0.22", Flavor.MYSQL))).as(check).isEmpty();
            assertThat(requires.unmetBy(ServerVersion.parse("10.3.39-MariaDB", Flavor.MARIADB))).as(check).isEmpty();
        }
    }

    // ---- helpers

    /** A row of MySQL 8.0.22+ SHOW REPLICA STATUS (its column names), as collection types it. */
    private static Map<String, Object> mysql8Row(String channel, long lag, long delay) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Replica_IO_State", "Waiting for source to send event");
        row.put("Source_Host", "db1.example");
        row.put("Source_User", "repl");
        row.put("Source_Port", 3306L);
        row.put("Replica_IO_Running", "Yes");
        row.put("Replica_SQL_Running", "Yes");
        row.put("Last_Error", "");
        row.put("Seconds_Behind_Source", lag);
        row.put("Last_IO_Error", "");
        row.put("Last_SQL_Error", "");
        row.put("SQL_Delay", delay);
        row.put("Relay_Log_Space", 4096L);
        row.put("Channel_Name", channel);
        return row;
    }

    private static void awaitConnectionError(MariaDbServer replica, String connection) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Map<String, Object> row = replica.query("SHOW ALL SLAVES STATUS").stream()
                    .filter(r -> connection.equals(r.get("Connection_name"))).findFirst().orElseThrow();
            if (!String.valueOf(row.get("Last_IO_Error")).isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connection " + connection + " reported no I/O error within 20s: " + row);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String source() {
        return "127.0.0.1:" + primary.port();
    }

    private static long statusNumber(MariaDbServer server, String name) {
        List<Map<String, Object>> rows = server.query("SHOW GLOBAL STATUS LIKE '" + name + "'");
        assertThat(rows).hasSize(1);
        return Long.parseLong(String.valueOf(rows.get(0).get("Value")));
    }

    private static Finding single(RunReport report, String check) {
        List<Finding> findings = CheckRun.findings(report, check);
        assertThat(findings).as(check + " findings").hasSize(1);
        return findings.get(0);
    }
}
