package io.dbwarden.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine's meters, named as Micrometer names them (a Prometheus registry writes {@code dbwarden.check.items} as
 * {@code dbwarden_check_items_total}, a timer {@code dbwarden.query} as {@code dbwarden_query_seconds_count},
 * {@code _sum} and {@code _max}). Every tag has a small, closed set of values: engines, statuses, outcomes, triggers;
 * never a target or check name, which would make one series per target and check.
 */
public final class EngineMetrics {

    /** Counter: (target, check) items that ended, by {@code engine} and {@code status} (ok, findings, error, skipped). */
    public static final String CHECK_ITEMS = "dbwarden.check.items";
    /** Timer: each check query sent to a target, by {@code engine} and {@code outcome} (ok, denied, failed). */
    public static final String QUERY = "dbwarden.query";
    /**
     * Timer: opening a session to a target, by {@code engine} and {@code outcome}: ok, or why it failed
     * (authentication_failed, unreachable, timeout, tls, database_not_found, secret_unavailable, other).
     */
    public static final String CONNECT = "dbwarden.connect";
    /** Timer: whole runs, by {@code trigger} (cli, schedule, manual). */
    public static final String RUN = "dbwarden.run";

    private final MeterRegistry registry;

    public EngineMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void checkItem(String engine, String status) {
        Counter.builder(CHECK_ITEMS)
                .description("Checks run against a target, by how they ended")
                .tag("engine", engine)
                .tag("status", status)
                .register(registry)
                .increment();
    }

    public void query(String engine, String outcome, long nanos) {
        Timer.builder(QUERY)
                .description("Check queries sent to targets, by outcome")
                .tag("engine", engine)
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    public void connect(String engine, String outcome, long nanos) {
        Timer.builder(CONNECT)
                .description("Sessions opened to targets, by outcome")
                .tag("engine", engine)
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    public void run(String trigger, Duration took) {
        Timer.builder(RUN)
                .description("Runs of checks against targets, from start to report")
                .tag("trigger", trigger)
                .register(registry)
                .record(took);
    }
}
