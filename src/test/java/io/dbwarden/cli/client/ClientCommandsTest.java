package io.dbwarden.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.api.ApiServer;
import io.dbwarden.cli.Main;
import io.dbwarden.testing.FreePorts;
import io.dbwarden.web.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API client commands, run in-process against a real dbwarden service on loopback (no token needed). */
class ClientCommandsTest {

    @TempDir
    static Path dir;

    private static ApiServer server;
    /** A database with one critical and one warning flag. */
    private static String flagged;
    /** A database with only a warning flag. */
    private static String mild;

    @BeforeAll
    static void start() {
        flagged = ApiServer.flagDatabase();
        ApiServer.plant(flagged, "alpha", "critical");
        ApiServer.plant(flagged, "beta", "warning");
        mild = ApiServer.flagDatabase();
        ApiServer.plant(mild, "gamma", "warning");
        server = ApiServer.builder(dir).configTarget("flagged", flagged).configTarget("mild", mild).flagCheck().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result dbwarden(String... args) {
        String[] withServer = new String[args.length + 2];
        System.arraycopy(args, 0, withServer, 0, args.length);
        withServer[args.length] = "--server";
        withServer[args.length + 1] = server.url();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), false, withServer);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void targetsAreAddedListedWithTheirDsnRedactedAndRemoved() {
        Result added = dbwarden("targets", "add", "cli-added", flagged + "?password=env:CLI_PW",
                "--label", "team=cli", "--host-memory", "8GiB");
        assertThat(added.exitCode()).as(added.all()).isZero();
        assertThat(added.out()).contains("added target cli-added (postgresql");

        Result listed = dbwarden("targets", "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("NAME").contains("cli-added").contains("password=env:CLI_PW")
                .contains("team=cli").contains("api");

        Result removed = dbwarden("targets", "remove", "cli-added");
        assertThat(removed.exitCode()).as(removed.all()).isZero();
        assertThat(dbwarden("targets", "list").out()).doesNotContain("cli-added");
    }

    @Test
    void theServersRefusalIsPrintedAndExitsTwo() {
        Result again = dbwarden("targets", "remove", "never-there");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("dbwarden: no target named 'never-there'" + System.lineSeparator());

        Result badDsn = dbwarden("targets", "add", "bad", "postgresql://app:Pw-9x@db:notaport/app");
        assertThat(badDsn.exitCode()).isEqualTo(2);
        assertThat(badDsn.err()).contains("notaport").doesNotContain("Pw-9x");

        Result config = dbwarden("targets", "remove", "flagged");
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).contains("configuration file");
    }

    @Test
    void targetsListAsJsonIsTheServersList() throws Exception {
        Result listed = dbwarden("targets", "list", "--format", "json");

        JsonNode targets = Json.MAPPER.readTree(listed.out());
        assertThat(targets.isArray()).isTrue();
        assertThat(targets).extracting(t -> t.path("name").asText()).contains("flagged", "mild");
    }

    @Test
    void targetsTestSaysWhetherTheServerCouldConnect() {
        Result ok = dbwarden("targets", "test", "flagged");
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).startsWith("connected to flagged (");

        String down = "postgresql://app@127.0.0.1:" + FreePorts.find() + "/app";
        assertThat(dbwarden("targets", "add", "down", down).exitCode()).isZero();
        Result failed = dbwarden("targets", "test", "down");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).startsWith("dbwarden: could not connect to down: ");
        dbwarden("targets", "remove", "down");
    }

    @Test
    void runWithoutWaitPrintsTheRunsIdAndExitsZero() {
        Result started = dbwarden("run", "--target", "mild", "--check", "test_flags");

        assertThat(started.exitCode()).as(started.all()).isZero();
        assertThat(started.out()).matches("started run \\d+\\R");
        server.awaitRun(Long.parseLong(started.out().strip().substring("started run ".length())));
    }

    @Test
    void runWaitFollowsTheRunToItsEndAndFindingsDoNotFailItWithoutFailOn() {
        Result run = dbwarden("run", "--check", "test_flags", "--wait");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("run \\d+ finished: 2 items \\(2 findings\\)");
    }

    @Test
    void runWaitExitsOneWhenTheRunLeavesAFindingAtOrAboveFailOn() {
        assertThat(dbwarden("run", "--target", "flagged", "--check", "test_flags", "--wait", "--fail-on", "critical")
                .exitCode()).isEqualTo(1);
        assertThat(dbwarden("run", "--target", "mild", "--check", "test_flags", "--wait", "--fail-on", "critical")
                .exitCode()).isZero();
        assertThat(dbwarden("run", "--target", "mild", "--check", "test_flags", "--wait", "--fail-on", "warning")
                .exitCode()).isEqualTo(1);
    }

    @Test
    void runWaitExitsThreeWhenATargetCouldNotBeChecked() {
        String down = "postgresql://app@127.0.0.1:" + FreePorts.find() + "/app";
        assertThat(dbwarden("targets", "add", "unreachable", down).exitCode()).isZero();
        try {
            Result run = dbwarden("run", "--target", "unreachable", "--check", "test_flags", "--wait");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
            assertThat(run.out()).contains("1 error").contains("unreachable").contains("test_flags");
        } finally {
            dbwarden("targets", "remove", "unreachable");
        }
    }

    @Test
    void runWaitDrawsItemsDoneOutOfTotalOnStderrWhenAskedTo() {
        Result run = dbwarden("run", "--target", "mild", "--check", "test_flags", "--wait", "--progress", "always");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).containsPattern("\rrun \\d+: finished, 1/1 items");
        assertThat(run.out()).doesNotContain("\r");

        Result quiet = dbwarden("run", "--target", "mild", "--check", "test_flags", "--wait");
        assertThat(quiet.err()).as("not a terminal: no progress").isEmpty();
    }

    @Test
    void runForAnUnknownTargetExitsTwoWithTheServersMessage() {
        Result run = dbwarden("run", "--target", "ghost", "--wait");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no target named 'ghost'");
    }

    @Test
    void findingsAreListedAsATableOrAsJsonAndFiltered() throws Exception {
        dbwarden("run", "--check", "test_flags", "--wait");

        Result text = dbwarden("findings", "--target", "flagged", "--check", "test_flags");
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.out()).contains("SEVERITY").contains("flag alpha is set").contains("flag beta is set")
                .contains("2 findings");

        Result json = dbwarden("findings", "--check", "test_flags", "--severity", "critical", "--format", "json");
        JsonNode findings = Json.MAPPER.readTree(json.out());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.path("target").asText()).isEqualTo("flagged");
            assertThat(f.path("fingerprint").asText()).isNotBlank();
        });

        Result limited = dbwarden("findings", "--check", "test_flags", "--limit", "1");
        assertThat(limited.out()).contains("1 finding");
        assertThat(limited.err()).contains("more findings match; showing the first 1");
    }

    @Test
    void aFilterTheServerDoesNotKnowExitsTwoWithItsMessage() {
        Result bad = dbwarden("findings", "--severity", "loud");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("severity must be one of");
    }
}
