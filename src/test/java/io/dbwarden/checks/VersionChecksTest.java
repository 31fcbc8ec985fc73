package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.release.ReleaseData;
import io.dbwarden.release.ReleaseFactSource;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release checks against the real PostgreSQL 15 and MariaDB 10.11 of this machine, judged with
 * small release-data files written around the servers' actual versions and a fixed clock
 * (2026-11-26), and recorded runs for MySQL and Percona Server.
 */
class VersionChecksTest {

    private static final String TODAY = "2026-11-26";
    private static final String[] PG_CHECKS = {
            "postgresql_unsupported_version", "postgresql_outdated_minor", "postgresql_release_data_stale"};
    private static final String[] MYSQL_CHECKS = {
            "mysql_unsupported_version", "mysql_outdated_minor", "mysql_release_data_stale"};

    private static PostgresServer pg;
    private static MariaDbServer maria;
    private static ServerVersion pgVersion;
    private static ServerVersion mariaVersion;

    @BeforeAll
    static void servers() {
        pg = PostgresServer.shared();
        maria = MariaDbServer.shared();
        long num = ((Number) pg.query("postgres", "SELECT current_setting('server_version_num')::int AS num")
                .get(0).get("num")).longValue();
        pgVersion = new ServerVersion((int) (num / 10000), (int) (num % 10000), 0, Flavor.POSTGRESQL, "");
        mariaVersion = ServerVersion.parse(String.valueOf(maria.query("SELECT @@version AS v").get(0).get("v")), Flavor.MARIADB);
        assertThat(pgVersion.major()).as("these tests expect the machine's PostgreSQL 15").isEqualTo(15);
        assertThat(mariaVersion.major() + "." + mariaVersion.minor()).as("and its MariaDB 10.11").isEqualTo("10.11");
    }

    // ---------------------------------------------------------------- PostgreSQL, real server

    @Test
    void aPostgresMajorPastItsEndOfLifeIsAnErrorNamingTheDateAndTheUpgrade() {
        ReleaseData data = postgresData("2026-11-20",
                "{ line: \"17\", eol: 2029-11-08, latest: \"17.10\" }",
                "{ line: \"15\", eol: 2026-11-01, latest: \"" + pgRunning() + "\" }");

        RunReport report = runPostgres(data, TODAY);

        List<Finding> findings = CheckRun.findings(report, "postgresql_unsupported_version");
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.texts()).containsEntry("line", "15").containsEntry("eol", "2026-11-01")
                .containsEntry("running", pgRunning()).containsEntry("days_past_eol", "25")
                .containsEntry("as_of", "2026-11-20");
        assertThat(f.key()).containsExactly("line");
        assertThat(f.summary()).isEqualTo("PostgreSQL " + pgRunning() + ": major version 15 is past end of life (2026-11-01)");
        assertThat(f.description()).contains("release data as of 2026-11-20");
        assertThat(f.remediation()).contains("PostgreSQL 17.10");
        CheckRun.assertQuiet(report, "postgresql_outdated_minor", "postgresql_release_data_stale");
    }

    @Test
    void aNewerPostgresMinorReleaseIsAWarningNamingIt() {
        String newer = "15." + (pgVersion.minor() + 3);
        ReleaseData data = postgresData("2026-11-20", "{ line: \"15\", eol: 2027-11-11, latest: \"" + newer + "\" }");

        RunReport report = runPostgres(data, TODAY);

        List<Finding> findings = CheckRun.findings(report, "postgresql_outdated_minor");
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.texts()).containsEntry("running", pgRunning()).containsEntry("line", "15")
                .containsEntry("latest", newer).containsEntry("as_of", "2026-11-20");
        assertThat(f.summary()).isEqualTo("PostgreSQL " + pgRunning() + " is behind the latest 15 release, " + newer);
        assertThat(f.remediation()).startsWith("Update to PostgreSQL " + newer);
        CheckRun.assertQuiet(report, "postgresql_unsupported_version", "postgresql_release_data_stale");
    }

    @Test
    void theVersionChecksAreQuietOnACurrentPostgresWithFreshData() {
        ReleaseData data = postgresData("2026-11-20", "{ line: \"15\", eol: 2027-11-11, latest: \"" + pgRunning() + "\" }");

        CheckRun.assertQuiet(runPostgres(data, TODAY), PG_CHECKS);
    }

    @Test
    void postgresReleaseDataOlderThan183DaysIsANoticeNamingItsAsOfDate() {
        String line = "{ line: \"15\", eol: 2027-11-11, latest: \"" + pgRunning() + "\" }";
        // 2026-05-27 is 183 days before 2026-11-26, 2026-05-26 is 184 days before
        CheckRun.assertQuiet(runPostgres(postgresData("2026-05-27", line), TODAY), PG_CHECKS);

        RunReport report = runPostgres(postgresData("2026-05-26", line), TODAY);

        List<Finding> findings = CheckRun.findings(report, "postgresql_release_data_stale");
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.NOTICE);
        assertThat(f.key()).isEmpty();
        assertThat(f.texts()).containsEntry("as_of", "2026-05-26").containsEntry("data_age_days", "184");
        assertThat(f.summary()).isEqualTo("dbwarden's PostgreSQL release data is out of date (as of 2026-05-26, 184 days ago): it is older than 183 days");
        CheckRun.assertQuiet(report, "postgresql_unsupported_version", "postgresql_outdated_minor");
    }

    @Test
    void thePostgresChecksRunOnTheBuiltInDataAndShowItsAge() {
        RunReport report = runPostgres(ReleaseData.builtIn(), TODAY);

        CheckRun.assertQuiet(report, "postgresql_unsupported_version");
        CheckRun.findings(report, "postgresql_outdated_minor"); // ran; fires only if this machine's 15.x predates 15.18
        List<Finding> stale = CheckRun.findings(report, "postgresql_release_data_stale");
        assertThat(stale).hasSize(1);
        assertThat(stale.get(0).texts()).containsEntry("as_of", "2026-05-14").containsEntry("data_age_days", "196");
        assertThat(stale.get(0).summary()).startsWith("dbwarden's PostgreSQL release data is out of date (as of 2026-05-14, 196 days ago): ");
    }

    @Test
    void withoutAReplacedSourceTheVersionChecksRunOnTheBuiltInReleaseDataAsTheCommandLineDoes() {
        RunReport report = CheckRun.against(pg.dsn("postgres")).checks(PG_CHECKS).run();

        for (String check : PG_CHECKS) {
            RunItem item = CheckRun.item(report, check);
            assertThat(item.status()).as(check + ": " + item.reason().orElse("")).isIn(ItemStatus.OK, ItemStatus.FINDINGS);
        }
    }

    // ---------------------------------------------------------------- MariaDB, real server

    @Test
    void aMariadbLinePastItsEndOfLifeIsAnErrorNamingTheLtsUpgrade() {
        ReleaseData data = mariadbData("2026-11-20",
                "{ line: \"11.8\", eol: 2028-06-04, latest: \"11.8.6\", track: lts }",
                "{ line: \"11.7\", eol: 2029-05-12, latest: \"11.7.2\", track: short_term }",
                "{ line: \"10.11\", eol: 2026-11-01, latest: \"" + mariaRunning() + "\", track: lts }");

        RunReport report = runMariadb(data, TODAY);

        List<Finding> findings = CheckRun.findings(report, "mysql_unsupported_version");
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.texts()).containsEntry("product", "MariaDB").containsEntry("running", mariaRunning())
                .containsEntry("line", "10.11").containsEntry("eol", "2026-11-01").containsEntry("as_of", "2026-11-20");
        assertThat(f.summary()).isEqualTo("MariaDB " + mariaRunning() + ": release line 10.11 reached end of life on 2026-11-01");
        assertThat(f.description()).contains("release data as of 2026-11-20");
        assertThat(f.remediation()).as("the newest supported LTS, not the newer short-term line").contains("MariaDB 11.8.6");
        CheckRun.assertQuiet(report, "mysql_outdated_minor", "mysql_release_data_stale");
    }

    @Test
    void aMariadbLineEndingWithinWarnDaysIsAWarningCountingTheDays() {
        // 2027-03-01 is 95 days after 2026-11-26
        ReleaseData data = mariadbData("2026-11-20", "{ line: \"10.11\", eol: 2027-03-01, latest: \"" + mariaRunning() + "\" }");

        Finding f = CheckRun.findings(runMariadb(data, TODAY), "mysql_unsupported_version").get(0);

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("MariaDB " + mariaRunning()
                + ": release line 10.11 reaches end of life on 2027-03-01, in 95 days");
        assertThat(f.texts()).containsEntry("days_to_eol", "95");
    }

    @Test
    void aNewerMariadbPatchReleaseIsInformationNamingIt() {
        String newer = "10.11." + (mariaVersion.patch() + 2);
        ReleaseData data = mariadbData("2026-11-20", "{ line: \"10.11\", eol: 2028-02-16, latest: \"" + newer + "\", track: lts }");

        RunReport report = runMariadb(data, TODAY);

        Finding f = CheckRun.findings(report, "mysql_outdated_minor").get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.texts()).containsEntry("running", mariaRunning()).containsEntry("line", "10.11")
                .containsEntry("latest", newer).containsEntry("as_of", "2026-11-20");
        assertThat(f.summary()).isEqualTo("MariaDB " + mariaRunning() + " is behind the latest 10.11 release, " + newer);
        assertThat(f.remediation()).startsWith("Update to MariaDB " + newer);
        CheckRun.assertQuiet(report, "mysql_unsupported_version", "mysql_release_data_stale");
    }

    @Test
    void theVersionChecksAreQuietOnACurrentMariadbWithFreshData() {
        ReleaseData data = mariadbData("2026-11-20", "{ line: \"10.11\", eol: 2028-02-16, latest: \"" + mariaRunning() + "\" }");

        CheckRun.assertQuiet(runMariadb(data, TODAY), MYSQL_CHECKS);
    }

    @Test
    void aMariadbLineTheDataDoesNotKnowIsANoticeAndNotAnError() {
        ReleaseData data = mariadbData("2026-11-20",
                "{ line: \"11.4\", eol: 2029-05-29, latest: \"11.4.10\" }",
                "{ line: \"10.6\", eol: 2026-07-06, latest: \"10.6.25\" }");

        RunReport report = runMariadb(data, TODAY);

        Finding f = CheckRun.findings(report, "mysql_release_data_stale").get(0);
        assertThat(f.severity()).isEqualTo(Severity.NOTICE);
        assertThat(f.texts()).containsEntry("reason",
                "it does not know release line 10.11, which the server runs (" + mariaRunning() + ")");
        CheckRun.assertQuiet(report, "mysql_unsupported_version", "mysql_outdated_minor");
    }

    @Test
    void theMariadbChecksRunOnTheBuiltInDataAndShowItsAge() {
        RunReport report = runMariadb(ReleaseData.builtIn(), TODAY);

        CheckRun.assertQuiet(report, "mysql_unsupported_version");
        CheckRun.findings(report, "mysql_outdated_minor");
        Finding stale = CheckRun.findings(report, "mysql_release_data_stale").get(0);
        assertThat(stale.texts()).containsEntry("as_of", "2026-02-04").containsEntry("data_age_days", "295");
        assertThat(stale.summary()).startsWith("dbwarden's MariaDB release data is out of date (as of 2026-02-04, 295 days ago): ");
    }

    // ---------------------------------------------------------------- MySQL and Percona, recorded

    @Test
    void recordedMysql80PastItsEndOfLifeIsAnErrorPointingToTheLtsLine() throws Exception {
        Finding f = recorded("mysql_unsupported_version", ServerVersion.parse("8.0.36", Flavor.MYSQL), TODAY).get(0);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.texts()).containsEntry("product", "MySQL").containsEntry("line", "8.0")
                .containsEntry("eol", "2026-04-30").containsEntry("as_of", "2026-01-31").containsEntry("upgrade_to", "8.4.8");
        assertThat(f.summary()).isEqualTo("MySQL 8.0.36: release line 8.0 reached end of life on 2026-04-30");
        assertThat(f.remediation()).contains("MySQL 8.4.8").contains("5.7 to 8.0 to 8.4");
        assertThat(recorded("mysql_outdated_minor", ServerVersion.parse("8.0.36", Flavor.MYSQL), TODAY))
                .as("a line past end of life is one finding, not two").isEmpty();
    }

    @Test
    void recordedMysqlEndOfLifeBoundaries() throws Exception {
        ServerVersion v = ServerVersion.parse("8.0.45", Flavor.MYSQL);
        // warn_days 180: 2025-11-01 is 180 days before 2026-04-30, 2025-10-31 is 181
        assertThat(recorded("mysql_unsupported_version", v, "2025-10-31")).isEmpty();
        assertThat(recorded("mysql_unsupported_version", v, "2025-11-01")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        Finding eolDay = recorded("mysql_unsupported_version", v, "2026-04-30").get(0);
        assertThat(eolDay.severity()).isEqualTo(Severity.WARNING);
        assertThat(eolDay.summary()).endsWith("reaches end of life today (2026-04-30)");
        Finding dayAfter = recorded("mysql_unsupported_version", v, "2026-05-01").get(0);
        assertThat(dayAfter.severity()).isEqualTo(Severity.ERROR);
        assertThat(dayAfter.summary()).endsWith("reached end of life on 2026-04-30");
    }

    @Test
    void recordedMysqlInnovationLines() throws Exception {
        assertThat(recorded("mysql_unsupported_version", ServerVersion.parse("9.6.0", Flavor.MYSQL), TODAY))
                .as("9.6's end is not dated in the data").isEmpty();
        Finding ended = recorded("mysql_unsupported_version", ServerVersion.parse("9.5.0", Flavor.MYSQL), TODAY).get(0);
        assertThat(ended.severity()).isEqualTo(Severity.ERROR);
        assertThat(ended.description()).contains("an innovation release, supported only until the next innovation release");
    }

    @Test
    void recordedPerconaBehindItsLatestBuildIsInformation() throws Exception {
        ServerVersion v = new ServerVersion(8, 0, 36, Flavor.PERCONA, "8.0.36-28");

        Finding f = recorded("mysql_outdated_minor", v, "2026-02-01").get(0);

        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.summary()).isEqualTo("Percona Server for MySQL 8.0.36-28 is behind the latest 8.0 release, 8.0.44-35");
        assertThat(recorded("mysql_unsupported_version", v, "2026-02-01")).singleElement()
                .satisfies(w -> assertThat(w.summary()).endsWith("reaches end of life on 2026-04-30, in 88 days"));
    }

    @Test
    void recordedMysqlLineNewerThanTheDataIsANotice() throws Exception {
        ServerVersion v = ServerVersion.parse("9.7.1", Flavor.MYSQL);

        assertThat(recorded("mysql_unsupported_version", v, TODAY)).isEmpty();
        assertThat(recorded("mysql_outdated_minor", v, TODAY)).isEmpty();
        Finding f = recorded("mysql_release_data_stale", v, TODAY).get(0);
        assertThat(f.texts()).containsEntry("reason", "it does not know release line 9.7, which the server runs (9.7.1)");
    }

    @Test
    void recordedMysqlLineOlderThanTheDataEndedAtTheLatestWithTheOldestKnownLine() throws Exception {
        Finding f = recorded("mysql_unsupported_version", ServerVersion.parse("5.1.73", Flavor.MYSQL), TODAY).get(0);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.texts()).containsEntry("line", "5.1").containsEntry("eol", "2018-12-31");
        assertThat(f.description()).contains("at the latest");
        assertThat(recorded("mysql_release_data_stale", ServerVersion.parse("5.1.73", Flavor.MYSQL), "2026-02-01"))
                .as("a line older than the data is no sign of stale data").isEmpty();
        assertThat(recorded("mysql_release_data_stale", ServerVersion.parse("5.1.73", Flavor.MYSQL), TODAY))
                .singleElement().satisfies(s -> assertThat(s.texts()).containsEntry("reason", "it is older than 183 days"));
    }

    @Test
    void recordedReleaseDataAgeBoundaryIs183Days() throws Exception {
        ServerVersion v = ServerVersion.parse("8.4.8", Flavor.MYSQL);
        // MySQL data as of 2026-01-31: 183 days later is 2026-08-02
        assertThat(recorded("mysql_release_data_stale", v, "2026-08-02")).isEmpty();
        Finding f = recorded("mysql_release_data_stale", v, "2026-08-03").get(0);
        assertThat(f.severity()).isEqualTo(Severity.NOTICE);
        assertThat(f.summary()).isEqualTo("dbwarden's MySQL release data is out of date (as of 2026-01-31, 184 days ago): it is older than 183 days");
    }

    // ---------------------------------------------------------------- helpers

    private static RunReport runPostgres(ReleaseData data, String day) {
        return CheckRun.against(pg.dsn("postgres")).checks(PG_CHECKS)
                .withSource(BuiltinFact.RELEASES, new ReleaseFactSource(data, clock(day))).run();
    }

    private static RunReport runMariadb(ReleaseData data, String day) {
        return CheckRun.against(maria.dsn()).checks(MYSQL_CHECKS)
                .withSource(BuiltinFact.RELEASES, new ReleaseFactSource(data, clock(day))).run();
    }

    private static List<Finding> recorded(String check, ServerVersion version, String day) throws Exception {
        Map<String, Object> releases = new ReleaseFactSource(ReleaseData.builtIn(), clock(day)).read(version).facts();
        return RecordedRun.of(check).version(version).fact("releases", releases).findings();
    }

    private static Clock clock(String day) {
        return Clock.fixed(LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static String pgRunning() {
        return pgVersion.major() + "." + pgVersion.minor();
    }

    private static String mariaRunning() {
        return mariaVersion.major() + "." + mariaVersion.minor() + "." + mariaVersion.patch();
    }

    private static ReleaseData postgresData(String asOf, String... lines) {
        return data("postgresql", "PostgreSQL", asOf, lines);
    }

    private static ReleaseData mariadbData(String asOf, String... lines) {
        return data("mariadb", "MariaDB", asOf, lines);
    }

    private static ReleaseData data(String product, String name, String asOf, String... lines) {
        StringBuilder yaml = new StringBuilder("""
                format: 1
                products:
                  %s:
                    name: %s
                    as_of: %s
                    sources: [https://example.org/test-data]
                    lines:
                """.formatted(product, name, asOf));
        for (String line : lines) {
            yaml.append("      - ").append(line).append('\n');
        }
        return ReleaseData.parse("test-releases.yaml", yaml.toString());
    }
}
