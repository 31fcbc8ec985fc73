package io.dbwarden.run;

import static io.dbwarden.run.TestChecks.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Check;
import io.dbwarden.metrics.EngineMetrics;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.testing.FreePorts;
import io.dbwarden.testing.PostgresServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    /** One check of each status on a real server, and the same checks on a server that is not there. */
    private static RunReport runEveryOutcome(PrometheusMeterRegistry registry) throws Exception {
        List<Check> checks = List.of(
                check("quiet_check", "postgresql", "queries: { one: { sql: 'SELECT 1 AS n' } }", "size(one) == 0"),
                check("firing_check", "postgresql", "", "true"),
                check("future_check", "postgresql", "requires: { version: '>=99' }", "true"),
                check("broken_check", "postgresql", "queries: { zero: { sql: 'SELECT 1 / 0 AS n' } }", "size(zero) > 0"));
        String unreachable = "postgresql://postgres@127.0.0.1:" + FreePorts.find() + "/postgres";
        List<Target> targets = List.of(
                new Target("up", Dsn.parse(PostgresServer.shared().dsn("postgres")), Map.of()),
                new Target("down", Dsn.parse(unreachable), Map.of()));
        return EngineSetup.standard().meters(registry).build().run(checks, targets, RunOptions.of(RunTrigger.MANUAL));
    }

    private static double items(PrometheusMeterRegistry registry, String status) {
        return registry.get(EngineMetrics.CHECK_ITEMS).tags("engine", "postgresql", "status", status).counter().count();
    }

    private static long timed(PrometheusMeterRegistry registry, String name, String outcome) {
        return registry.get(name).tags("engine", "postgresql", "outcome", outcome).timer().count();
    }

    @Test
    void aRunAgainstARealServerCountsItemsByStatusAndTimesQueriesConnectionsAndTheRun() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        runEveryOutcome(registry);

        assertThat(items(registry, "ok")).isEqualTo(1);
        assertThat(items(registry, "findings")).isEqualTo(1);
        assertThat(items(registry, "skipped")).isEqualTo(1);
        assertThat(items(registry, "error")).as("broken_check, and all four checks of the target that is down")
                .isEqualTo(5);
        assertThat(timed(registry, EngineMetrics.QUERY, "ok")).as("SELECT 1; the version read is not a check query")
                .isEqualTo(1);
        assertThat(timed(registry, EngineMetrics.QUERY, "failed")).isEqualTo(1);
        assertThat(timed(registry, EngineMetrics.CONNECT, "ok")).isEqualTo(1);
        assertThat(timed(registry, EngineMetrics.CONNECT, "unreachable")).isEqualTo(1);
        assertThat(registry.get(EngineMetrics.RUN).tags("trigger", "manual").timer().count()).isEqualTo(1);
    }

    @Test
    void theMetersAreScrapedUnderTheirPrometheusNamesAndAddUpOverRuns() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        runEveryOutcome(registry);
        runEveryOutcome(registry);

        assertThat(registry.scrape())
                .contains("dbwarden_check_items_total{engine=\"postgresql\",status=\"findings\"} 2")
                .contains("dbwarden_check_items_total{engine=\"postgresql\",status=\"error\"} 10")
                .contains("dbwarden_query_seconds_count{engine=\"postgresql\",outcome=\"failed\"} 2")
                .contains("dbwarden_connect_seconds_count{engine=\"postgresql\",outcome=\"unreachable\"} 2")
                .contains("dbwarden_run_seconds_count{trigger=\"manual\"} 2");
    }
}
