package io.dbwarden.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom check directories are read again when they change; a bad file is a problem, not an outage. */
class CatalogReloadTest {

    @TempDir
    Path dir;

    @Test
    void aNewCheckFileIsInTheCatalogAfterTheNextPollWithoutARestart() throws Exception {
        Path checks = ServiceFixture.checkDirectory(dir);
        try (DbwardenService service = DbwardenService.builder(ServiceFixture.config(dir, List.of(), List.of(checks)))
                .scheduling(false).start()) {
            assertThat(service.pollCatalog()).as("nothing changed").isFalse();

            Files.writeString(checks.resolve("test_more.yaml"),
                    ServiceFixture.FLAG_CHECK.replace("name: test_flags", "name: test_more"));

            assertThat(service.pollCatalog()).isTrue();
            assertThat(service.checks().get("test_more").source()).endsWith("test_more.yaml");
        }
    }

    @Test
    void aBadFileIsACatalogProblemAtItsLineAndColumnAndTheOtherChecksKeepRunning() throws Exception {
        Path checks = ServiceFixture.checkDirectory(dir);
        try (DbwardenService service = DbwardenService.builder(ServiceFixture.config(dir, List.of(), List.of(checks)))
                .scheduling(false).start()) {
            Path bad = checks.resolve("test_bad.yaml");
            Files.writeString(bad, ServiceFixture.FLAG_CHECK.replace("name: test_flags", "name: test_bad")
                    .replace("severity: warning", "severity: dreadful"));

            assertThat(service.pollCatalog()).isTrue();

            assertThat(service.checks().problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(bad.toString());
                assertThat(p.line()).isEqualTo(4);
                assertThat(p.toString()).startsWith(bad + ":4:");
            });
            assertThat(service.checks().list()).extracting(CheckView::name).contains("test_flags")
                    .doesNotContain("test_bad");

            Files.delete(bad);
            assertThat(service.pollCatalog()).isTrue();
            assertThat(service.checks().problems()).isEmpty();
        }
    }

    @Test
    void theServiceReloadsByItselfWhileItRuns() throws Exception {
        Path checks = ServiceFixture.checkDirectory(dir);
        try (DbwardenService service = DbwardenService.builder(ServiceFixture.config(dir, List.of(), List.of(checks)))
                .scheduling(false).start()) {
            Files.writeString(checks.resolve("test_later.yaml"),
                    ServiceFixture.FLAG_CHECK.replace("name: test_flags", "name: test_later"));

            ServiceFixture.await("the new check to be loaded", CatalogWatcher.POLL_PERIOD.multipliedBy(4),
                    () -> service.checks().list().stream().anyMatch(c -> c.name().equals("test_later")));
        }
    }
}
