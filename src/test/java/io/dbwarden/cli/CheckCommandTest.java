package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbwarden.testing.FreePorts;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    private static final String PASSWORD = "Zq7-secret-Pw";
    private static PostgresServer planted;

    @BeforeAll
    static void startPlantedServer() {
        planted = PostgresServer.builder()
                .setting("fsync", "off")
                .hbaLine("host all bob 127.0.0.1/32 scram-sha-256")
                .initSql("CREATE ROLE bob LOGIN PASSWORD '" + PASSWORD + "'")
                .start();
    }

    @AfterAll
    static void stop() {
        planted.close();
    }

    @Test
    void findingsAtOrAboveFailOnExitWithOne() {
        Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks", "postgresql_fsync_off", "--fail-on", "critical");
        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(1);
        assertThat(cli.out()).contains("postgresql_fsync_off").contains("ALTER SYSTEM SET fsync = on");
    }

    @Test
    void findingsDoNotFailTheRunWithoutFailOn() {
        Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks", "postgresql_fsync_off");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
    }

    @Test
    void aHealthyServerExitsZeroEvenWithFailOn() {
        Cli cli = Cli.run("check", PostgresServer.shared().dsn("postgres"), "--checks", "postgresql_fsync_off",
                "--fail-on", "info");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
    }

    @Test
    void theTextReportEndsWithAOneLineSummaryAndHasNoColourWhenNotOnATerminal() {
        Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks", "postgresql_fsync_off");
        String[] lines = cli.out().strip().split("\n");
        assertThat(lines[lines.length - 1]).contains("1 check").contains("1 target").contains("1 critical");
        assertThat(cli.out()).doesNotContain("\u001b[");
    }

    @Test
    void aMalformedDsnExitsTwoSayingWhatIsWrong() {
        Cli cli = Cli.run("check", "postgresql://bob:" + PASSWORD + "@host:notaport/db");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("port").contains("notaport").doesNotContain(PASSWORD);
    }

    @Test
    void anUnknownSchemeExitsTwo() {
        Cli cli = Cli.run("check", "oracle://scott@host/orcl");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("oracle");
    }

    @Test
    void anUnreachableServerExitsThreeWithinTheConnectTimeoutNamingTargetAndCause() {
        int port = FreePorts.find();
        Cli cli = Cli.run("check", "postgresql://postgres@127.0.0.1:" + port + "/postgres", "--connect-timeout", "2s");
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.millis()).isLessThan(5_000);
        assertThat(cli.err()).contains("127.0.0.1:" + port).containsIgnoringCase("refused");
    }

    @Test
    void aWrongPasswordSaysAuthenticationFailedWithoutPrintingThePassword() {
        String wrong = "Wr0ng-" + PASSWORD;
        Cli cli = Cli.run("check", "postgresql://bob:" + wrong + "@127.0.0.1:" + planted.port() + "/postgres",
                "--format", "json");
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.all()).containsIgnoringCase("authentication failed").doesNotContain(wrong);
    }

    @Test
    void aPasswordByFileReferenceIsUsedAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, PASSWORD + "\n");
        Cli cli = Cli.run("check", "postgresql://bob@127.0.0.1:" + planted.port() + "/postgres?password=file:" + secret,
                "--checks", "postgresql_fsync_off", "--format", "json");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
        assertThat(cli.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aBrokenCheckFileExitsTwoWithItsPosition(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                name: my_check
                engine: postgresql
                category: security
                severity: loud
                summary: s
                description: d
                remediation: r
                rule: "true"
                """);
        Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks-dir", dir.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains(dir.resolve("bad.yaml") + ":4:11: unknown severity 'loud'");
    }

    @Test
    void aQueryPastTheStatementTimeoutFailsThatCheckAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("slow.yaml"), """
                name: slow_check
                engine: postgresql
                category: performance
                severity: info
                summary: s
                description: d
                remediation: r
                queries:
                  slow: SELECT count(*) AS n FROM generate_series(1, 2000000000)
                rule: slow.size() > 5
                """);
        Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks-dir", dir.toString(),
                "--checks", "slow_check,postgresql_fsync_off", "--statement-timeout", "1s", "--format", "json");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
        JsonNode items = new ObjectMapper().readTree(cli.out()).path("items");
        assertThat(items.toString()).contains("statement timeout");
        assertThat(statusOf(items, "slow_check")).isEqualTo("error");
        assertThat(statusOf(items, "postgresql_fsync_off")).isEqualTo("findings");
    }

    @Test
    void aRuleFailingAtRunTimeMakesOnlyThatCheckAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("div.yaml"), """
                name: dividing_check
                engine: postgresql
                category: performance
                severity: info
                summary: s
                description: d
                remediation: r
                queries:
                  one: SELECT 1 AS n
                rule: one[0].n / 0 > 1
                """);
        Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks-dir", dir.toString(),
                "--checks", "dividing_check,postgresql_fsync_off", "--format", "json");
        JsonNode items = new ObjectMapper().readTree(cli.out()).path("items");
        assertThat(statusOf(items, "dividing_check")).isEqualTo("error");
        assertThat(items.toString()).contains("by zero");
        assertThat(statusOf(items, "postgresql_fsync_off")).isEqualTo("findings");
    }

    @Test
    void eachDistinctQueryRunsOnceOverOneConnectionHoweverManyChecksUseIt(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"first_user_check", "second_user_check"}) {
            Files.writeString(dir.resolve(name + ".yaml"), """
                    name: %s
                    engine: postgresql
                    category: security
                    severity: info
                    summary: "{{role}}"
                    description: d
                    remediation: r
                    queries:
                      roles: SELECT rolname AS role FROM pg_roles WHERE rolname = 'bob'
                    rule: "roles.map(r, {'role': r.role})"
                    """.formatted(name));
        }
        Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks-dir", dir.toString(),
                "--checks", "*_user_check", "--format", "json");
        JsonNode json = new ObjectMapper().readTree(cli.out());
        JsonNode stats = json.path("targets").get(0).path("stats");
        assertThat(stats.path("distinct_queries").asInt()).isEqualTo(1);
        assertThat(stats.path("connections").asInt()).isEqualTo(1);
        // one statement for the version, one for the shared query
        assertThat(stats.path("statements").asInt()).isEqualTo(2);
        assertThat(json.toString()).contains("\"role\":\"bob\"");
    }

    @Test
    void mysqlTargetsWorkOverTcpAndTheUnixSocket() {
        MariaDbServer db = MariaDbServer.shared();
        for (String dsn : new String[] {db.dsn(), db.socketDsn()}) {
            Cli cli = Cli.run("check", dsn, "--checks", "mysql_local_infile_enabled", "--format", "json");
            assertThat(cli.exitCode()).as(dsn + ": " + cli.all()).isZero();
            assertThat(cli.out()).contains("MariaDB");
        }
    }

    @Test
    void postgresqlTargetsWorkOverTheUnixSocket() {
        PostgresServer pg = PostgresServer.shared();
        Cli cli = Cli.run("check", pg.socketDsn("postgres"), "--checks", "postgresql_fsync_off");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
    }

    @Test
    void unknownFormatAndSeverityAreUsageErrors() {
        assertThat(Cli.run("check", planted.dsn("postgres"), "--format", "yaml").exitCode()).isEqualTo(2);
        assertThat(Cli.run("check", planted.dsn("postgres"), "--fail-on", "loud").exitCode()).isEqualTo(2);
        assertThat(Cli.run("check", planted.dsn("postgres"), "--checks", "no_such_*").err()).contains("no check matches");
    }

    @Test
    void everyOutputFormatRenders() {
        for (String format : new String[] {"text", "json", "sarif", "junit", "markdown"}) {
            Cli cli = Cli.run("check", planted.dsn("postgres"), "--checks", "postgresql_fsync_off", "--format", format);
            assertThat(cli.exitCode()).as(format + ": " + cli.all()).isZero();
            assertThat(cli.out()).as(format).contains("postgresql_fsync_off");
        }
    }

    @Test
    void aRateCheckWithoutASampleIsSkippedAndTheReportNamesTheFlagThatGivesOne() throws Exception {
        Cli cli = Cli.run("check", MariaDbServer.shared().dsn(), "--checks", "mysql_redo_log_undersized", "--format", "json");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
        JsonNode item = new ObjectMapper().readTree(cli.out()).path("items").get(0);
        assertThat(item.path("status").asText()).isEqualTo("skipped");
        assertThat(item.path("reason").asText())
                .isEqualTo("rates need a sampling window; run with --sample DURATION, e.g. --sample 60s");
    }

    @Test
    void hostMemoryGivenOnTheCommandLineIsDeclaredOnEveryTarget() throws Exception {
        Cli cli = Cli.run("check", planted.dsn("postgres"), PostgresServer.shared().dsn("postgres"),
                "--checks", "postgresql_memory_overcommit", "--host-memory", "64MiB", "--format", "json");
        assertThat(cli.exitCode()).as(cli.all()).isZero();
        JsonNode findings = new ObjectMapper().readTree(cli.out()).path("findings");
        assertThat(findings).hasSize(2);
        assertThat(findings).extracting(f -> f.path("target").asText()).doesNotHaveDuplicates();
        assertThat(findings).allSatisfy(f -> assertThat(f.path("fields").path("memory").asText()).isEqualTo("64 MiB"));
    }

    @Test
    void badHostFactsAreAUsageErrorNamingTheFlag() {
        Cli memory = Cli.run("check", planted.dsn("postgres"), "--host-memory", "0B");
        assertThat(memory.exitCode()).isEqualTo(2);
        assertThat(memory.err()).contains("--host-memory must be positive, got 0 bytes.");
        Cli cpus = Cli.run("check", planted.dsn("postgres"), "--host-cpus", "-2");
        assertThat(cpus.exitCode()).isEqualTo(2);
        assertThat(cpus.err()).contains("--host-cpus must be positive, got -2.");
    }

    private static String statusOf(JsonNode items, String check) {
        for (JsonNode item : items) {
            if (item.path("check").asText().equals(check)) {
                return item.path("status").asText();
            }
        }
        throw new AssertionError("no item for " + check + " in " + items);
    }
}
