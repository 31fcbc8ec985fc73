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
import io.dbwarden.collect.FactOutcome;
import io.dbwarden.collect.FactSource;
import io.dbwarden.collect.QueryKey;
import io.dbwarden.collect.QueryOutcome;
import io.dbwarden.collect.TargetFacts;
import io.dbwarden.evaluate.Evaluator;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.host.HostFactsResolver;
import io.dbwarden.host.HostFactsResult;
import io.dbwarden.target.Target;
import io.dbwarden.target.TargetConnectException;
import io.dbwarden.target.TargetConnector;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs checks against targets: every target concurrently on its own virtual thread, each with
 * one session; per target, the due checks' distinct queries run once and every check ends as
 * ok, findings, error or skipped.
 */
public final class RunExecutor {

    /** Facts that are always at hand and need no collection. */
    private static final Set<BuiltinFact> FREE_FACTS = EnumSet.of(BuiltinFact.TARGET, BuiltinFact.VERSION, BuiltinFact.PARAMS);

    private final Clock clock;
    private final HostFactsResolver hostFacts;
    private final Map<BuiltinFact, FactSource> sources;
    private final Evaluator evaluator = new Evaluator();

    public RunExecutor(Clock clock, HostFactsResolver hostFacts) {
        this(clock, hostFacts, Map.of());
    }

    /** {@code sources} supply facts that do not come over the SQL session, such as TLS certificates. */
    public RunExecutor(Clock clock, HostFactsResolver hostFacts, Map<BuiltinFact, FactSource> sources) {
        this.clock = clock;
        this.hostFacts = hostFacts;
        this.sources = Map.copyOf(sources);
    }

    /**
     * Checks every target. Whatever is thrown while checking one target (OutOfMemoryError and StackOverflowError
     * included) stays with it: its items become errors with the reason, and every other target is reported.
     */
    public RunReport run(List<Check> checks, List<Target> targets, RunOptions options) {
        Instant started = clock.instant();
        List<TargetReport> reports = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TargetReport>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> checkTarget(target, checks, options)));
            }
            for (int i = 0; i < futures.size(); i++) {
                Target target = targets.get(i);
                try {
                    reports.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    reports.add(crashed(target, checks, e.getCause()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        }
        return new RunReport(options.trigger(), started, clock.instant(), checks, reports);
    }

    /** The report of a target whose checking threw: the throwable's type and message, never its stack. */
    private static TargetReport crashed(Target target, List<Check> allChecks, Throwable thrown) {
        String reason = target.name() + ": checking it failed unexpectedly: " + thrown.getClass().getName()
                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        List<RunItem> items = allChecks.stream()
                .filter(c -> c.engine() == target.dsn().engine())
                .map(c -> RunItem.error(target.name(), c.name(), "target could not be checked: " + reason))
                .toList();
        return new TargetReport(target.name(), target.dsn().engine().id(), target.dsn().redacted(), Optional.empty(),
                Optional.of(reason), items, TargetStats.NONE);
    }

    private TargetReport checkTarget(Target target, List<Check> allChecks, RunOptions options) {
        long t0 = System.nanoTime();
        List<Check> checks = allChecks.stream().filter(c -> c.engine() == target.dsn().engine()).toList();
        String engine = target.dsn().engine().id();
        String endpoint = target.dsn().redacted();
        if (checks.isEmpty()) {
            return new TargetReport(target.name(), engine, endpoint, Optional.empty(), Optional.empty(), List.of(),
                    TargetStats.NONE);
        }
        CollectionStats stats = new CollectionStats();
        TargetConnector connector = new TargetConnector(options.connect());
        EngineDialect dialect = EngineDialect.of(target.dsn().engine());
        long connectStart = System.nanoTime();
        try (Connection session = connector.open(target)) {
            stats.connectionOpened(System.nanoTime() - connectStart);
            ServerVersion version = dialect.readVersion(session, stats);
            List<RunItem> items = new ArrayList<>();
            List<Check> due = new ArrayList<>();
            for (Check check : checks) {
                Optional<String> unmet = check.requires().unmetBy(version);
                if (unmet.isPresent()) {
                    items.add(RunItem.skipped(target.name(), check.name(), unmet.get()));
                } else {
                    due.add(check);
                }
            }
            CollectionPlan plan = plan(due, options);
            FactCollector collector = new FactCollector(connector, options.connect().statementTimeout());
            Map<BuiltinFact, FactSource> runSources = new java.util.EnumMap<>(BuiltinFact.class);
            runSources.putAll(sources);
            runSources.put(BuiltinFact.HOST, (t, v) -> hostFactsFor(t, options));
            TargetFacts facts = collector.collect(target, session, dialect, version, plan, runSources, stats);
            long evaluateStart = System.nanoTime();
            for (Check check : due) {
                items.add(evaluate(check, target, facts));
            }
            long evaluateNanos = System.nanoTime() - evaluateStart;
            items.sort(java.util.Comparator.comparing(RunItem::check));
            return new TargetReport(target.name(), engine, endpoint, Optional.of(version.full()), Optional.empty(), items,
                    stats(stats, evaluateNanos, t0));
        } catch (TargetConnectException e) {
            return failed(target, checks, engine, endpoint, e.getMessage(), stats, t0);
        } catch (SQLException e) {
            return failed(target, checks, engine, endpoint,
                    target.name() + ": could not read the server version: " + e.getMessage(), stats, t0);
        }
    }

    private static TargetReport failed(Target target, List<Check> checks, String engine, String endpoint, String reason,
                                       CollectionStats stats, long t0) {
        List<RunItem> items = checks.stream()
                .map(c -> RunItem.error(target.name(), c.name(), "target could not be checked: " + reason))
                .toList();
        return new TargetReport(target.name(), engine, endpoint, Optional.empty(), Optional.of(reason), items,
                stats(stats, 0, t0));
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

    private FactOutcome hostFactsFor(Target target, RunOptions options) {
        HostFactsResult result = hostFacts.resolve(options.host(), target.dsn().isLocal());
        return result.facts().map(f -> FactOutcome.known(f.toCelMap()))
                .orElseGet(() -> FactOutcome.unknown(result.unknownReason()));
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
                String reason = facts.unavailable().getOrDefault(fact, "no source of " + fact.variable() + " facts is configured");
                boolean skip = fact != BuiltinFact.VARIABLES && fact != BuiltinFact.STATUS || reason.startsWith("privilege missing");
                return skip ? RunItem.skipped(target.name(), check.name(), reason)
                        : RunItem.error(target.name(), check.name(), reason);
            }
            activation.put(fact.variable(), value.get());
        }
        for (QuerySpec q : check.queries()) {
            QueryOutcome outcome = facts.queries().get(new QueryKey(q.sql(), q.allDatabases()));
            if (outcome instanceof QueryOutcome.Failed failed) {
                String reason = "query '" + q.name() + "': " + failed.message();
                return failed.permissionDenied() ? RunItem.skipped(target.name(), check.name(), reason)
                        : RunItem.error(target.name(), check.name(), reason);
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
}
