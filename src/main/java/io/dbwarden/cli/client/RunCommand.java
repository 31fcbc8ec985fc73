package io.dbwarden.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.check.Severity;
import io.dbwarden.cli.ExitCodes;
import io.dbwarden.report.TextTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dbwarden run}: asks a running {@code dbwarden serve} to run checks now, and with {@code --wait} follows the run. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Asks a running 'dbwarden serve' to run checks now: everything, one target, one check, or one check on one "
                + "target. Prints the run's id; with --wait, follows it to the end and prints its outcome.",
        "Exit codes: 0 started (with --wait: finished, nothing at or above --fail-on), 1 with --wait: findings at or "
                + "above --fail-on, 2 the server refused the request, 3 the server cannot be reached, or with --wait: "
                + "the run did not finish or an item ended in error."})
public final class RunCommand implements Callable<Integer> {

    /** How often --wait asks for the run's progress: quick enough to feel live, rare enough to cost the server nothing. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Set by the launcher when stderr is a terminal, where progress is drawn. */
    static final String STDERR_TTY_PROPERTY = "dbwarden.stderr.tty";

    /** Whether to draw progress while waiting; a pipe or a log file gets no carriage returns by default. */
    enum ProgressMode { auto, always, never }

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--target", paramLabel = "NAME", description = "Only this target.")
    String target;

    @Option(names = "--check", paramLabel = "NAME", description = "Only this check.")
    String check;

    @Option(names = "--wait", description = "Wait for the run to end and print its outcome.")
    boolean wait;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "With --wait: exit 1 when the run leaves a "
            + "finding open at least this severe: critical, error, warning, notice, info. Default: never.")
    String failOn;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto", description = "With --wait: draw "
            + "progress (items done/total) on stderr: auto (when stderr is a terminal), always or never.")
    ProgressMode progress;

    @Override
    public Integer call() throws Exception {
        Severity threshold = failOn == null ? null : Severity.fromId(failOn);
        if (threshold != null && !wait) {
            throw new IllegalArgumentException("--fail-on needs --wait: without it the outcome is not known yet");
        }
        return ClientCall.run(spec, () -> {
            ApiClient client = server.client();
            Map<String, Object> body = new LinkedHashMap<>();
            if (target != null) {
                body.put("target", target);
            }
            if (check != null) {
                body.put("check", check);
            }
            long id = client.post("/api/v1/runs", body).path("id").asLong();
            PrintWriter out = spec.commandLine().getOut();
            if (!wait) {
                out.println("started run " + id);
                return ExitCodes.CLEAN;
            }
            JsonNode run = follow(client, id);
            return outcome(client, run, threshold);
        });
    }

    private JsonNode follow(ApiClient client, long id) throws InterruptedException {
        Progress bar = new Progress(spec.commandLine().getErr(), drawProgress());
        try {
            while (true) {
                JsonNode run = client.get("/api/v1/runs/" + id);
                String status = run.path("status").asText();
                bar.show(id, status, run.path("progress").path("done").asInt(), run.path("progress").path("total").asInt());
                if (!status.equals("queued") && !status.equals("running")) {
                    return run;
                }
                Thread.sleep(POLL_INTERVAL);
            }
        } finally {
            bar.end();
        }
    }

    private boolean drawProgress() {
        return switch (progress) {
            case always -> true;
            case never -> false;
            case auto -> Boolean.getBoolean(STDERR_TTY_PROPERTY);
        };
    }

    private int outcome(ApiClient client, JsonNode run, Severity threshold) {
        PrintWriter out = spec.commandLine().getOut();
        long id = run.path("id").asLong();
        String status = run.path("status").asText();
        Map<String, Integer> counts = new TreeMap<>();
        List<JsonNode> problems = new ArrayList<>();
        Set<String> withFindings = new HashSet<>();
        for (JsonNode item : run.path("items")) {
            String itemStatus = item.path("status").asText();
            counts.merge(itemStatus, 1, Integer::sum);
            if (itemStatus.equals("error") || itemStatus.equals("skipped")) {
                problems.add(item);
            } else if (itemStatus.equals("findings")) {
                withFindings.add(item.path("target").asText() + "\u0000" + item.path("check").asText());
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(n + " " + s));
        out.println("run " + id + " " + status + ": " + run.path("items").size() + " items"
                + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")"));
        if (!problems.isEmpty()) {
            TextTable table = new TextTable(List.of("STATUS", "TARGET", "CHECK", "REASON"));
            problems.forEach(i -> table.add(List.of(i.path("status").asText(), i.path("target").asText(),
                    i.path("check").asText(), JsonOutput.text(i, "reason"))));
            table.lines().forEach(out::println);
        }
        if (!status.equals("finished")) {
            spec.commandLine().getErr().println("dbwarden: run " + id + " " + status
                    + (run.hasNonNull("error") ? ": " + run.path("error").asText() : ""));
            return ExitCodes.TARGET_FAILED;
        }
        if (counts.getOrDefault("error", 0) > 0) {
            return ExitCodes.TARGET_FAILED;
        }
        if (threshold != null && !withFindings.isEmpty() && anyOpenAtLeast(client, run, threshold, withFindings)) {
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.CLEAN;
    }

    /** Whether an open finding at least as severe as {@code threshold} belongs to a pair this run found something on. */
    private static boolean anyOpenAtLeast(ApiClient client, JsonNode run, Severity threshold, Set<String> pairs) {
        for (Severity severity : Severity.values()) {
            if (!severity.isAtLeast(threshold)) {
                continue;
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("state", "open");
            query.put("severity", severity.id());
            if (run.hasNonNull("target")) {
                query.put("target", run.path("target").asText());
            }
            if (run.hasNonNull("check")) {
                query.put("check", run.path("check").asText());
            }
            for (JsonNode finding : FindingsCommand.all(client, query, Integer.MAX_VALUE)) {
                if (pairs.contains(finding.path("target").asText() + "\u0000" + finding.path("check").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One line of progress redrawn in place on a terminal; nothing at all otherwise. */
    private static final class Progress {
        private final PrintWriter err;
        private final boolean enabled;
        private String last = "";

        Progress(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        void show(long id, String status, int done, int total) {
            String line = "run " + id + ": " + status + (total > 0 ? ", " + done + "/" + total + " items" : "");
            if (enabled && !line.equals(last)) {
                // pad over the previous line, which may have been longer
                err.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
                err.flush();
                last = line;
            }
        }

        void end() {
            if (enabled && !last.isEmpty()) {
                err.println();
            }
        }
    }
}
