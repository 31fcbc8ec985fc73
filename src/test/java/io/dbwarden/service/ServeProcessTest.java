package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.await;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.app.ConfigLoader;
import io.dbwarden.app.ServiceConfig;
import io.dbwarden.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbwarden serve} as a child JVM, as an operator runs it: it serves on a fresh data directory, survives a SIGKILL
 * in the middle of a run without losing anything, and stops gracefully on SIGTERM.
 */
class ServeProcessTest {

    /** A JVM start, the catalog's compilation and the first run, on a busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Process child;
    private Path output;
    private String db1;
    private String dsn1;
    private String dsn2;

    @AfterEach
    void killChild() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    private Path configFile() throws Exception {
        dsn1 = ServiceFixture.flagDatabase();
        db1 = ServiceFixture.databaseOf(dsn1);
        dsn2 = ServiceFixture.flagDatabase();
        PostgresServer.shared().executeIn(ServiceFixture.databaseOf(dsn2), "INSERT INTO public.flags VALUES ('x')");
        Path checks = ServiceFixture.checkDirectory(dir);
        ServiceFixture.addSlowCheck(checks);
        Path file = dir.resolve("dbwarden.yaml");
        Files.writeString(file, """
                listen: 127.0.0.1:0
                data_dir: %s
                checks:
                  directories: [%s]
                targets:
                  - name: db1
                    dsn: %s
                  - name: db2
                    dsn: %s
                """.formatted(dir.resolve("data"), checks, dsn1, dsn2));
        return file;
    }

    private void serve(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.dbwarden.cli.Main", "serve"));
        command.addAll(List.of(args));
        Path log = dir.resolve("serve-" + System.nanoTime() + ".log");
        output = log;
        child = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** The child's output so far, line by line. */
    private List<String> lines() {
        try {
            return output == null || !Files.exists(output) ? List.of()
                    : Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return List.of("(cannot read the output: " + e.getMessage() + ")");
        }
    }

    private String awaitLine(String regex) {
        Pattern p = Pattern.compile(regex);
        try {
            await("a log line matching " + regex, START_TIMEOUT, () -> lines().stream().anyMatch(l -> p.matcher(l).find()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " in:\n" + String.join("\n", lines()), e);
        }
        return lines().stream().filter(l -> p.matcher(l).find()).findFirst().orElseThrow();
    }

    private static Connection lockFlags(String db) throws Exception {
        Connection c = PostgresServer.shared().connect(db);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE public.flags IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    @Test
    void serveOnAFreshDataDirectoryAnswersReadyAndStopsOnSigtermWithExitCodeZero() throws Exception {
        serve("--listen", "127.0.0.1:0", "--data-dir", dir.resolve("fresh").toString());

        Matcher url = Pattern.compile("serving url=(\\S+)").matcher(awaitLine("serving url="));
        assertThat(url.find()).isTrue();
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url.group(1) + "/-/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(dir.resolve("fresh/dbwarden.mv.db")).exists();

        child.destroy();

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(lines()).anyMatch(l -> l.contains("shutdown_requested")).anyMatch(l -> l.contains("service_stopped"));
    }

    @Test
    void aSigkillInTheMiddleOfARunLeavesItInterruptedAfterARestartAndLosesNothing() throws Exception {
        Path file = configFile();
        long run;
        try (Connection blocker = lockFlags(db1)) {
            serve("--config", file.toString());
            Matcher started = Pattern.compile("run_started run=(\\d+)").matcher(awaitLine("run_started run="));
            assertThat(started.find()).isTrue();
            run = Long.parseLong(started.group(1));
            awaitLine("target_checked run=" + run + " target=db2");

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            blocker.rollback();
        }

        ServiceConfig config = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        try (DbwardenService service = DbwardenService.builder(config).scheduling(false).start()) {
            RunDetail killed = service.runs().get(run);
            assertThat(killed.run().status()).isEqualTo("interrupted");
            assertThat(killed.items()).extracting(RunItemView::target).contains("db2").doesNotContain("db1");
            assertThat(service.inventory().list()).extracting(TargetView::name).containsExactly("db1", "db2");
            assertThat(service.findings().query(FindingFilter.parse("db2", "test_flags", null, null, null, null,
                    null)).findings()).singleElement().satisfies(f -> assertThat(f.state()).isEqualTo("open"));

            RunDetail next = awaitEnd(service, service.planNow().orElseThrow());
            assertThat(next.items()).as("what completed before the kill is not run again")
                    .extracting(RunItemView::target).containsOnly("db1");
        }
    }

    @Test
    void aSigtermDuringABlockedCheckWaitsTheGraceMarksTheRunInterruptedAndExitsZero() throws Exception {
        Path file = configFile();
        long run;
        try (Connection blocker = lockFlags(db1)) {
            serve("--config", file.toString());
            Matcher started = Pattern.compile("run_started run=(\\d+)").matcher(awaitLine("run_started run="));
            assertThat(started.find()).isTrue();
            run = Long.parseLong(started.group(1));
            awaitLine("target_checked run=" + run + " target=db2");

            child.destroy();

            assertThat(child.waitFor(DbwardenService.SHUTDOWN_GRACE.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
            blocker.rollback();
        }
        assertThat(lines()).anyMatch(l -> l.contains("run_interrupted run=" + run));
        ServiceConfig config = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        try (DbwardenService service = DbwardenService.builder(config).scheduling(false).start()) {
            RunView interrupted = service.runs().get(run).run();
            assertThat(interrupted.status()).isEqualTo("interrupted");
            assertThat(interrupted.error()).contains("the service stopped while the run was under way");
        }
    }
}
