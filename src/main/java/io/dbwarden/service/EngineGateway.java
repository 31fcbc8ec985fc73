package io.dbwarden.service;

import io.dbwarden.app.TargetDefinition;
import io.dbwarden.check.Check;
import io.dbwarden.collect.CollectionStats;
import io.dbwarden.collect.EngineDialect;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.EngineSetup;
import io.dbwarden.run.RunExecutor;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunOptions;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.run.TargetReport;
import io.dbwarden.store.ItemResult;
import io.dbwarden.store.ObservedFinding;
import io.dbwarden.target.ConnectOptions;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.DsnException;
import io.dbwarden.target.Target;
import io.dbwarden.target.TargetConnectException;
import io.dbwarden.target.TargetConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one place the service meets the check engine: it turns a stored target into the engine's {@link Target}, runs
 * checks on it with {@link RunExecutor}, and turns the engine's items and findings into what the store records. When
 * the engine's set-up changes, this class is what changes.
 */
final class EngineGateway {

    private final ConnectOptions connect;
    private final RunExecutor executor;

    EngineGateway(Clock clock, ConnectOptions connect, MeterRegistry meters) {
        this.connect = connect;
        this.executor = EngineSetup.standard().clock(clock).connect(connect).meters(meters).build();
    }

    /** What checking one target gave: an item per check, and whether the target could be reached at all. */
    record TargetOutcome(List<ItemResult> items, boolean reached, long collectMillis) {
    }

    /**
     * Runs {@code checks} (all of the target's engine) on one target with one session. Never throws for a target that
     * cannot be checked: every item is then an {@code error} with the reason.
     */
    TargetOutcome check(TargetDefinition definition, List<Check> checks, RunTrigger trigger) {
        Target target;
        try {
            target = target(definition);
        } catch (DsnException e) {
            String reason = "target could not be checked: " + definition.name() + ": " + e.getMessage();
            List<ItemResult> items = checks.stream()
                    .map(c -> ItemResult.failed(definition.name(), c.name(), io.dbwarden.run.ItemStatus.ERROR, reason, 0))
                    .toList();
            return new TargetOutcome(items, false, 0);
        }
        RunOptions options = new RunOptions(trigger, Duration.ZERO);
        RunReport report = executor.run(checks, List.of(target), options);
        List<ItemResult> items = new ArrayList<>();
        boolean reached = true;
        long collectMillis = 0;
        for (TargetReport t : report.targets()) {
            reached &= !t.failed();
            collectMillis += t.stats().collectMillis();
            for (RunItem item : t.items()) {
                items.add(result(item));
            }
        }
        return new TargetOutcome(items, reached, collectMillis);
    }

    /** Opens a session and reads the server's version; the reason of a failure never holds the password. */
    ConnectionTest test(TargetDefinition definition) {
        long t0 = System.nanoTime();
        try {
            Target target = target(definition);
            try (Connection session = new TargetConnector(connect).open(target)) {
                String version = EngineDialect.of(target.dsn().engine()).readVersion(session, new CollectionStats()).full();
                return new ConnectionTest(definition.name(), true, Optional.of(version), Optional.empty(), millisSince(t0));
            }
        } catch (DsnException | TargetConnectException e) {
            return failedTest(definition, e.getMessage(), t0);
        } catch (SQLException e) {
            return failedTest(definition, "could not read the server version: " + e.getMessage(), t0);
        }
    }

    /** Checks that the DSN parses, without connecting. */
    static void validate(TargetDefinition definition) throws DsnException {
        target(definition);
    }

    private static ConnectionTest failedTest(TargetDefinition definition, String reason, long t0) {
        return new ConnectionTest(definition.name(), false, Optional.empty(), Optional.of(reason), millisSince(t0));
    }

    private static Target target(TargetDefinition definition) throws DsnException {
        return new Target(definition.name(), Dsn.parse(definition.dsn()), definition.labels(), definition.host());
    }

    private static ItemResult result(RunItem item) {
        return switch (item.status()) {
            case OK -> ItemResult.ok(item.target(), item.check(), item.millis());
            case FINDINGS -> ItemResult.findings(item.target(), item.check(), item.millis(),
                    item.findings().stream().map(EngineGateway::observed).toList());
            case ERROR, SKIPPED -> ItemResult.failed(item.target(), item.check(), item.status(),
                    item.reason().orElse("no reason given"), item.millis());
        };
    }

    private static ObservedFinding observed(Finding f) {
        return new ObservedFinding(f.fingerprint().toString(), f.check(), f.target(), f.severity(), f.category(),
                f.labels().asMap(), f.texts(), f.summary(), f.description(), f.remediation(), f.readMore());
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
