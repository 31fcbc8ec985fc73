package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, reproduction 6: check files written as a hostile user would. Each ends as exit 2 with
 * {@code file:line:col} and a sentence, quickly, and never as a stack trace; a hostile file that is not
 * selected is parsed (cheaply, within the limits) but its rule is never compiled.
 */
class HostileCheckFilesTest {

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

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static void assertNoStackTrace(Cli cli) {
        assertThat(cli.all()).doesNotContain("Exception").doesNotContain("Error:").doesNotContain("\tat ");
    }

    @Test
    void aSmallFileOfNestedAliasesIsRefusedAtOnceAtItsFirstAnchor() throws Exception {
        StringBuilder yaml = new StringBuilder(HEADER).append("params:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 24; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(16, "*l" + (level - 1)))).append("]\n");
        }
        Path laughs = write("laughs.yaml", yaml.append("rule: \"true\"\n").toString());

        Cli cli = Cli.run("checks", "validate", laughs.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo(laughs + ":9:7: YAML anchors (&l0) are not allowed in check files");
        assertThat(cli.millis()).isLessThan(5_000);
    }

    @Test
    void bracketsNested20000DeepExitTwoWithThePositionAndNoStackTrace() throws Exception {
        write("deep.yaml", HEADER + "params:\n  deep: " + "[".repeat(20_000) + "]".repeat(20_000) + "\nrule: \"true\"\n");
        for (String[] args : new String[][] {
                {"checks", "validate", dir.resolve("deep.yaml").toString()},
                {"check", PostgresServer.shared().dsn("postgres"), "--checks-dir", dir.toString()},
                {"checks", "list", "--checks-dir", dir.toString()}}) {
            Cli cli = Cli.run(args);
            assertThat(cli.exitCode()).as(cli.all()).isEqualTo(2);
            assertThat(cli.err().strip()).isEqualTo(dir.resolve("deep.yaml")
                    + ":9:23: the YAML nests deeper than 16 levels, the most a check file may");
            assertNoStackTrace(cli);
        }
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsParsed() throws Exception {
        Path big = write("big.yaml", HEADER + "rule: \"true\"\n#" + "[".repeat(300_000) + "\n");
        Cli cli = Cli.run("checks", "validate", big.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo(big + ":1:1: the file is larger than 256 KiB, the most a check file may hold");
    }

    @Test
    void aHostileRuleInAFileTheRunDoesNotSelectIsNeverCompiled() throws Exception {
        // had this rule been compiled, the run would end with exit 2 naming it
        write("unselected.yaml", HEADER + "rule: no_such_fact.x > 1\n");
        String dsn = PostgresServer.shared().dsn("postgres");

        Cli selectingOthers = Cli.run("check", dsn, "--checks-dir", dir.toString(), "--checks", "postgresql_fsync_off");
        assertThat(selectingOthers.exitCode()).as(selectingOthers.all()).isZero();

        Cli selectingIt = Cli.run("check", dsn, "--checks-dir", dir.toString(), "--checks", "hostile_check");
        assertThat(selectingIt.exitCode()).isEqualTo(2);
        assertThat(selectingIt.err()).contains("unselected.yaml:8:7: rule: undeclared reference to 'no_such_fact'");

        Cli forAnotherEngine = Cli.run("check", "mysql://root@127.0.0.1:1/", "--checks-dir", dir.toString(),
                "--checks", "hostile_check");
        assertThat(forAnotherEngine.err()).as("only checks for the targets' engines are compiled")
                .doesNotContain("no_such_fact");
    }
}
