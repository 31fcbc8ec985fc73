package io.dbwarden.collect;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.target.Target;
import io.dbwarden.target.TargetConnectException;
import io.dbwarden.target.TargetConnector;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a plan's facts over the target's session: each distinct query once, built-in facts
 * only when asked for, and a second status sample after the sampling window when rates are
 * wanted. A failing query fails only the checks that use it: check queries run in a
 * {@link QuerySandbox}, and a session the driver gives up is replaced for the queries after it.
 */
public final class FactCollector {

    private final TargetConnector connector;
    private final Duration statementTimeout;

    public FactCollector(TargetConnector connector, Duration statementTimeout) {
        this.connector = connector;
        this.statementTimeout = statementTimeout;
    }

    public TargetFacts collect(Target target, Connection session, EngineDialect dialect, ServerVersion version,
                               CollectionPlan plan, Map<BuiltinFact, FactSource> sources, CollectionStats stats) {
        long started = System.nanoTime();
        try (SessionKeeper keeper = new SessionKeeper(session, () -> connector.open(target), stats)) {
            return collect(target, keeper, dialect, version, plan, sources, stats, started);
        }
    }

    private TargetFacts collect(Target target, SessionKeeper session, EngineDialect dialect, ServerVersion version,
                                CollectionPlan plan, Map<BuiltinFact, FactSource> sources, CollectionStats stats,
                                long started) {
        QuerySandbox sandbox = new QuerySandbox(
                dialect.sandbox(version, statementTimeout, connector.idleInTransactionTimeout()), statementTimeout);
        Map<BuiltinFact, Map<String, Object>> builtins = new EnumMap<>(BuiltinFact.class);
        Map<BuiltinFact, Unavailable> unavailable = new EnumMap<>(BuiltinFact.class);
        builtins.put(BuiltinFact.VERSION, version.toCelMap());

        if (plan.needs(BuiltinFact.VARIABLES)) {
            readBuiltin(BuiltinFact.VARIABLES, () -> dialect.readVariables(session.session(), stats), dialect, builtins,
                    unavailable);
        }
        boolean wantsRates = plan.needs(BuiltinFact.RATES);
        if (wantsRates && plan.sample().isZero()) {
            unavailable.put(BuiltinFact.RATES, new Unavailable.NotConfigured(Unavailable.Setting.SAMPLE,
                    "rates need a sampling window"));
            wantsRates = false;
        }
        // Outside sources (a TLS handshake, node_exporter) wait on the network: read them while the queries run.
        // Closing the executor waits for them, also when a query throws, so no reader outlives the collection.
        Map<BuiltinFact, java.util.concurrent.Future<FactOutcome>> pending = new EnumMap<>(BuiltinFact.class);
        Map<QueryKey, QueryOutcome> outcomes = new LinkedHashMap<>();
        try (java.util.concurrent.ExecutorService background =
                     java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (BuiltinFact fact : plan.facts()) {
                FactSource source = sources.get(fact);
                if (source != null) {
                    pending.put(fact, background.submit(() -> source.read(target, version)));
                }
            }
            stats.distinctQueries(plan.queries().size());
            for (QueryKey key : plan.queries()) {
                if (!key.allDatabases()) {
                    outcomes.put(key, timed(session, key.sql(), sandbox, dialect, stats));
                }
            }
            List<QueryKey> perDatabase = plan.queries().stream().filter(QueryKey::allDatabases).toList();
            if (!perDatabase.isEmpty()) {
                outcomes.putAll(runInEveryDatabase(target, session, sandbox, dialect, perDatabase, stats));
            }
        }
        pending.forEach((fact, future) -> {
            FactOutcome outcome = outcomeOf(fact, future);
            if (outcome.isKnown()) {
                builtins.put(fact, outcome.facts());
            } else {
                unavailable.put(fact, outcome.unavailable());
            }
        });

        // Counters are read after the checks' own queries, so the sampled window does not count dbwarden's work.
        long firstSampleAt = System.nanoTime();
        if (plan.needs(BuiltinFact.STATUS) || wantsRates) {
            readBuiltin(BuiltinFact.STATUS, () -> dialect.readStatus(session.session(), stats), dialect, builtins,
                    unavailable);
        }
        if (wantsRates && builtins.containsKey(BuiltinFact.STATUS)) {
            long waitNanos = plan.sample().toNanos() - (System.nanoTime() - firstSampleAt);
            if (waitNanos > 0) {
                sleep(waitNanos, stats);
            }
            double seconds = (System.nanoTime() - firstSampleAt) / 1e9;
            try {
                Map<String, Object> second = dialect.readStatus(session.session(), stats);
                builtins.put(BuiltinFact.RATES, rates(builtins.get(BuiltinFact.STATUS), second, seconds));
            } catch (SQLException e) {
                unavailable.put(BuiltinFact.RATES, new Unavailable.Failed("second status sample failed: " + e.getMessage()));
            }
        } else if (wantsRates) {
            unavailable.put(BuiltinFact.RATES, unavailable.get(BuiltinFact.STATUS));
        }
        stats.collected(System.nanoTime() - started);
        return new TargetFacts(version, builtins, unavailable, outcomes);
    }

    private static FactOutcome outcomeOf(BuiltinFact fact, java.util.concurrent.Future<FactOutcome> future) {
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return FactOutcome.unavailable(new Unavailable.Failed("reading " + fact.variable() + " failed: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FactOutcome.unavailable(new Unavailable.Failed("reading " + fact.variable() + " was interrupted"));
        }
    }

    private interface SqlRead {
        Map<String, Object> read() throws SQLException;
    }

    private static void readBuiltin(BuiltinFact fact, SqlRead read, EngineDialect dialect,
                                    Map<BuiltinFact, Map<String, Object>> builtins, Map<BuiltinFact, Unavailable> unavailable) {
        try {
            builtins.put(fact, read.read());
        } catch (SQLException e) {
            unavailable.put(fact, dialect.isPermissionDenied(e)
                    ? new Unavailable.PrivilegeMissing("privilege missing to read " + fact.variable() + ": " + e.getMessage())
                    : new Unavailable.Failed("could not read " + fact.variable() + ": " + e.getMessage()));
        }
    }

    /** Runs one check query and tells the stats how long it took and how it ended. */
    private QueryOutcome timed(SessionKeeper session, String sql, QuerySandbox sandbox, EngineDialect dialect,
                               CollectionStats stats) {
        long started = System.nanoTime();
        QueryOutcome outcome = run(session, sql, sandbox, dialect, stats);
        stats.queryRan(outcome, System.nanoTime() - started);
        return outcome;
    }

    private QueryOutcome run(SessionKeeper session, String sql, QuerySandbox sandbox, EngineDialect dialect,
                             CollectionStats stats) {
        if (Thread.currentThread().isInterrupted()) {
            return new QueryOutcome.Failed("collection was interrupted before this query ran", false);
        }
        try {
            return new QueryOutcome.Rows(sandbox.rows(session.session(), sql, stats));
        } catch (SQLException e) {
            if (e instanceof SQLTimeoutException || dialect.isStatementTimeout(e)) {
                return new QueryOutcome.Failed("the query ran longer than the statement timeout ("
                        + io.dbwarden.units.Durations.format(statementTimeout) + ") and was cancelled", false);
            }
            if (e instanceof QueryRefusedException) {
                return new QueryOutcome.Failed("query refused: " + e.getMessage(), false);
            }
            boolean denied = dialect.isPermissionDenied(e);
            return new QueryOutcome.Failed((denied ? "privilege missing: " : "query failed: ") + e.getMessage(), denied);
        }
    }

    /** Runs per-database queries in every connectable database, one connection at a time, adding a database column. */
    private Map<QueryKey, QueryOutcome> runInEveryDatabase(Target target, SessionKeeper session, QuerySandbox sandbox,
                                                           EngineDialect dialect, List<QueryKey> keys,
                                                           CollectionStats stats) {
        Map<QueryKey, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        Map<QueryKey, QueryOutcome> failed = new LinkedHashMap<>();
        keys.forEach(k -> rows.put(k, new java.util.ArrayList<>()));
        List<String> databases;
        String current;
        try {
            Connection main = session.session();
            databases = dialect.connectableDatabases(main, stats);
            current = dialect.currentDatabase(main);
        } catch (SQLException e) {
            Map<QueryKey, QueryOutcome> all = new LinkedHashMap<>();
            keys.forEach(k -> all.put(k, new QueryOutcome.Failed("could not list databases: " + e.getMessage(),
                    dialect.isPermissionDenied(e))));
            return all;
        }
        for (String database : databases) {
            if (database.equals(current)) {
                collectInto(session, database, keys, sandbox, dialect, stats, rows, failed);
                continue;
            }
            long t0 = System.nanoTime();
            try (Connection other = connector.open(target, database);
                 SessionKeeper keeper = new SessionKeeper(other, () -> connector.open(target, database), stats)) {
                stats.connectionOpened(System.nanoTime() - t0);
                collectInto(keeper, database, keys, sandbox, dialect, stats, rows, failed);
            } catch (TargetConnectException | SQLException e) {
                // A database we may not enter is not a finding about the others: note it and go on.
                keys.forEach(k -> failed.putIfAbsent(k, new QueryOutcome.Failed(
                        "could not query database '" + database + "': " + e.getMessage(), false)));
            }
        }
        Map<QueryKey, QueryOutcome> out = new LinkedHashMap<>();
        for (QueryKey k : keys) {
            out.put(k, failed.containsKey(k) ? failed.get(k) : new QueryOutcome.Rows(rows.get(k)));
        }
        return out;
    }

    private void collectInto(SessionKeeper c, String database, List<QueryKey> keys, QuerySandbox sandbox,
                             EngineDialect dialect, CollectionStats stats, Map<QueryKey, List<Map<String, Object>>> rows,
                             Map<QueryKey, QueryOutcome> failed) {
        for (QueryKey k : keys) {
            if (failed.containsKey(k)) {
                continue;
            }
            QueryOutcome outcome = timed(c, k.sql(), sandbox, dialect, stats);
            if (outcome instanceof QueryOutcome.Rows r) {
                for (Map<String, Object> row : r.rows()) {
                    Map<String, Object> withDatabase = new LinkedHashMap<>();
                    withDatabase.put("database", database);
                    row.forEach((column, value) -> {
                        if (!column.equals("database")) {
                            withDatabase.put(column, value);
                        }
                    });
                    rows.get(k).add(withDatabase);
                }
            } else {
                QueryOutcome.Failed f = (QueryOutcome.Failed) outcome;
                failed.put(k, new QueryOutcome.Failed("in database '" + database + "': " + f.message(), f.permissionDenied()));
            }
        }
    }

    /** Per-second change of every numeric counter between two samples. */
    static Map<String, Object> rates(Map<String, Object> first, Map<String, Object> second, double seconds) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : second.entrySet()) {
            Object before = first.get(e.getKey());
            if (before instanceof Number b && e.getValue() instanceof Number a) {
                out.put(e.getKey(), (a.doubleValue() - b.doubleValue()) / seconds);
            }
        }
        return out;
    }

    private static void sleep(long nanos, CollectionStats stats) {
        long t0 = System.nanoTime();
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stats.waitedForSample(System.nanoTime() - t0);
    }

}
