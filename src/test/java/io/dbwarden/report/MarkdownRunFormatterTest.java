package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.run.RunReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownRunFormatterTest {

    private static String markdown(RunReport report) {
        return Reports.render(new MarkdownRunFormatter(), report);
    }

    @Test
    void opensWithTheSummaryLineAndATableOfTargets() {
        String md = markdown(Reports.sample());

        assertThat(md).startsWith("# dbwarden report\n");
        assertThat(md).contains("**8 checks on 2 targets: 1 critical, 0 error, 2 warning");
        assertThat(md).contains("| Target | Engine | Version | Status | critical | error | warning | notice | info "
                + "| failed checks | skipped |\n| --- | --- | --- | --- | --: | --: | --: | --: | --: | --: | --: |\n"
                + "| prod-pg | postgresql | 16.4 | checked | 1 | 0 | 2 | 0 | 1 | 1 | 3 |\n"
                + "| prod-my | mysql | — | could not be checked | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
    }

    @Test
    void tabulatesFindingsPerTargetMostSevereFirst() {
        String md = markdown(Reports.sample());

        assertThat(md).contains("## prod-pg\n");
        assertThat(md).contains("| Severity | Check | Object | Summary | Remediation |\n| --- | --- | --- | --- | --- |\n"
                + "| critical | `superuser_login` | user=bob | Role bob is a superuser that can log in | ALTER ROLE bob NOSUPERUSER; |\n"
                + "| warning | `weak_password` | user=app, host=% | Role app uses md5 | "
                + "ALTER SYSTEM SET password_encryption = 'scram-sha-256';<br>ALTER ROLE app PASSWORD '...'; |\n");
    }

    @Test
    void listsFailedChecksAndUnreachableTargets() {
        String md = markdown(Reports.sample());

        assertThat(md).contains("| `statement_stats` | permission denied for view pg_stat_statements |");
        assertThat(md).contains("> **Could not be checked:** connection refused");
        assertThat(md).contains("Skipped 3 checks: applies to mariadb only (2)");
    }

    @Test
    void escapesPipesSoTheyDoNotSplitACell() {
        String md = markdown(Reports.single(Severity.WARNING, Map.of("db", "a|b"), "x | y", "GRANT ALL ON *.* TO u;"));

        assertThat(md).contains("| warning | `demo_check` | db=a\\|b | x \\| y | GRANT ALL ON \\*.\\* TO u; |");
    }
}
