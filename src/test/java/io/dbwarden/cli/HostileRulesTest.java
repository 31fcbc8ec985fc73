package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbwarden.cel.RuleLimits;
import io.dbwarden.password.WeakPasswordDetector;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, reproductions 5 and 7: rules that would run the process out of memory or hold it for minutes, on
 * real servers. Each check ends {@code error} naming the limit it ran into; the other checks are reported and
 * the exit code is the usual one.
 */
class HostileRulesTest {

    private static final String HEADER = """
            name: hostile_check
            engine: postgresql
            category: security
            severity: info
            summary: s
            description: d
            remediation: r
            """;

    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    /** Issue 6, reproduction 5: a rule over 200 rows of 200 KB ran the process out of memory, with no report. */
    @Test
    void aRuleThatBuildsTooMuchFromRealRowsIsAnErrorNamingTheLimitAndTheRunGoesOn() throws Exception {
        write("builder.yaml", HEADER.replace("hostile_check", "string_builder_check") + """
                queries:
                  w: SELECT repeat('x', 20000) AS s FROM generate_series(1, 60)
                rule: size(w.map(a, w.map(b, a.s + b.s))) > 0
                """);
        Cli cli = Cli.run("check", PostgresServer.shared().dsn("postgres"), "--checks-dir", dir.toString(),
                "--checks", "string_builder_check,postgresql_fsync_off", "--format", "json");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
        JsonNode items = new ObjectMapper().readTree(cli.out()).path("items");
        JsonNode builder = item(items, "string_builder_check");
        assertThat(builder.path("status").asText()).isEqualTo("error");
        assertThat(builder.toString()).contains("the rule built more than its size limit of 16 MiB");
        assertThat(item(items, "postgresql_fsync_off").path("status").asText()).isEqualTo("ok");
    }

    /** Reproduction 7: weak_password(verifier, user, 10000) ran 42 s. */
    @Test
    void weakPasswordAskedForTenThousandWordsOverManyRolesStopsAtATimeLimit() throws Exception {
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            roles.add("CREATE ROLE scram_" + i + " LOGIN PASSWORD 'not-in-any-list-" + i + "'");
        }
        try (PostgresServer pg = PostgresServer.builder()
                .initSql(roles.toArray(String[]::new)).start()) {
            write("greedy.yaml", HEADER.replace("hostile_check", "greedy_password_check") + """
                    queries:
                      logins: SELECT rolname AS role, rolpassword AS verifier FROM pg_authid WHERE rolcanlogin AND rolpassword IS NOT NULL
                    rule: |
                      logins.filter(r, weak_password(r.verifier, r.role, 10000) != '').map(r, {'role': r.role})
                    """);
            Cli cli = Cli.run("check", pg.dsn("postgres"), "--checks-dir", dir.toString(),
                    "--checks", "greedy_password_check,postgresql_fsync_off", "--format", "json");

            assertThat(cli.exitCode()).as(cli.all()).isZero();
            JsonNode items = new ObjectMapper().readTree(cli.out()).path("items");
            JsonNode greedy = item(items, "greedy_password_check");
            assertThat(greedy.path("status").asText()).isEqualTo("error");
            // the rule's limit, or on a crowded machine the limit of one verifier: either is named
            assertThat(greedy.toString()).containsAnyOf("the rule ran longer than its time limit of 10s",
                    "took longer than its time limit of 2s");
            assertThat(item(items, "postgresql_fsync_off").path("status").asText()).isEqualTo("ok");
            // clamped to 1,000 words, 40 verifiers are 40,000 SCRAM hashes (about 20 s on 2 cores): the limit stops it
            long budget = RuleLimits.MAX_EVALUATION_TIME.plus(WeakPasswordDetector.MAX_CHECK_TIME).toMillis();
            assertThat(cli.millis()).isLessThan(budget + 10_000);
        }
    }

    private static JsonNode item(JsonNode items, String check) {
        for (JsonNode item : items) {
            if (item.path("check").asText().equals(check)) {
                return item;
            }
        }
        throw new AssertionError("no item for " + check + " in " + items);
    }
}
