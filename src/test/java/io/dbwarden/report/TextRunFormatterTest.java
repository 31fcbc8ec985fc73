package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.run.RunReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextRunFormatterTest {

    private static String plain(RunReport report) {
        return Reports.render(new TextRunFormatter(false), report);
    }

    @Test
    void writesNoEscapeCodesWhenColourIsOff() {
        assertThat(plain(Reports.sample())).doesNotContain("\u001b");
    }

    @Test
    void coloursSeveritiesAndHeadersWhenColourIsOn() {
        String text = Reports.render(new TextRunFormatter(true), Reports.sample());

        assertThat(text).contains("\u001b[1;31mCRITICAL\u001b[0m", "\u001b[33mWARNING\u001b[0m", "\u001b[1mprod-pg\u001b[0m");
        assertThat(text).contains("\u001b[31m  could not be checked: connection refused\u001b[0m");
    }

    @Test
    void endsWithOneSummaryLineCountingEverySeverityFailuresSkipsAndTime() {
        List<String> lines = plain(Reports.sample()).lines().toList();

        assertThat(lines.getLast()).isEqualTo("8 checks on 2 targets: 1 critical, 0 error, 2 warning, 0 notice, 1 info; "
                + "1 check failed, 3 skipped; 1 target could not be checked; 412 ms");
    }

    @Test
    void summaryLineUsesSingularForOneAndLeavesOutUnreachableTargetsWhenThereAreNone() {
        String last = plain(Reports.single(Severity.ERROR, Map.of(), "s", "r")).lines().toList().getLast();

        assertThat(last).isEqualTo("1 check on 1 target: 0 critical, 1 error, 0 warning, 0 notice, 0 info; "
                + "0 checks failed, 0 skipped; 5 ms");
    }

    @Test
    void listsCriticalFindingsBeforeWarningsAndInfo() {
        String text = plain(Reports.sample());

        assertThat(text.indexOf("CRITICAL (1)")).isLessThan(text.indexOf("WARNING (2)"));
        assertThat(text.indexOf("WARNING (2)")).isLessThan(text.indexOf("INFO (1)"));
    }

    @Test
    void namesCheckAndObjectAndIndentsSummaryAndFixUnderIt() {
        String text = plain(Reports.sample());

        assertThat(text).contains("""
                    weak_password  user=app, host=%
                      Role app uses md5
                      fix: ALTER SYSTEM SET password_encryption = 'scram-sha-256';
                           ALTER ROLE app PASSWORD '...';
                """);
    }

    @Test
    void showsTheHeaderOfEachTargetWithEngineVersionAndRedactedEndpoint() {
        assertThat(plain(Reports.sample())).contains("prod-pg  postgresql 16.4  postgresql://app@db1:5432/app");
    }

    @Test
    void explainsWhyATargetCouldNotBeChecked() {
        assertThat(plain(Reports.sample())).contains("prod-my  mysql  mysql://monitor@db2:3306\n"
                + "  could not be checked: connection refused");
    }

    @Test
    void listsFailedChecksWithTheirReason() {
        assertThat(plain(Reports.sample())).contains("failed checks (1)\n"
                + "    statement_stats: permission denied for view pg_stat_statements");
    }

    @Test
    void countsSkippedChecksPerReasonInsteadOfListingThem() {
        String text = plain(Reports.sample());

        assertThat(text).contains("3 skipped: applies to mariadb only (2); requires version >=17; this server is 16.4 (1)");
        assertThat(text).doesNotContain("mariadb_plugins", "pg17_feature");
    }

    @Test
    void saysSoWhenATargetHasNoFindings() {
        assertThat(plain(Reports.erring("boom"))).contains("no findings");
    }
}
