package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {

    @Test
    void fsyncOffFiresOnAServerRunningWithoutFsync() {
        try (PostgresServer pg = PostgresServer.builder().setting("fsync", "off").start()) {
            RunReport report = CheckRun.against(pg.dsn("postgres")).checks("postgresql_fsync_off").run();
            assertThat(CheckRun.findings(report, "postgresql_fsync_off")).hasSize(1);
        }
    }

    @Test
    void fsyncOffIsQuietOnAHealthyServer() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks("postgresql_fsync_off").run();
        CheckRun.assertQuiet(report, "postgresql_fsync_off");
    }

    @Test
    void localInfileFiresWhenEnabled() {
        try (MariaDbServer db = MariaDbServer.builder().option("local_infile", "ON").start()) {
            RunReport report = CheckRun.against(db.dsn()).checks("mysql_local_infile_enabled").run();
            assertThat(CheckRun.findings(report, "mysql_local_infile_enabled")).hasSize(1);
        }
    }
}
