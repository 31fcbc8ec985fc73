package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL/MariaDB durability and connection-headroom checks: one server with the binary log on, relaxed flushing
 * and a tiny max_connections (the settings that are dynamic are changed per test), the harness's default
 * install, and the hardened healthy server.
 */
class MysqlDurabilityChecksTest {

    private static final String SYNC_BINLOG = "mysql_sync_binlog";
    private static final String FLUSH_LOG = "mysql_flush_log_at_trx_commit";
    private static final String CONNECTIONS = "mysql_max_connections_usage";

    private static MariaDbServer relaxed;

    @BeforeAll
    static void startRelaxedServer() {
        relaxed = MariaDbServer.builder()
                .option("log_bin", "mysql-bin")
                .option("server_id", "1")
                .option("sync_binlog", "100")
                .option("innodb_flush_log_at_trx_commit", "2")
                .option("max_connections", "10")
                .start();
    }

    @AfterAll
    static void stop() {
        if (relaxed != null) {
            relaxed.close();
        }
    }

    @Test
    void syncBinlogOtherThanOneWithTheBinaryLogOnIsReportedWithTheValueFound() {
        relaxed.execute("SET GLOBAL sync_binlog = 100");
        Finding hundred = single(CheckRun.against(relaxed.dsn()).checks(SYNC_BINLOG).run(), SYNC_BINLOG);
        assertThat(hundred.severity()).isEqualTo(Severity.WARNING);
        assertThat(hundred.texts()).containsEntry("sync_binlog", "100");
        assertThat(hundred.summary()).contains("sync_binlog = 100");
        assertThat(hundred.remediation()).contains("sync_binlog = 1;").endsWith("(was 100)");

        // MariaDB's default, 0: the operating system decides when the binlog reaches the disk
        relaxed.execute("SET GLOBAL sync_binlog = 0");
        Finding zero = single(CheckRun.against(relaxed.dsn()).checks(SYNC_BINLOG).run(), SYNC_BINLOG);
        assertThat(zero.texts()).containsEntry("sync_binlog", "0");
        assertThat(zero.remediation()).endsWith("(was 0)");
    }

    @Test
    void syncBinlogIsQuietWhenTheBinaryLogIsOffEvenThoughItIsZero() {
        MariaDbServer db = MariaDbServer.shared();
        assertThat(db.query("SELECT @@log_bin AS b, @@sync_binlog AS s").get(0))
                .satisfies(row -> assertThat(String.valueOf(row.get("b"))).isIn("0", "false"))
                .satisfies(row -> assertThat(String.valueOf(row.get("s"))).isEqualTo("0"));

        CheckRun.assertQuiet(CheckRun.against(db.dsn()).checks(SYNC_BINLOG).run(), SYNC_BINLOG);
    }

    @Test
    void innodbFlushLogAtTrxCommitOtherThanOneIsReportedWithTheValueAndMariaDbsThreeIsNot() {
        relaxed.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
        Finding two = single(CheckRun.against(relaxed.dsn()).checks(FLUSH_LOG).run(), FLUSH_LOG);
        assertThat(two.severity()).isEqualTo(Severity.WARNING);
        assertThat(two.texts()).containsEntry("innodb_flush_log_at_trx_commit", "2")
                .containsEntry("flush_interval_seconds", "1");
        assertThat(two.summary()).contains("innodb_flush_log_at_trx_commit = 2");
        assertThat(two.remediation()).startsWith("SET GLOBAL innodb_flush_log_at_trx_commit = 1;").endsWith("was 2");

        relaxed.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 0");
        Finding zero = single(CheckRun.against(relaxed.dsn()).checks(FLUSH_LOG).run(), FLUSH_LOG);
        assertThat(zero.texts()).containsEntry("innodb_flush_log_at_trx_commit", "0");

        // 3 (MariaDB): flush at prepare and at commit, as durable as 1
        relaxed.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 3");
        CheckRun.assertQuiet(CheckRun.against(relaxed.dsn()).checks(FLUSH_LOG).run(), FLUSH_LOG);
        relaxed.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
    }

    @Test
    void connectionsPeakingAboveEightyPercentOfMaxConnectionsAreReportedWithBothNumbers() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 9; i++) {
                held.add(relaxed.connect());
            }
            RunReport report = CheckRun.against(relaxed.dsn()).checks(CONNECTIONS).run();
            Finding finding = single(report, CONNECTIONS);

            long peak = Long.parseLong(String.valueOf(
                    relaxed.query("SHOW GLOBAL STATUS LIKE 'Max_used_connections'").get(0).get("Value")));
            assertThat(peak).isGreaterThanOrEqualTo(10); // 9 held + dbwarden's own session
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.texts())
                    .containsEntry("max_connections", "10")
                    .containsEntry("max_used_connections", Long.toString(peak))
                    .containsEntry("usage", String.format(java.util.Locale.ROOT, "%.1f %%", peak * 100.0 / 10))
                    .containsEntry("suggested_max_connections", Long.toString(peak + (peak + 1) / 2));
            assertThat(finding.summary()).isEqualTo("Connections peaked at " + peak + " of max_connections 10 ("
                    + finding.texts().get("usage") + ")");
            assertThat(finding.remediation()).contains("SET GLOBAL max_connections = " + (peak + (peak + 1) / 2) + ";");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void aHardenedServerWithSyncedBinlogAndRedoAndHeadroomIsQuiet() {
        assertThat(MysqlHardenedScenario.monitorQuery(
                "SELECT @@log_bin AS log_bin, @@sync_binlog AS sync_binlog, "
                        + "@@innodb_flush_log_at_trx_commit AS flush, @@max_connections AS max_connections"))
                .containsEntry("log_bin", "1").containsEntry("sync_binlog", "1").containsEntry("flush", "1")
                .containsEntry("max_connections", "151");

        RunReport report = CheckRun.against(MysqlHardenedScenario.monitorDsn())
                .checks(SYNC_BINLOG, FLUSH_LOG, CONNECTIONS).run();

        CheckRun.assertQuiet(report, SYNC_BINLOG, FLUSH_LOG, CONNECTIONS);
    }

    private static Finding single(RunReport report, String check) {
        List<Finding> findings = CheckRun.findings(report, check);
        assertThat(findings).as(check + " findings").hasSize(1);
        return findings.get(0);
    }
}
