package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogDocsTest {

    @Test
    void theCommittedCatalogPageMatchesWhatTheCatalogGenerates() throws Exception {
        Cli cli = Cli.run("checks", "list", "--format", "markdown");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        Path page = Path.of("docs/checks.md");
        assertThat(page).as("docs/checks.md exists").exists();
        assertThat(Files.readString(page))
                .as("docs/checks.md is out of date: regenerate it with ./dbwarden checks list --format markdown > docs/checks.md")
                .isEqualTo(cli.out());
    }
}
