package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SARIF passes Microsoft's SARIF Multitool {@code validate} (npm {@code @microsoft/sarif-multitool-linux}), when it
 * is installed: {@code -Ddbwarden.test.sarifMultitool=/path/to/Sarif.Multitool}, or {@code sarif-multitool-linux} on
 * the PATH (e.g. {@code npm install -g @microsoft/sarif-multitool-linux}).
 */
class SarifMultitoolTest {

    /** The multitool is a 95 MB self-contained .NET binary; its start alone takes seconds on a busy machine. */
    private static final long TIMEOUT_SECONDS = 120;
    /**
     * SARIF2005 asks for the tool's informationUri; dbwarden has no public address yet and names none rather than a
     * made-up one.
     */
    private static final List<String> ACCEPTED_WARNINGS = List.of("SARIF2005");

    private static Optional<Path> multitool() {
        String configured = System.getProperty("dbwarden.test.sarifMultitool");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "sarif-multitool-linux"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void validatesWithNoErrorsAndNoWarningsButTheMissingInformationUri(@TempDir Path dir) throws Exception {
        Optional<Path> tool = multitool();
        assumeTrue(tool.isPresent(), "SARIF Multitool not installed (npm @microsoft/sarif-multitool-linux; "
                + "-Ddbwarden.test.sarifMultitool=PATH): skipping the SARIF validation");
        Path sarif = dir.resolve("report.sarif");
        Files.writeString(sarif, Reports.render(new SarifRunFormatter(DbwardenVersion.of("0.1.0")), Reports.sample()),
                StandardCharsets.UTF_8);

        Process validate = new ProcessBuilder(tool.get().toString(), "validate", sarif.toString(),
                "--output", dir.resolve("validation.sarif").toString(), "--log", "ForceOverwrite")
                .redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("finished").isTrue();

        assertThat(validate.exitValue()).as(output).isZero();
        List<String> complaints = output.lines()
                .filter(line -> line.contains(": error ") || line.contains(": warning "))
                .filter(line -> ACCEPTED_WARNINGS.stream().noneMatch(line::contains))
                .toList();
        assertThat(complaints).as(output).isEmpty();
        assertThat(output).contains("Analysis completed successfully");
    }
}
