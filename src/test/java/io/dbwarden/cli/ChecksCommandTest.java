package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksCommandTest {

    @Test
    void listAsJsonShowsEveryBuiltInCheckWithItsMetadata() throws Exception {
        Cli cli = Cli.run("checks", "list", "--format", "json");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode list = new ObjectMapper().readTree(cli.out());
        assertThat(list.isArray()).isTrue();
        assertThat(list.toString()).contains("postgresql_fsync_off").contains("mysql_local_infile_enabled");
    }

    @Test
    void showPrintsOneCheckInFull() {
        Cli cli = Cli.run("checks", "show", "postgresql_fsync_off");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("variables.fsync == false").contains("critical");
    }

    @Test
    void showOfAnUnknownCheckIsAUsageError() {
        Cli cli = Cli.run("checks", "show", "no_such_check");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("no check named 'no_such_check'");
    }

    @Test
    void validateAcceptsAGoodFileAndReportsEveryBadOneWithPositions(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, """
                name: good_check
                engine: mysql
                category: configuration
                severity: notice
                summary: s
                description: d
                remediation: r
                rule: variables.max_connections > 1000
                """);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(good).replace("good_check", "bad_check").replace("rule: variables", "rule: variabels"));
        Cli cli = Cli.run("checks", "validate", good.toString(), bad.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).contains("good.yaml: ok (good_check)");
        assertThat(cli.err()).contains(bad + ":8:7: rule: undeclared reference to 'variabels'");
    }

    @Test
    void aUserCheckThatReusesABuiltInNameIsRejectedNamingBothFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dup.yaml"), """
                name: postgresql_fsync_off
                engine: postgresql
                category: reliability
                severity: critical
                summary: s
                description: d
                remediation: r
                rule: variables.fsync == false
                """);
        Cli cli = Cli.run("checks", "list", "--checks-dir", dir.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("already defined in").contains("dup.yaml");
    }

    @Test
    void anUnreadablePasswordDictionaryIsAUsageErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-list.txt");
        Cli cli = Cli.run("checks", "list", "--password-dictionary", missing.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("no-such-list.txt");
    }

    @Test
    void aPasswordDictionaryFileIsAccepted(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("words.txt");
        Files.writeString(list, "# our own list\nhunter2\ncorrect horse\n");
        Cli cli = Cli.run("checks", "list", "--password-dictionary", list.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }
}
