package io.dbwarden.run;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.cel.CelValues;
import io.dbwarden.cel.RuleEvaluationException;
import io.dbwarden.check.Check;
import io.dbwarden.check.QuerySpec;
import io.dbwarden.collect.CollectionPlan;
import io.dbwarden.collect.CollectionStats;
import io.dbwarden.collect.EngineDialect;
import io.dbwarden.collect.FactCollector;
import io.dbwarden.collect.FactSource;
import io.dbwarden.collect.QueryKey;
import io.dbwarden.collect.QueryOutcome;
import io.dbwarden.collect.TargetFacts;
import io.dbwarden.evaluate.Evaluator;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.metrics.EngineMetrics;
import io.dbwarden.target.ConnectOptions;
import io.dbwarden.target.Target;
import io.dbwarden.target.TargetConnectException;
import io.dbwarden.target.TargetConnector;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs checks against targets: every target concurrently on its own virtual thread, each with
 * one session; per target, the due checks' distinct queries run once and every check ends as
 * ok, findings, error or skipped. Built by {@link EngineSetup}, the one place that decides where its facts come from.
 */
public final class RunExecutor {

    /** Facts that are always at hand and need no collection. */
    private static final Set<BuiltinFact> FREE_FACTS = EnumSet.of(BuiltinFact.TARGET, BuiltinFact.VERSION, BuiltinFact.PARAMS);

    private final Clock clock;
    private final ConnectOptions connect;
    private final Map<BuiltinFact, FactSource> sources;
    private final EngineMetrics metrics;
    private final Evaluator evaluator = new Evaluator();

    /** {@code sources} supply the facts that do not come over the SQL session: host, TLS, release data. */
    RunExecutor(Clock clock, ConnectOptions connect, Map<BuiltinFact, FactSource> sources, EngineMetrics metrics) {
        this.clock = clock;
        this.connect = connect;
        this.sources = Map.copyOf(sources);
        this.metrics = metrics;
    }

    /** How sessions to targets are opened and limited. */
    public ConnectOptions connectOptions() {
        return connect;
    }

    /**
     * Checks every target. Whatever is thrown while checking one target (OutOfMemoryError and StackOverflowError
     * included) stays with it: its items become errors with the reason, and every other target is reported.
     */
    public RunReport run(List<Check> checks, List<Target> targets, RunOptions options) {
        UUID id = UUID.randomUUID();
        Instant started = clock.instant();
        RunLog.runStarted(id, options.trigger(), targets.size(), checks.size());
        List<TargetReport> reports = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TargetReport>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> checkTarget(id, target, checks, options)));
            }
            for (int i = 0; i < futures.size(); i++) {
                Target target = targets.get(i);
                TargetReport report;
                try {
                    report = futures.get(i).get();
                } catch (ExecutionException e) {
                    RunLog.crashed(id, target, e.getCause());
                    report = crashed(target, checks, e.getCause());
                }
                for (RunItem item : report.items()) {
                    metrics.checkItem(report.engine(), item.status().id());
                }
                reports.add(report);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        }
        RunReport report = new RunReport(id, options.trigger(), started, clock.instant(), checks, reports);
        metrics.run(options.trigger().id(), Duration.between(report.startedAt(), report.finishedAt()));
        RunLog.runFinished(report);
        return report;
    }

    /** The report of a target whose checking threw: the throwable's type and message, never its stack. */
    private static TargetReport crashed(Target target, List<Check> allChecks, Throwable thrown) {
        String reason = target.name() + ": checking it failed unexpectedly: " + thrown.getClass().getName()
                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        List<Check> checks = allChecks.stream().filter(c -> c.engine() == target.dsn().engine()).toList();
        return failed(target, checks, reason, TargetStats.NONE);
    }

    private TargetReport checkTarget(UUID run, Target target, List<Check> allChecks, RunOptions options) {
        long t0 = System.nanoTime();
        List<Check> checks = allChecks.stream().filter(c -> c.engine() == target.dsn().engine()).toList();
        String engine = target.dsn().engine().id();
        if (checks.isEmpty()) {
            return new TargetReport(target.name(), engine, target.dsn().redacted(), Optional.empty(), Optional.empty(),
                    List.of(), TargetStats.NONE);
        }
        CollectionStats stats = new CollectionStats(new Meters(metrics, engine));
        TargetConnector connector = new TargetConnector(connect);
        EngineDialect dialect = EngineDialect.of(target.dsn().engine());
        long connectStart = System.nanoTime();
        Connection opened;
        try {
            opened = connector.open(target);
        } catch (TargetConnectException e) {
            long nanos = System.nanoTime() - connectStart;
            metrics.connect(engine, RunLog.id(e.reason()), nanos);
            RunLog.connectFailed(run, target, e, nanos);
            return failed(target, checks, e.getMessage(), stats(stats, 0, t0));
        }
        try (Connection session = opened) {
            stats.connectionOpened(System.nanoTime() - connectStart);
            RunLog.connected(run, target, System.nanoTime() - connectStart);
            ServerVersion version = dialect.readVersion(session, stats);
            List<RunItem> items = new ArrayList<>();
            List<Check> due = new ArrayList<>();
            for (Check check : checks) {
                Optional<String> unmet = check.requires().unmetBy(version);
                if (unmet.isPresent()) {
                    items.add(RunItem.unavailable(target.name(), check.name(), "", new Unavailable.NotApplicable(unmet.get())));
                } else {
                    due.add(check);
                }
            }
            CollectionPlan plan = plan(due, options);
            FactCollector collector = new FactCollector(connector, connect.statementTimeout());
            TargetFacts facts = collector.collect(target, session, dialect, version, plan, sources, stats);
            RunLog.collected(run, target, stats(stats, 0, t0), facts.unavailable());
            long evaluateStart = System.nanoTime();
            for (Check check : due) {
                items.add(evaluate(check, target, facts));
            }
            long evaluateNanos = System.nanoTime() - evaluateStart;
            items.sort(Comparator.comparing(RunItem::check));
            TargetReport report = new TargetReport(target.name(), engine, target.dsn().redacted(),
                    Optional.of(version.full()), Optional.empty(), items, stats(stats, evaluateNanos, t0));
            RunLog.evaluated(run, target, report);
            return report;
        } catch (SQLException e) {
            return failed(target, checks, target.name() + ": could not read the server version: " + e.getMessage(),
                    stats(stats, 0, t0));
        }
    }

    /** Every check of a target that could not be checked at all ends as an error naming why. */
    private static TargetReport failed(Target target, List<Check> checks, String reason, TargetStats stats) {
        List<RunItem> items = checks.stream()
                .map(c -> RunItem.unavailable(target.name(), c.name(), "target could not be checked: ",
                        new Unavailable.Failed(reason)))
                .toList();
        return new TargetReport(target.name(), target.dsn().engine().id(), target.dsn().redacted(), Optional.empty(),
                Optional.of(reason), items, stats);
    }

    private static TargetStats stats(CollectionStats s, long evaluateNanos, long t0) {
        return new TargetStats(s.statements(), s.distinctQueries(), s.connections(), s.connectMillis(), s.collectMillis(),
                s.sampleWaitMillis(), evaluateNanos / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
    }

    private static CollectionPlan plan(List<Check> due, RunOptions options) {
        Set<BuiltinFact> facts = EnumSet.noneOf(BuiltinFact.class);
        Set<QueryKey> queries = new LinkedHashSet<>();
        for (Check check : due) {
            facts.addAll(check.rule().facts());
            check.queries().forEach(q -> queries.add(new QueryKey(q.sql(), q.allDatabases())));
        }
        facts.removeAll(FREE_FACTS);
        return new CollectionPlan(facts, queries, options.sample());
    }

    private RunItem evaluate(Check check, Target target, TargetFacts facts) {
        long t0 = System.nanoTime();
        Map<String, Object> activation = new LinkedHashMap<>();
        for (BuiltinFact fact : check.rule().facts()) {
            if (FREE_FACTS.contains(fact)) {
                continue;
            }
            Optional<Map<String, Object>> value = facts.builtin(fact);
            if (value.isEmpty()) {
                return RunItem.unavailable(target.name(), check.name(), "", facts.whyUnavailable(fact));
            }
            activation.put(fact.variable(), value.get());
        }
        for (QuerySpec q : check.queries()) {
            QueryOutcome outcome = facts.queries().get(new QueryKey(q.sql(), q.allDatabases()));
            if (outcome instanceof QueryOutcome.Failed failed) {
                Unavailable why = failed.permissionDenied() ? new Unavailable.PrivilegeMissing(failed.message())
                        : new Unavailable.Failed(failed.message());
                return RunItem.unavailable(target.name(), check.name(), "query '" + q.name() + "': ", why);
            }
            activation.put(q.name(), ((QueryOutcome.Rows) outcome).rows());
        }
        activation.put(BuiltinFact.TARGET.variable(), targetFact(target));
        activation.put(BuiltinFact.VERSION.variable(), facts.version().toCelMap());
        activation.put(BuiltinFact.PARAMS.variable(), CelValues.toCel(check.params()));
        try {
            List<Finding> findings = evaluator.evaluate(check, target, activation);
            return RunItem.ofFindings(target.name(), check.name(), findings, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuleEvaluationException e) {
            return RunItem.error(target.name(), check.name(), "rule failed: " + e.getMessage());
        }
    }

    private static Map<String, Object> targetFact(Target target) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", target.name());
        m.put("engine", target.dsn().engine().id());
        m.put("labels", new LinkedHashMap<>(target.labels()));
        m.put("local", target.dsn().isLocal());
        return m;
    }

    /** Passes one target's query and connection timings to the engine's meters. */
    private record Meters(EngineMetrics metrics, String engine) implements CollectionStats.Listener {
        @Override
        public void queryRan(QueryOutcome outcome, long nanos) {
            String result = switch (outcome) {
                case QueryOutcome.Rows rows -> "ok";
                case QueryOutcome.Failed failed -> failed.permissionDenied() ? "denied" : "failed";
            };
            metrics.query(engine, result, nanos);
        }

        @Override
        public void connectionOpened(long nanos) {
            metrics.connect(engine, "ok", nanos);
        }
    }
}
