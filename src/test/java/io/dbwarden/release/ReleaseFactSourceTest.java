package io.dbwarden.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import io.dbwarden.collect.FactOutcome;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseFactSourceTest {

    private static final ReleaseData DATA = ReleaseData.parse("""
            format: 1
            products:
              postgresql:
                name: PostgreSQL
                as_of: 2026-05-14
                sources: [https://www.postgresql.org/support/versioning/]
                lines:
                  - { line: "17", eol: 2029-11-08, latest: "17.10" }
                  - { line: "15", eol: 2027-11-11, latest: "15.18" }
                  - { line: "14", eol: 2026-11-12, latest: "14.23" }
                  - { line: "9.6", eol: 2021-11-11, latest: "9.6.24" }
              mysql:
                name: MySQL
                as_of: 2026-01-31
                sources: [https://dev.mysql.com/doc/relnotes/mysql/8.4/en/]
                lines:
                  - { line: "9.6", eol: null, latest: "9.6.0", track: innovation }
                  - { line: "8.4", eol: 2032-04-30, latest: "8.4.8", track: lts }
                  - { line: "8.0", eol: 2026-04-30, latest: "8.0.45" }
              percona:
                name: Percona Server for MySQL
                as_of: 2026-01-31
                sources: [https://docs.percona.com/percona-server/8.0/]
                lines:
                  - { line: "8.0", eol: 2026-04-30, latest: "8.0.44-35" }
            """);

    private static Map<String, Object> facts(String day, ServerVersion version) {
        FactOutcome outcome = new ReleaseFactSource(DATA, clock(day)).read(null, version);
        assertThat(outcome.unknownReason()).isNull();
        return outcome.facts();
    }

    private static Clock clock(String day) {
        return Clock.fixed(LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static ServerVersion pg(int major, int minor) {
        return new ServerVersion(major, minor, 0, Flavor.POSTGRESQL, major + "." + minor + " (Debian)");
    }

    @Test
    void aPostgresMinorBehindTheLatestIsBehindAndNamesItsLine() {
        Map<String, Object> f = facts("2026-06-01", pg(15, 10));

        assertThat(f).containsEntry("product", "postgresql").containsEntry("product_name", "PostgreSQL")
                .containsEntry("running", "15.10").containsEntry("line", "15").containsEntry("known", true)
                .containsEntry("position", "known").containsEntry("latest", "15.18").containsEntry("behind", true)
                .containsEntry("newer_than_data", false).containsEntry("eol", "2027-11-11")
                .containsEntry("as_of", "2026-05-14").containsEntry("data_age_days", 18L)
                .containsEntry("track", NullValue.NULL_VALUE);
    }

    @Test
    void theLatestMinorIsNotBehindAndANewerOneShowsTheDataIsMissingReleases() {
        assertThat(facts("2026-06-01", pg(15, 18))).containsEntry("behind", false).containsEntry("newer_than_data", false);
        assertThat(facts("2026-06-01", pg(15, 20))).containsEntry("behind", false).containsEntry("newer_than_data", true);
    }

    @Test
    void theEndOfLifeDayItselfIsDayZeroAndTheNextDayIsPastIt() {
        assertThat(facts("2026-11-11", pg(14, 23))).containsEntry("days_to_eol", 1L);
        assertThat(facts("2026-11-12", pg(14, 23))).containsEntry("days_to_eol", 0L);
        assertThat(facts("2026-11-13", pg(14, 23))).containsEntry("days_to_eol", -1L);
    }

    @Test
    void dataAgeCountsWholeDaysFromAsOf() {
        // 2026-05-14 + 183 days = 2026-11-13
        assertThat(facts("2026-11-13", pg(15, 18))).containsEntry("data_age_days", 183L);
        assertThat(facts("2026-11-14", pg(15, 18))).containsEntry("data_age_days", 184L);
        assertThat(facts("2026-05-14", pg(15, 18))).containsEntry("data_age_days", 0L);
    }

    @Test
    void postgresNineLinesAreMajorDotMinor() {
        Map<String, Object> f = facts("2026-06-01", new ServerVersion(9, 6, 24, Flavor.POSTGRESQL, "9.6.24"));

        assertThat(f).containsEntry("line", "9.6").containsEntry("running", "9.6.24").containsEntry("known", true)
                .containsEntry("behind", false).containsEntry("days_to_eol", -1663L);
        assertThat(facts("2026-06-01", ServerVersion.parse("9.6.20", Flavor.POSTGRESQL)))
                .containsEntry("line", "9.6").containsEntry("behind", true);
    }

    @Test
    void anUnknownNewerLineIsUnknownWithoutAnEndOfLife() {
        Map<String, Object> f = facts("2026-11-26", pg(19, 1));

        assertThat(f).containsEntry("known", false).containsEntry("position", "newer").containsEntry("line", "19")
                .containsEntry("eol", NullValue.NULL_VALUE).containsEntry("days_to_eol", NullValue.NULL_VALUE)
                .containsEntry("latest", NullValue.NULL_VALUE).containsEntry("behind", false)
                .containsEntry("eol_inferred", false);
        assertThat(facts("2026-11-26", pg(16, 3))).containsEntry("known", false).containsEntry("position", "between");
    }

    @Test
    void aLineOlderThanEveryKnownLineEndedNoLaterThanTheOldestKnownOne() {
        Map<String, Object> f = facts("2026-11-26", ServerVersion.parse("9.4.26", Flavor.POSTGRESQL));

        assertThat(f).containsEntry("known", false).containsEntry("position", "older")
                .containsEntry("eol", "2021-11-11").containsEntry("eol_inferred", true);
        assertThat((Long) f.get("days_to_eol")).isNegative();
    }

    @Test
    void mysqlLinesAreMajorDotMinorAndTheUpgradeTargetIsTheLtsLine() {
        Map<String, Object> f = facts("2026-11-26", ServerVersion.parse("8.0.36", Flavor.MYSQL));

        assertThat(f).containsEntry("line", "8.0").containsEntry("running", "8.0.36").containsEntry("behind", true)
                .containsEntry("latest", "8.0.45").containsEntry("days_to_eol", -210L)
                .containsEntry("upgrade_line", "8.4").containsEntry("upgrade_to", "8.4.8")
                .containsEntry("supported_lines", List.of("9.6", "8.4"));
        assertThat(facts("2026-11-26", ServerVersion.parse("9.6.0", Flavor.MYSQL)))
                .containsEntry("track", "innovation").containsEntry("eol", NullValue.NULL_VALUE);
    }

    @Test
    void perconaKeepsItsBuildSuffixButComparesTheMysqlRelease() {
        Map<String, Object> f = facts("2026-02-01", ServerVersion.parse("8.0.36-28", Flavor.PERCONA));

        assertThat(f).containsEntry("product_name", "Percona Server for MySQL").containsEntry("running", "8.0.36-28")
                .containsEntry("latest", "8.0.44-35").containsEntry("behind", true);
        assertThat(facts("2026-02-01", ServerVersion.parse("8.0.44-35", Flavor.PERCONA))).containsEntry("behind", false);
    }

    @Test
    void aProductWithoutDataMakesTheFactNotApplicableWithAReason() {
        FactOutcome outcome = new ReleaseFactSource(DATA, clock("2026-11-26"))
                .read(null, ServerVersion.parse("10.11.19-MariaDB", Flavor.MARIADB));

        assertThat(outcome.facts()).isNull();
        assertThat(outcome.unavailable()).isEqualTo(new Unavailable.NotApplicable("dbwarden has no release data for mariadb"));
    }

    @Test
    void theBuiltInDataAnswersForTheServersOnThisMachine() {
        ReleaseFactSource source = new ReleaseFactSource(ReleaseData.builtIn(), clock("2026-11-26"));

        Map<String, Object> pg = source.read(pg(15, 20)).facts();
        assertThat(pg).containsEntry("known", true).containsEntry("eol", "2027-11-11").containsEntry("upgrade_to", "18.4");
        Map<String, Object> maria = source.read(ServerVersion.parse("10.11.19-MariaDB-0+deb12u1", Flavor.MARIADB)).facts();
        assertThat(maria).containsEntry("line", "10.11").containsEntry("running", "10.11.19").containsEntry("track", "lts")
                .containsEntry("upgrade_to", "11.8.6").containsEntry("as_of", "2026-02-04");
    }
}
