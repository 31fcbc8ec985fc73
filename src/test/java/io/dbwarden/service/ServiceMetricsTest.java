package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.assertFinished;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.PostgresServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the service tells Prometheus. */
class ServiceMetricsTest {

    @TempDir
    Path dir;

    @Test
    void runsOutcomesDurationsOpenFindingsAndHealthAreInTheRegistry() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        PostgresServer.shared().executeIn(ServiceFixture.databaseOf(dsn), "INSERT INTO public.flags VALUES ('a')");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (DbwardenService service = DbwardenService.builder(ServiceFixture.config(dir,
                        List.of(ServiceFixture.target("db1", dsn)), List.of(ServiceFixture.checkDirectory(dir))))
                .scheduling(false).metrics(registry).start()) {
            assertThat(service.ready()).isTrue();

            assertFinished(awaitEnd(service, service.runs().start(RunScope.check("test_flags"), "alice")));
            service.refreshMetrics();
            String text = registry.scrape();

            assertThat(text)
                    .contains("dbwarden_runs_total{status=\"finished\",trigger=\"manual\"} 1.0")
                    .contains("dbwarden_check_outcomes_total{check=\"test_flags\",status=\"findings\"} 1.0")
                    .contains("dbwarden_findings_open{severity=\"warning\"} 1.0")
                    .contains("dbwarden_findings_open{severity=\"critical\"} 0.0")
                    .contains("dbwarden_run_duration_seconds_count{trigger=\"manual\"} 1")
                    .contains("dbwarden_collect_duration_seconds_count{engine=\"postgresql\"} 1")
                    .contains("dbwarden_store_up 1.0")
                    .contains("dbwarden_scheduler_up 1.0")
                    .containsPattern("dbwarden_target_last_success_timestamp_seconds\\{target=\"db1\"} 1\\.\\d+E9");
        }
    }
}
