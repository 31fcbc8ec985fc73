package io.dbwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.collect.CollectionPlan;
import io.dbwarden.collect.CollectionStats;
import io.dbwarden.collect.EngineDialect;
import io.dbwarden.collect.FactCollector;
import io.dbwarden.collect.QueryKey;
import io.dbwarden.collect.QueryOutcome;
import io.dbwarden.collect.TargetFacts;
import io.dbwarden.target.ConnectOptions;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.target.TargetConnector;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feeds check queries straight to the collector, as a run does once a check file is loaded, with no text guard in
 * between: whatever these tests prove, the database server and the collection layer prove it alone.
 */
final class Collection {

    private Collection() {
    }

    /** What one collection of {@code queries} (run in this order, on one session) produced, and how long it took. */
    record Result(Map<QueryKey, QueryOutcome> outcomes, CollectionStats stats, Duration took) {

        QueryOutcome outcome(String sql) {
            return outcomes.get(new QueryKey(sql, false));
        }

        List<Map<String, Object>> rows(String sql) {
            QueryOutcome outcome = outcome(sql);
            assertThat(outcome).as("outcome of %s", sql).isInstanceOf(QueryOutcome.Rows.class);
            return ((QueryOutcome.Rows) outcome).rows();
        }

        String failure(String sql) {
            return failure(new QueryKey(sql, false));
        }

        String failure(QueryKey key) {
            QueryOutcome outcome = outcomes.get(key);
            assertThat(outcome).as("outcome of %s", key.sql()).isInstanceOf(QueryOutcome.Failed.class);
            return ((QueryOutcome.Failed) outcome).message();
        }
    }

    static Target target(String dsn) throws Exception {
        return new Target("target", Dsn.parse(dsn), Map.of());
    }

    static Result run(String dsn, Duration statementTimeout, String... queries) throws Exception {
        return run(dsn, statementTimeout, List.of(queries).stream().map(q -> new QueryKey(q, false)).toList());
    }

    static Result run(String dsn, Duration statementTimeout, List<QueryKey> queries) throws Exception {
        ConnectOptions options = ConnectOptions.defaults().withStatementTimeout(statementTimeout);
        Target target = target(dsn);
        TargetConnector connector = new TargetConnector(options);
        EngineDialect dialect = EngineDialect.of(target.dsn().engine());
        CollectionStats stats = new CollectionStats();
        long t0 = System.nanoTime();
        try (Connection session = connector.open(target)) {
            stats.connectionOpened(System.nanoTime() - t0);
            ServerVersion version = dialect.readVersion(session, stats);
            FactCollector collector = new FactCollector(connector, statementTimeout);
            CollectionPlan plan = new CollectionPlan(Set.of(), new LinkedHashSet<>(queries), Duration.ZERO);
            TargetFacts facts = collector.collect(target, session, dialect, version, plan, Map.of(), stats);
            return new Result(facts.queries(), stats, Duration.ofNanos(System.nanoTime() - t0));
        }
    }
}
