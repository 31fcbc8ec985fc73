package io.dbwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.MariaDbServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The logging of a real {@code dbwarden} process (java.util.logging is set up once per process, so these tests start
 * one): quiet by default, one line per record when asked for, never a password.
 */
class CliLoggingTest {

    private static final String PASSWORD = "Sekr1t-Pw";
    /** A JVM start, the catalog's compilation and one connection attempt take a few seconds; this is far more. */
    private static final long PROCESS_SECONDS = 120;

    private record Outcome(int exitCode, String stdout, List<String> stderr) {}

    private static Outcome dbwarden(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(CliLogging.LEVEL_VARIABLE);
        builder.environment().putAll(environment);
        Path stderr = Files.createTempFile("dbwarden-stderr", ".txt");
        try {
            // stderr to a file, so a process writing much there cannot block while stdout is read
            Process process = builder.redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("dbwarden did not finish within " + PROCESS_SECONDS + " s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            return new Outcome(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    err.isEmpty() ? List.of() : List.of(err.split("\n")));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** A login the server refuses: MariaDB Connector/J logs the server's error packet as a warning. */
    private static String refusedLogin() {
        return "mysql://nobody:" + PASSWORD + "@127.0.0.1:" + MariaDbServer.shared().port() + "/";
    }

    @Test
    void byDefaultStderrHoldsOnlyDbwardensOwnSentencesAndNothingFromTheDrivers() throws Exception {
        Outcome run = dbwarden(Map.of(), "check", refusedLogin(), "--checks", "mysql_local_infile_enabled");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.stderr()).as("no driver line, no log line").singleElement().asString()
                .startsWith("dbwarden: could not check 127.0.0.1:").contains("authentication failed")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aLogLevelLetsDbwardensLinesAndTheDriversWarningsThroughOneLineEach() throws Exception {
        Outcome run = dbwarden(Map.of(CliLogging.LEVEL_VARIABLE, "info"),
                "check", refusedLogin(), "--checks", "mysql_local_infile_enabled");

        String timestamp = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
        assertThat(run.stderr()).as(run.toString())
                .anyMatch(line -> line.matches(timestamp + " WARNING org\\.mariadb\\S* msg=\".*Access denied.*\""))
                .anyMatch(line -> line.matches(timestamp + " INFO io\\.dbwarden\\.target target_connect_failed run=\\S+"
                        + " target=127\\.0\\.0\\.1:\\d+ engine=mysql endpoint=mysql://nobody:\\*\\*\\*@\\S+ "
                        + "reason=authentication_failed millis=\\d+ error=.*"))
                .anyMatch(line -> line.matches(timestamp + " INFO io\\.dbwarden\\.run run_finished .*"))
                .noneMatch(line -> line.contains(PASSWORD));
    }

    @Test
    void verboseShowsConnectCollectAndEvaluatePerTargetWithDurations() throws Exception {
        Outcome run = dbwarden(Map.of(), "check", MariaDbServer.shared().dsn(), "--checks", "mysql_local_infile_enabled",
                "--verbose");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).as(run.toString())
                .anyMatch(line -> line.matches(".* FINE io\\.dbwarden\\.target target_connected .* millis=\\d+"))
                .anyMatch(line -> line.matches(".* FINE io\\.dbwarden\\.collect facts_collected .* millis=\\d+ .*"))
                .anyMatch(line -> line.matches(".* FINE io\\.dbwarden\\.evaluate checks_evaluated .* millis=\\d+ .*"));
    }

    @Test
    void anUnknownLogLevelIsAUsageErrorNamingTheVariable() throws Exception {
        Outcome run = dbwarden(Map.of(CliLogging.LEVEL_VARIABLE, "loud"), "checks", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).containsExactly(
                "dbwarden: DBWARDEN_LOG_LEVEL='loud' is not a log level; use off, error, warning, info, debug or trace");
    }
}
