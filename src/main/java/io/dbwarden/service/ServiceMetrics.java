package io.dbwarden.service;

import io.dbwarden.check.Severity;
import io.dbwarden.store.RunStatus;
import io.dbwarden.store.Store;
import io.dbwarden.store.StoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's meters, in the web server's registry so {@code /metrics} shows them: runs and check outcomes by
 * status, run and collection durations, open findings by severity, the last time each target was reached, and whether
 * the store and the scheduler are up. Values read from the store are refreshed by {@link #refresh}, never during a
 * scrape, so a slow store cannot stall {@code /metrics}.
 */
final class ServiceMetrics {

    private final MeterRegistry registry;
    private final Map<Severity, Double> openFindings = new EnumMap<>(Severity.class);
    private final MultiGauge lastReached;
    private final AtomicBoolean storeUp = new AtomicBoolean(true);
    private final AtomicBoolean schedulerUp = new AtomicBoolean(false);

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Severity s : Severity.values()) {
            openFindings.put(s, Double.NaN);
            Gauge.builder("dbwarden.findings.open", openFindings, m -> m.get(s))
                    .description("Open findings, by severity (refreshed from the store)")
                    .tag("severity", s.id()).strongReference(true).register(registry);
        }
        lastReached = MultiGauge.builder("dbwarden.target.last.success.timestamp.seconds")
                .description("When a run last reached each target, seconds since the epoch; 0 if never")
                .register(registry);
        Gauge.builder("dbwarden.store.up", storeUp, b -> b.get() ? 1 : 0).strongReference(true)
                .description("1 when the store answered its last health probe").register(registry);
        Gauge.builder("dbwarden.scheduler.up", schedulerUp, b -> b.get() ? 1 : 0).strongReference(true)
                .description("1 while the scheduler runs").register(registry);
    }

    void runFinished(String trigger, RunStatus status, Duration took) {
        Counter.builder("dbwarden.runs").description("Runs that ended, by trigger and status")
                .tags("trigger", trigger, "status", status.id()).register(registry).increment();
        Timer.builder("dbwarden.run.duration").description("How long runs took, from start to end")
                .tag("trigger", trigger).register(registry).record(took);
    }

    void itemRecorded(String check, String status) {
        Counter.builder("dbwarden.check.outcomes").description("Check evaluations, by check and outcome")
                .tags("check", check, "status", status).register(registry).increment();
    }

    void targetCollected(String engine, Duration took) {
        Timer.builder("dbwarden.collect.duration")
                .description("Time spent running one target's queries in one run")
                .tag("engine", engine).register(registry).record(took);
    }

    void storeUp(boolean up) {
        storeUp.set(up);
    }

    boolean storeUp() {
        return storeUp.get();
    }

    void schedulerUp(boolean up) {
        schedulerUp.set(up);
    }

    /** Reads open findings and last-reached times from the store; keeps the previous values when it cannot. */
    void refresh(Store store) {
        try {
            List<String> targets = store.targets().list().stream().map(t -> t.name()).toList();
            Map<Severity, Integer> counts = store.findings().countOpenBySeverity();
            Map<String, Instant> reached = store.evaluations().lastReached();
            counts.forEach((s, n) -> openFindings.put(s, n.doubleValue()));
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String target : targets) {
                Instant at = reached.get(target);
                double seconds = at == null ? 0 : at.getEpochSecond() + at.getNano() / 1e9;
                rows.add(MultiGauge.Row.of(Tags.of("target", target), seconds));
            }
            lastReached.register(rows, true);
        } catch (StoreException e) {
            storeUp.set(false);
        }
    }
}
