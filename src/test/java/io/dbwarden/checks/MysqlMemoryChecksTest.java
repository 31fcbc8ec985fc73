package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.fact.Unavailable.NotConfigured;
import io.dbwarden.fact.Unavailable.Setting;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.units.ByteSize;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory checks of the article "MySQL 101: Tuning MySQL After Upgrading Memory", against real MariaDB
 * servers. Host RAM is declared (as --host-memory does) so that a real server's settings become right or
 * wrong for the host; the buffer pool, max_connections, the data and the load are real.
 *
 * <p>Servers: the shared healthy one, {@code smallPool} (the 6 MiB minimum pool under ~70 MiB of InnoDB data)
 * and {@code crowded} (a 256 MiB pool, max_connections 500 and a small hot table).
 */
class MysqlMemoryChecksTest {

    private static final String MAX_MEMORY = "mysql_max_memory_exceeds_ram";
    private static final String UNDERSIZED = "mysql_buffer_pool_undersized";
    private static final String OVERSIZED = "mysql_buffer_pool_oversized";
    private static final String DISK_READS = "mysql_buffer_pool_disk_reads";
    private static final String DEDICATED = "mysql_dedicated_server_underallocates";
    private static final String NEED_POOL = "mysql_connections_need_pool";
    private static final String[] ALL = {MAX_MEMORY, UNDERSIZED, OVERSIZED, DISK_READS, DEDICATED, NEED_POOL};
    private static final String[] NEED_HOST = {MAX_MEMORY, UNDERSIZED, OVERSIZED, DEDICATED, NEED_POOL};

    private static final long MIB = 1L << 20;
    /** 2^16 rows of 1000 bytes: about 70 MiB of clustered index, ten times the pool. */
    private static final int BIG_ROWS = 65_536;
    private static final int HOT_ROWS = 1_000;

    private static MariaDbServer smallPool;
    private static MariaDbServer crowded;

    @BeforeAll
    static void startScenarioServers() {
        List<String> load = new ArrayList<>(List.of(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.items (id INT AUTO_INCREMENT PRIMARY KEY, pad VARCHAR(1000) NOT NULL) ENGINE=InnoDB",
                "INSERT INTO shop.items (pad) VALUES (REPEAT('x', 1000))"));
        for (int rows = 1; rows < BIG_ROWS; rows *= 2) {
            load.add("INSERT INTO shop.items (pad) SELECT pad FROM shop.items");
        }
        load.add("ANALYZE TABLE shop.items"); // so information_schema.TABLES shows the size now, not after a background recount
        smallPool = MariaDbServer.builder()
                .option("innodb_buffer_pool_size", "6M") // MariaDB's minimum with 16 KiB pages
                .initSql(load.toArray(String[]::new))
                .start();
        crowded = MariaDbServer.builder()
                .option("innodb_buffer_pool_size", "256M")
                .option("max_connections", "500")
                .initSql("CREATE DATABASE app",
                        "CREATE TABLE app.hot (id INT AUTO_INCREMENT PRIMARY KEY, pad VARCHAR(100) NOT NULL) ENGINE=InnoDB",
                        "INSERT INTO app.hot (pad) SELECT REPEAT('y', 100) FROM app.seq_1_to_" + HOT_ROWS)
                .start();
    }

    @AfterAll
    static void stopScenarioServers() {
        if (smallPool != null) {
            smallPool.close();
        }
        if (crowded != null) {
            crowded.close();
        }
    }

    // ---- healthy servers and unknown facts

    @Test
    void everyMemoryCheckIsQuietOnAHealthyServerWhoseHostHasRoomForItsSettings() {
        RunReport report = CheckRun.against(MariaDbServer.shared().dsn()).checks(ALL)
                .hostMemory("16GiB", 4).sample(Duration.ofSeconds(1)).run();

        CheckRun.assertQuiet(report, ALL);
    }

    @Test
    void memoryChecksAreSkippedWithTheReasonWhenTheHostsRamIsUnknownAndDiskReadsWithoutASample() throws Exception {
        // A target named by a host name counts as remote (no name resolution decides "local"), so /proc is not
        // read for it; this machine's own name reaches the loopback-bound server when it resolves to 127.0.0.1.
        String name = InetAddress.getLocalHost().getHostName();
        assumeTrue(resolvesToLoopbackServerAddress(name), "this machine's name " + name + " does not resolve to 127.0.0.1");
        String remoteLooking = "mysql://root@" + name + ":" + MariaDbServer.shared().port() + "/";

        RunReport report = CheckRun.against(remoteLooking).checks(ALL).run();

        for (String check : NEED_HOST) {
            RunItem item = CheckRun.item(report, check);
            assertThat(item.status()).as(check).isEqualTo(ItemStatus.SKIPPED);
            assertThat(item.reason()).as(check).contains("host memory unknown");
            assertThat(item.unavailable()).as(check).contains(new NotConfigured(Setting.HOST, "host memory unknown"));
        }
        RunItem diskReads = CheckRun.item(report, DISK_READS);
        assertThat(diskReads.status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(diskReads.unavailable()).get().isInstanceOfSatisfying(NotConfigured.class,
                missing -> assertThat(missing.setting()).isEqualTo(Setting.SAMPLE));
    }

    @Test
    void ramOfALocalTargetIsReadFromProcWhenNotDeclared() throws Exception {
        RunReport report = CheckRun.against(smallPool.dsn()).checks(UNDERSIZED).run();

        Finding finding = single(report, UNDERSIZED);
        assertThat(finding.texts()).containsEntry("memory_source", "/proc")
                .containsEntry("host_memory", ByteSize.format(procMemTotal()));
    }

    // ---- mysql_max_memory_exceeds_ram and mysql_connections_need_pool

    @Test
    void maxMemoryWarnsWhenOnlyAFullSetOfConnectionsWouldExceedRamAndProposesAMaxConnectionsThatFits() {
        RunReport report = CheckRun.against(crowded.dsn()).checks(MAX_MEMORY, NEED_POOL, OVERSIZED, UNDERSIZED)
                .hostMemory("1GiB", 2).run();

        Finding finding = single(report, MAX_MEMORY);
        long ram = 1L << 30;
        long global = variable(crowded, "key_buffer_size") + 256 * MIB;
        long perThread = perThreadBuffers(crowded);
        long used = Long.parseLong(finding.texts().get("max_used_connections"));
        long fit = (long) ((0.9 * ram - global) / perThread);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.texts())
                .containsEntry("max_connections", "500")
                .containsEntry("possible_memory", ByteSize.format(global + 500 * perThread))
                .containsEntry("reached_memory", ByteSize.format(global + used * perThread))
                .containsEntry("host_memory", "1 GiB")
                .containsEntry("memory_source", "declared")
                .containsEntry("fitting_connections", Long.toString(fit));
        assertThat(fit).isGreaterThanOrEqualTo(used);
        assertThat(finding.summary()).contains(ByteSize.format(global + 500 * perThread), "1 GiB");
        assertThat(finding.remediation()).contains("SET GLOBAL max_connections = " + fit + ";");
        // Lowering max_connections is enough here, so no connection pool is asked for; the pool itself
        // (a quarter of RAM) neither starves the OS nor is too small for the little data there is.
        CheckRun.assertQuiet(report, NEED_POOL, OVERSIZED, UNDERSIZED);
    }

    @Test
    void moreConnectionsInUseThanFitBesideTheBufferPoolAreAnErrorAndAskForAConnectionPool() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                held.add(crowded.connect());
            }
            RunReport report = CheckRun.against(crowded.dsn()).checks(MAX_MEMORY, NEED_POOL)
                    .hostMemory("512MiB", 2).run();

            long ram = 512 * MIB;
            long global = variable(crowded, "key_buffer_size") + 256 * MIB;
            long perThread = perThreadBuffers(crowded);
            long fit = (long) ((0.9 * ram - global) / perThread);
            Finding overcommit = single(report, MAX_MEMORY);
            assertThat(overcommit.severity()).isEqualTo(Severity.ERROR);
            long used = Long.parseLong(overcommit.texts().get("max_used_connections"));
            assertThat(used).isGreaterThan(8);
            assertThat(overcommit.texts()).containsEntry("reached_memory", ByteSize.format(global + used * perThread))
                    .containsEntry("host_memory", "512 MiB");

            Finding pool = single(report, NEED_POOL);
            assertThat(pool.severity()).isEqualTo(Severity.WARNING);
            assertThat(pool.texts())
                    .containsEntry("fitting_connections", Long.toString(fit))
                    .containsEntry("max_used_connections", Long.toString(used))
                    .containsEntry("max_connections", "500")
                    .containsEntry("memory_source", "declared");
            assertThat(pool.remediation()).contains("ProxySQL", "SET GLOBAL max_connections = " + fit + ";");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    // ---- mysql_buffer_pool_oversized

    @Test
    void oversizedPoolIsAnErrorWhenItLeavesTheOsLessThanItsReserveAndALargestFittingSizeIsProposed() {
        RunReport report = CheckRun.against(crowded.dsn()).checks(OVERSIZED).hostMemory("288MiB", 2).run();

        Finding finding = single(report, OVERSIZED);
        // A 288 MiB host keeps 20 % (57.6 MiB) for the OS, less than 2 GiB; the 256 MiB pool leaves 32 MiB.
        long proposed = (long) ((288 * MIB - 0.2 * 288 * MIB) / MIB) * MIB;
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.texts())
                .containsEntry("buffer_pool", "256 MiB")
                .containsEntry("os_left", "32 MiB")
                .containsEntry("os_reserve", "57.6 MiB")
                .containsEntry("pool_share", "88.9 %")
                .containsEntry("memory_source", "declared")
                .containsEntry("proposed_buffer_pool", "230 MiB")
                .containsEntry("proposed_buffer_pool_bytes", Long.toString(proposed));
        assertThat(finding.remediation()).contains("SET GLOBAL innodb_buffer_pool_size = " + proposed + ";");
    }

    // ---- mysql_buffer_pool_undersized

    @Test
    void undersizedPoolIsReportedWithASizeForTheDataWhenTheDataOutgrowsItOnAHostWithRoom() {
        RunReport report = CheckRun.against(smallPool.dsn()).checks(UNDERSIZED, OVERSIZED)
                .hostMemory("8GiB", 4).run();

        Finding finding = single(report, UNDERSIZED);
        long data = innodbDataBytes(smallPool);
        assertThat(data).isGreaterThan(60 * MIB);
        long proposed = (long) Math.ceil(data * 1.1 / MIB) * MIB; // chunk size is automatic on MariaDB 10.11: 1 MiB
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.texts())
                .containsEntry("buffer_pool", "6 MiB")
                .containsEntry("innodb_data", ByteSize.format(data))
                .containsEntry("host_memory", "8 GiB")
                .containsEntry("memory_source", "declared")
                .containsEntry("allowance", "6 GiB")
                .containsEntry("rounding_unit", "1 MiB")
                .containsEntry("proposed_buffer_pool_bytes", Long.toString(proposed));
        assertThat(finding.summary()).contains("6 MiB", "8 GiB", ByteSize.format(proposed));
        assertThat(finding.remediation()).contains("SET GLOBAL innodb_buffer_pool_size = " + proposed + ";");
        CheckRun.assertQuiet(report, OVERSIZED);
    }

    @Test
    void undersizedStaysQuietWhenRamAllowsNoBiggerPool() {
        // 12 MiB of RAM: 6 MiB is not "far below" half of 75 % of it (4.5 MiB), however large the data.
        RunReport report = CheckRun.against(smallPool.dsn()).checks(UNDERSIZED).hostMemory("12MiB", 1).run();

        CheckRun.assertQuiet(report, UNDERSIZED);
    }

    // ---- mysql_buffer_pool_disk_reads

    @Test
    void diskReadsAreReportedWhileAWorkloadMissesTheBufferPoolDuringTheSample() {
        RunReport report;
        try (MysqlMemoryWorkload load = MysqlMemoryWorkload.start(smallPool, "shop.items", BIG_ROWS)) {
            report = CheckRun.against(smallPool.dsn()).checks(DISK_READS).sample(Duration.ofSeconds(3)).run();
        }

        Finding finding = single(report, DISK_READS);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.texts()).containsEntry("buffer_pool", "6 MiB");
        assertThat(Long.parseLong(finding.texts().get("read_requests_per_second"))).isGreaterThanOrEqualTo(1000);
        double share = Double.parseDouble(finding.texts().get("disk_read_share").replace(" %", ""));
        assertThat(share).isGreaterThan(1.0);
        assertThat(finding.summary()).contains(finding.texts().get("disk_read_share"));
    }

    @Test
    void diskReadsStayQuietWhenABusyWorkloadIsServedFromTheBufferPool() {
        long before = status(crowded, "Innodb_buffer_pool_read_requests");
        long t0 = System.nanoTime();
        RunReport report;
        try (MysqlMemoryWorkload load = MysqlMemoryWorkload.start(crowded, "app.hot", HOT_ROWS)) {
            report = CheckRun.against(crowded.dsn()).checks(DISK_READS).sample(Duration.ofSeconds(2)).run();
        }
        double perSecond = (status(crowded, "Innodb_buffer_pool_read_requests") - before) / ((System.nanoTime() - t0) / 1e9);

        assertThat(perSecond).as("the load is above the check's minimum, so quiet means no misses").isGreaterThan(1000);
        CheckRun.assertQuiet(report, DISK_READS);
    }

    // ---- mysql_dedicated_server_underallocates

    @Test
    void dedicatedServerCheckStaysQuietOnMariaDbWhichLacksInnodbDedicatedServer() {
        assertThat(MariaDbServer.shared().query("SHOW GLOBAL VARIABLES LIKE 'innodb_dedicated_server'")).isEmpty();

        RunReport report = CheckRun.against(MariaDbServer.shared().dsn()).checks(DEDICATED).hostMemory("256GiB", 64).run();

        CheckRun.assertQuiet(report, DEDICATED);
    }

    @Test
    void dedicatedServerRuleProposesTheUnusedQuarterOnThisServersFactsWithMysql8sInnodbDedicatedServerAddedSinceMariaDbCannotPlantIt()
            throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        long ram = 256L << 30;
        // What MySQL 8 does with innodb_dedicated_server=ON on a 256 GiB host: 75 % in 8 instances of 128 MiB chunks.
        MysqlMemoryRuleRun dedicated = MysqlMemoryRuleRun.of(DEDICATED, server)
                .variable("innodb_dedicated_server", "ON")
                .variable("innodb_buffer_pool_size", Long.toString(ram / 4 * 3))
                .variable("innodb_buffer_pool_chunk_size", Long.toString(128 * MIB))
                .variable("innodb_buffer_pool_instances", "8")
                .declaredHostMemory(ram);

        List<Finding> findings = dedicated.findings();

        long room = (long) (0.9 * ram) - variable(server, "key_buffer_size")
                - variable(server, "max_connections") * perThreadBuffers(server);
        long proposed = room / (1L << 30) * (1L << 30);
        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.severity()).isEqualTo(Severity.NOTICE);
        assertThat(finding.texts())
                .containsEntry("buffer_pool", "192 GiB")
                .containsEntry("host_memory", "256 GiB")
                .containsEntry("proposed_buffer_pool_bytes", Long.toString(proposed))
                .containsEntry("gain", ByteSize.format(proposed - ram / 4 * 3));
        assertThat(finding.remediation()).contains("innodb_buffer_pool_size = " + proposed);
        assertThat(dedicated.variable("innodb_dedicated_server", "OFF").findings()).as("with the variable OFF").isEmpty();
        assertThat(dedicated.variable("innodb_dedicated_server", "ON").declaredHostMemory(32L << 30).findings())
                .as("on a 32 GiB host, below params.min_memory").isEmpty();
    }

    // ---- helpers

    private static Finding single(RunReport report, String check) {
        List<Finding> findings = CheckRun.findings(report, check);
        assertThat(findings).as(check + " findings").hasSize(1);
        return findings.get(0);
    }

    private static long variable(MariaDbServer server, String name) {
        return number(server.query("SHOW GLOBAL VARIABLES LIKE '" + name + "'"));
    }

    private static long status(MariaDbServer server, String name) {
        return number(server.query("SHOW GLOBAL STATUS LIKE '" + name + "'"));
    }

    private static long number(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return Long.parseLong(String.valueOf(rows.get(0).get("Value")));
    }

    /** The article's per-connection buffers. */
    private static long perThreadBuffers(MariaDbServer server) {
        return variable(server, "read_buffer_size") + variable(server, "read_rnd_buffer_size")
                + variable(server, "sort_buffer_size") + variable(server, "join_buffer_size")
                + variable(server, "tmp_table_size");
    }

    private static long innodbDataBytes(MariaDbServer server) {
        Object bytes = server.query("SELECT SUM(data_length + index_length) AS bytes FROM information_schema.TABLES"
                + " WHERE engine = 'InnoDB' AND table_schema NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')")
                .get(0).get("bytes");
        return ((Number) bytes).longValue();
    }

    private static long procMemTotal() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new AssertionError("no MemTotal in /proc/meminfo");
    }

    private static boolean resolvesToLoopbackServerAddress(String name) {
        try {
            return !name.equalsIgnoreCase("localhost")
                    && InetAddress.getByName(name).getHostAddress().equals(MariaDbServer.shared().host());
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
