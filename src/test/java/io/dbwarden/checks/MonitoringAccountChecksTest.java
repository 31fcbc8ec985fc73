package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dbwarden reports its own account's powers: a monitoring account that is a superuser or may reach the server's
 * files and programs is a finding about dbwarden itself, and the README's least-privilege account is quiet.
 */
class MonitoringAccountChecksTest {

    private static final String PG_CHECK = "postgresql_monitoring_account_privileged";
    private static final String MYSQL_CHECK = "mysql_monitoring_account_privileged";
    private static final String MYSQL_MONITOR_PASSWORD = "Least-Privilege-4tW";

    private static PostgresServer pg;
    private static MariaDbServer maria;

    @BeforeAll
    static void createAccounts() {
        pg = PostgresServer.builder().start();
        pg.execute(
                // the README's monitoring role
                "CREATE ROLE dbwarden LOGIN IN ROLE pg_monitor",
                "GRANT SELECT ON pg_hba_file_rules TO dbwarden",
                // file access through a role in between: indirect membership counts
                "CREATE ROLE file_readers NOLOGIN IN ROLE pg_read_server_files",
                "CREATE ROLE agent LOGIN IN ROLE pg_monitor, file_readers",
                "CREATE ROLE runner LOGIN IN ROLE pg_execute_server_program, pg_write_server_files");
        maria = MariaDbServer.builder().start();
        maria.execute(
                // the README's monitoring account
                "CREATE USER 'dbwarden'@'%' IDENTIFIED BY '" + MYSQL_MONITOR_PASSWORD + "'",
                "GRANT PROCESS, REPLICATION CLIENT, SHOW DATABASES, SELECT ON *.* TO 'dbwarden'@'%'",
                "CREATE USER 'loader'@'%' IDENTIFIED BY '" + MYSQL_MONITOR_PASSWORD + "'",
                "GRANT SELECT, FILE ON *.* TO 'loader'@'%'");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
        if (maria != null) {
            maria.close();
        }
    }

    private static String pgDsn(String role) {
        return "postgresql://" + role + "@" + pg.host() + ":" + pg.port() + "/postgres";
    }

    private static String mariaDsn(String user) {
        return "mysql://" + user + ":" + MYSQL_MONITOR_PASSWORD + "@" + maria.host() + ":" + maria.port() + "/";
    }

    // ---- PostgreSQL

    @Test
    void aSuperuserMonitoringRoleIsAWarningAboutDbwardenItselfWithTheLeastPrivilegeRecipe() {
        RunReport report = CheckRun.against(pg.dsn("postgres")).checks(PG_CHECK).run();

        assertThat(CheckRun.findings(report, PG_CHECK)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("role", "postgres").containsEntry("superuser", "true");
            assertThat(f.keyValues()).containsOnlyKeys("role");
            assertThat(f.summary()).isEqualTo("dbwarden's own role postgres is a superuser, more than monitoring needs");
            assertThat(f.description()).contains("a hostile or mistaken check file would run with them");
            assertThat(f.remediation())
                    .startsWith("Give dbwarden a role of its own that can read, not change: CREATE ROLE dbwarden LOGIN"
                            + " PASSWORD '…' IN ROLE pg_monitor; GRANT SELECT ON pg_hba_file_rules TO dbwarden;")
                    .contains("instead of postgres.")
                    .doesNotContain("REVOKE");
        });
    }

    @Test
    void membershipOfTheFileAndProgramRolesIsReportedAlsoThroughAnotherRole() {
        Finding agent = single(CheckRun.against(pgDsn("agent")).checks(PG_CHECK).run(), PG_CHECK);
        assertThat(agent.summary()).isEqualTo(
                "dbwarden's own role agent is a member of pg_read_server_files, more than monitoring needs");
        assertThat(agent.remediation()).contains("REVOKE pg_read_server_files FROM agent; (or from the role it inherits");

        Finding runner = single(CheckRun.against(pgDsn("runner")).checks(PG_CHECK).run(), PG_CHECK);
        assertThat(runner.fields()).containsEntry("granted_roles", "pg_execute_server_program, pg_write_server_files")
                .containsEntry("superuser", false);
    }

    @Test
    void theReadmesMonitoringRoleIsQuiet() {
        RunReport report = CheckRun.against(pgDsn("dbwarden")).checks(PG_CHECK).run();
        CheckRun.assertQuiet(report, PG_CHECK);
    }

    // ---- MariaDB

    @Test
    void rootAsMonitoringAccountIsAWarningNamingFileAndSuper() {
        RunReport report = CheckRun.against(maria.dsn()).checks(MYSQL_CHECK).run();

        Finding root = single(report, MYSQL_CHECK);
        assertThat(root.severity()).isEqualTo(Severity.WARNING);
        assertThat(root.texts()).containsEntry("user", "root").containsEntry("privileges", "FILE, SUPER");
        assertThat(root.keyValues()).containsOnlyKeys("user", "host");
        String account = "'root'@'" + root.texts().get("host") + "'";
        assertThat(root.summary()).isEqualTo("dbwarden's own account " + account
                + " holds FILE, SUPER, more than monitoring needs");
        assertThat(root.remediation())
                .startsWith("Give dbwarden an account of its own that can read, not change: CREATE USER"
                        + " 'dbwarden'@'monitoring-host' IDENTIFIED BY '…'; GRANT PROCESS, REPLICATION CLIENT, SHOW"
                        + " DATABASES, SELECT ON *.* TO 'dbwarden'@'monitoring-host';")
                .contains("instead of " + account);
    }

    @Test
    void anAccountWithFileAloneIsReported() {
        Finding loader = single(CheckRun.against(mariaDsn("loader")).checks(MYSQL_CHECK).run(), MYSQL_CHECK);
        assertThat(loader.fields()).containsEntry("user", "loader").containsEntry("host", "%")
                .containsEntry("privileges", "FILE");
    }

    @Test
    void theReadmesMonitoringAccountIsQuiet() {
        RunReport report = CheckRun.against(mariaDsn("dbwarden")).checks(MYSQL_CHECK).run();
        CheckRun.assertQuiet(report, MYSQL_CHECK);
    }

    private static Finding single(RunReport report, String check) {
        List<Finding> findings = CheckRun.findings(report, check);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
