package io.dbwarden.run;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.log.LogLine;
import io.dbwarden.target.Target;
import io.dbwarden.target.TargetConnectException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The engine's log lines, one logger per concept: {@code io.dbwarden.target} (connecting), {@code io.dbwarden.collect}
 * (reading facts), {@code io.dbwarden.evaluate} (running rules) and {@code io.dbwarden.run} (whole runs). Every line
 * is a {@link LogLine}; a target is named by its name, engine and redacted endpoint, never by its DSN, so no password
 * can reach a log. A run's outcome is logged at INFO and what went wrong on the way at INFO or WARNING; the details of
 * each target (durations, statements) at FINE.
 */
final class RunLog {

    static final Logger CONNECT = Logger.getLogger("io.dbwarden.target");
    static final Logger COLLECT = Logger.getLogger("io.dbwarden.collect");
    static final Logger EVALUATE = Logger.getLogger("io.dbwarden.evaluate");
    static final Logger RUN = Logger.getLogger("io.dbwarden.run");

    private RunLog() {}

    static void runStarted(UUID run, RunTrigger trigger, int targets, int checks) {
        if (RUN.isLoggable(Level.FINE)) {
            RUN.fine(LogLine.of("run_started").add("run", run).add("trigger", trigger.id())
                    .add("targets", targets).add("checks", checks).toString());
        }
    }

    static void runFinished(RunReport report) {
        if (RUN.isLoggable(Level.INFO)) {
            RUN.info(LogLine.of("run_finished").add("run", report.id()).add("trigger", report.trigger().id())
                    .add("targets", report.targets().size())
                    .add("targets_failed", report.targets().stream().filter(TargetReport::failed).count())
                    .add("ok", report.count(ItemStatus.OK)).add("findings", report.count(ItemStatus.FINDINGS))
                    .add("errors", report.count(ItemStatus.ERROR)).add("skipped", report.count(ItemStatus.SKIPPED))
                    .add("millis", report.millis()).toString());
        }
    }

    static void connected(UUID run, Target target, long nanos) {
        if (CONNECT.isLoggable(Level.FINE)) {
            CONNECT.fine(about("target_connected", run, target).add("millis", nanos / 1_000_000).toString());
        }
    }

    /** The exception's message names the target and the cause and, by its contract, never a password. */
    static void connectFailed(UUID run, Target target, TargetConnectException e, long nanos) {
        if (CONNECT.isLoggable(Level.INFO)) {
            CONNECT.info(about("target_connect_failed", run, target).add("reason", id(e.reason()))
                    .add("millis", nanos / 1_000_000).add("error", e.detail()).toString());
        }
    }

    static void collected(UUID run, Target target, TargetStats stats, Map<BuiltinFact, Unavailable> unavailable) {
        if (COLLECT.isLoggable(Level.FINE)) {
            String missing = unavailable.keySet().stream().map(BuiltinFact::variable).sorted()
                    .collect(Collectors.joining(","));
            COLLECT.fine(about("facts_collected", run, target).add("statements", stats.statements())
                    .add("distinct_queries", stats.distinctQueries()).add("connections", stats.connections())
                    .add("millis", stats.collectMillis()).add("sample_wait_millis", stats.sampleWaitMillis())
                    .add("unavailable", missing.isEmpty() ? "-" : missing).toString());
        }
    }

    static void evaluated(UUID run, Target target, TargetReport report) {
        if (EVALUATE.isLoggable(Level.FINE)) {
            Map<ItemStatus, Long> counts = report.items().stream()
                    .collect(Collectors.groupingBy(RunItem::status, Collectors.counting()));
            EVALUATE.fine(about("checks_evaluated", run, target).add("checks", report.items().size())
                    .add("ok", counts.getOrDefault(ItemStatus.OK, 0L))
                    .add("findings", counts.getOrDefault(ItemStatus.FINDINGS, 0L))
                    .add("errors", counts.getOrDefault(ItemStatus.ERROR, 0L))
                    .add("skipped", counts.getOrDefault(ItemStatus.SKIPPED, 0L))
                    .add("millis", report.stats().evaluateMillis())
                    .add("total_millis", report.stats().totalMillis()).toString());
        }
    }

    /** Only the throwable's type and message: a stack trace says nothing an operator can act on. */
    static void crashed(UUID run, Target target, Throwable thrown) {
        RUN.warning(about("target_check_crashed", run, target).add("error", thrown.getClass().getName()
                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage())).toString());
    }

    private static LogLine about(String event, UUID run, Target target) {
        return LogLine.of(event).add("run", run).add("target", target.name())
                .add("engine", target.dsn().engine().id()).add("endpoint", target.dsn().redacted());
    }

    static String id(TargetConnectException.Reason reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT);
    }
}
