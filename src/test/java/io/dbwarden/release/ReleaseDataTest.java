package io.dbwarden.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.version.Flavor;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseDataTest {

    private static final String MINIMAL = """
            format: 1
            products:
              postgresql:
                name: PostgreSQL
                as_of: 2026-05-14
                sources: [https://www.postgresql.org/support/versioning/]
                lines:
                  - { line: "15", eol: 2027-11-11, latest: "15.18" }
                  - { line: 9.6, eol: 2021-11-11, latest: "9.6.24" }
              mariadb:
                name: MariaDB
                as_of: 2026-02-04
                sources: [https://mariadb.org/about/]
                lines:
                  - { line: 10.10, eol: 2023-11-17 }
                  - { line: "10.11", eol: 2028-02-16, latest: "10.11.16", track: lts }
            """;

    @Test
    void builtInDataLoadsAndCoversTheLinesTheChecksNeed() {
        ReleaseData data = ReleaseData.builtIn();

        assertThat(lines(data, Flavor.POSTGRESQL)).contains("18", "17", "16", "15", "14", "13", "12", "11", "10", "9.6");
        assertThat(lines(data, Flavor.MYSQL)).contains("5.7", "8.0", "8.4", "9.0", "9.6");
        assertThat(lines(data, Flavor.MARIADB)).contains("10.4", "10.5", "10.6", "10.11", "11.4", "11.8");
        assertThat(lines(data, Flavor.PERCONA)).contains("5.7", "8.0", "8.4");
        assertThat(data.product(Flavor.MONGODB)).isEmpty();
    }

    @Test
    void builtInDataCarriesItsOwnAsOfDatesThatAreNotTheDayItIsRead() {
        ReleaseData data = ReleaseData.builtIn();

        assertThat(data.product(Flavor.POSTGRESQL).orElseThrow().asOf()).isEqualTo(LocalDate.of(2026, 5, 14));
        assertThat(data.product(Flavor.MYSQL).orElseThrow().asOf()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(data.product(Flavor.MARIADB).orElseThrow().asOf()).isEqualTo(LocalDate.of(2026, 2, 4));
        assertThat(data.asOf()).isEqualTo(LocalDate.of(2026, 1, 31));
        for (ProductReleases p : data.products()) {
            assertThat(p.sources()).as(p.name() + " sources").isNotEmpty();
            assertThat(p.lines()).as(p.name() + " lines")
                    .allSatisfy(l -> assertThat(l.latest().isPresent() || !l.supportedOn(p.asOf()))
                            .as(p.name() + " " + l.line() + " is supported at as_of, so its latest release must be known")
                            .isTrue());
        }
    }

    @Test
    void builtInEndOfLifeDatesFollowTheVendorsPolicies() {
        ProductReleases pg = ReleaseData.builtIn().product(Flavor.POSTGRESQL).orElseThrow();
        assertThat(pg.line("13").orElseThrow().eol()).contains(LocalDate.of(2025, 11, 13));
        assertThat(pg.line("18").orElseThrow().eol()).contains(LocalDate.of(2030, 11, 14));
        ProductReleases mysql = ReleaseData.builtIn().product(Flavor.MYSQL).orElseThrow();
        assertThat(mysql.line("8.0").orElseThrow().eol()).contains(LocalDate.of(2026, 4, 30));
        assertThat(mysql.line("9.6").orElseThrow().eol()).as("the next innovation release is not dated yet").isEmpty();
        assertThat(mysql.line("8.4").orElseThrow().track()).contains("lts");
    }

    @Test
    void linesAreKeptAsWrittenAndOrderedNewestFirst() {
        ReleaseData data = ReleaseData.parse(MINIMAL);

        assertThat(lines(data, Flavor.POSTGRESQL)).containsExactly("15", "9.6");
        assertThat(lines(data, Flavor.MARIADB)).as("a plain 10.10 is the line 10.10, not the number 10.1")
                .containsExactly("10.11", "10.10");
        ReleaseLine old = data.product(Flavor.MARIADB).orElseThrow().line("10.10").orElseThrow();
        assertThat(old.latest()).isEmpty();
        assertThat(old.eol()).contains(LocalDate.of(2023, 11, 17));
    }

    @Test
    void anUnknownFieldIsRejectedWithItsLineAndColumn() {
        String yaml = MINIMAL.replace("{ line: \"15\", eol: 2027-11-11, latest: \"15.18\" }",
                "{ line: \"15\", eol: 2027-11-11, latest: \"15.18\", lastest: \"15.19\" }");

        assertThatThrownBy(() -> ReleaseData.parse("test.yaml", yaml))
                .isInstanceOf(ReleaseDataException.class)
                .hasMessageStartingWith("test.yaml:8:")
                .hasMessageContaining("unknown field 'lastest'");
    }

    @Test
    void aLatestReleaseOfAnotherLineIsRejected() {
        String yaml = MINIMAL.replace("latest: \"15.18\"", "latest: \"16.2\"");

        assertThatThrownBy(() -> ReleaseData.parse("test.yaml", yaml))
                .isInstanceOf(ReleaseDataException.class)
                .hasMessageStartingWith("test.yaml:8:")
                .hasMessageContaining("latest '16.2' is not a release of line 15 (expected 15.N)");
    }

    @Test
    void aBuildSuffixIsAcceptedForPerconaOnly() {
        String mariadb = MINIMAL.replace("latest: \"10.11.16\"", "latest: \"10.11.16-1\"");
        assertThatThrownBy(() -> ReleaseData.parse(mariadb)).hasMessageContaining("is not a release of line 10.11");

        ReleaseData percona = ReleaseData.parse("""
                format: 1
                products:
                  percona:
                    name: Percona Server for MySQL
                    as_of: 2026-01-31
                    sources: [https://docs.percona.com/]
                    lines: [{ line: "8.0", eol: 2026-04-30, latest: "8.0.44-35" }]
                """);
        assertThat(percona.product(Flavor.PERCONA).orElseThrow().line("8.0").orElseThrow().latest()).contains("8.0.44-35");
    }

    @Test
    void badDatesLinesTracksAndDuplicatesAreRejected() {
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("as_of: 2026-05-14", "as_of: 14.05.2026")))
                .hasMessageContaining("as_of '14.05.2026' is not a date written YYYY-MM-DD");
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("eol: 2027-11-11", "eol: 2027-02-30")))
                .hasMessageContaining("eol '2027-02-30' is not a real date");
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("line: \"15\"", "line: \"15.1\"")))
                .hasMessageContaining("'15.1' is not a PostgreSQL release line");
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("track: lts", "track: longterm")))
                .hasMessageContaining("track 'longterm' is not one of innovation, lts, short_term");
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("line: 10.10,", "line: \"10.11\",")))
                .hasMessageContaining("line 10.11 of MariaDB is listed twice");
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("  mariadb:", "  mssql:")))
                .hasMessageContaining("unknown product 'mssql'");
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("    as_of: 2026-05-14\n", "")))
                .hasMessageContaining("product postgresql lacks the field 'as_of'");
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("{ line: 10.10, eol: 2023-11-17 }", "{ line: 10.10 }")))
                .as("eol must be written, null when undated, so that a forgotten date is not read as 'supported'")
                .hasMessageContaining("a release line lacks the field 'eol'");
        assertThatThrownBy(() -> ReleaseData.parse(MINIMAL.replace("format: 1", "format: 2")))
                .hasMessageContaining("format 2 is not understood");
    }

    @Test
    void brokenYamlAndEmptyFilesAreReportedAsSuch() {
        assertThatThrownBy(() -> ReleaseData.parse("x.yaml", "format: 1\nproducts: [\n"))
                .isInstanceOf(ReleaseDataException.class)
                .hasMessageStartingWith("x.yaml:")
                .hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> ReleaseData.parse("x.yaml", ""))
                .hasMessage("x.yaml:1:1: the file is empty");
    }

    private static List<String> lines(ReleaseData data, Flavor flavor) {
        Optional<ProductReleases> p = data.product(flavor);
        assertThat(p).as(flavor.id()).isPresent();
        return p.get().lines().stream().map(ReleaseLine::line).toList();
    }
}
