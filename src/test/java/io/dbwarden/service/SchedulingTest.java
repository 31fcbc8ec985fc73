package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.assertFinished;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled runs: due-ness computed from the run record with a clock the test moves. */
class SchedulingTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private DbwardenService start(String dsn) throws Exception {
        return DbwardenService.builder(ServiceFixture.config(dir, List.of(ServiceFixture.target("db1", dsn)),
                List.of(ServiceFixture.checkDirectory(dir)))).clock(clock).scheduling(false).start();
    }

    private static List<String> postgresChecksWithInterval(DbwardenService service, String interval) {
        return service.checks().list().stream()
                .filter(c -> c.engine().equals("postgresql") && c.effective().interval().equals(interval))
                .map(CheckView::name).sorted().toList();
    }

    private static List<String> checksOf(RunDetail run) {
        return run.items().stream().map(RunItemView::check).sorted().toList();
    }

    @Test
    void aScheduledRunHappensWhenAnIntervalHasPassedAndNotBefore() throws Exception {
        try (DbwardenService service = start(ServiceFixture.flagDatabase())) {
            RunDetail first = awaitEnd(service, service.planNow().orElseThrow());
            assertFinished(first);
            assertThat(first.run().trigger()).isEqualTo("schedule");
            assertThat(first.run().requestedBy()).isEqualTo("scheduler");
            assertThat(checksOf(first)).as("everything is due once").contains("test_flags")
                    .containsAll(postgresChecksWithInterval(service, "rare"));

            assertThat(service.planNow()).as("right after the first run").isEmpty();
            clock.advance(Duration.ofHours(4).minusSeconds(1));
            assertThat(service.planNow()).as("a second before the frequent interval").isEmpty();

            clock.advance(Duration.ofSeconds(1));
            RunDetail second = awaitEnd(service, service.planNow().orElseThrow());

            assertFinished(second);
            assertThat(checksOf(second)).isEqualTo(postgresChecksWithInterval(service, "frequent")).contains("test_flags");
        }
    }

    @Test
    void aChangedIntervalTakesEffectAtTheNextTickWithoutARestart() throws Exception {
        try (DbwardenService service = start(ServiceFixture.flagDatabase())) {
            assertFinished(awaitEnd(service, service.planNow().orElseThrow()));

            service.checks().put("test_flags", Optional.empty(),
                    new SettingsChange(Optional.empty(), Optional.of("10m"), Map.of()), "alice");
            clock.advance(Duration.ofMinutes(10));
            RunDetail run = awaitEnd(service, service.planNow().orElseThrow());

            assertThat(checksOf(run)).containsExactly("test_flags");
        }
    }

    @Test
    void aTickWhileAScheduledRunIsPendingQueuesNoOther() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        try (DbwardenService service = start(dsn)) {
            long first;
            try (Connection blocker = PostgresServer.shared().connect(ServiceFixture.databaseOf(dsn))) {
                blocker.setAutoCommit(false);
                try (Statement s = blocker.createStatement()) {
                    s.execute("LOCK TABLE public.flags IN ACCESS EXCLUSIVE MODE");
                }
                first = service.planNow().orElseThrow();
                clock.advance(Duration.ofDays(4));

                assertThat(service.planNow()).isEmpty();
                blocker.rollback();
            }
            assertFinished(awaitEnd(service, first));
            assertThat(service.runs().list(10, Optional.empty())).extracting(RunView::id).containsExactly(first);
        }
    }

    @Test
    void aPairIsDueExactlyWhenItsIntervalHasPassed() {
        java.time.Instant last = java.time.Instant.parse("2026-01-01T00:00:00Z");
        Duration interval = Duration.ofHours(4);

        assertThat(Planner.isDue(Optional.empty(), interval, last)).as("never evaluated").isTrue();
        assertThat(Planner.isDue(Optional.of(last), interval, last.plus(interval).minusNanos(1000))).isFalse();
        assertThat(Planner.isDue(Optional.of(last), interval, last.plus(interval))).isTrue();
    }

    @Test
    void theDailyPruneDeletesRunsOlderThanTheRetentionAndKeepsNewerOnes() throws Exception {
        try (DbwardenService service = start(ServiceFixture.flagDatabase())) {
            long old = service.runs().start(RunScope.check("test_flags"), "alice");
            assertFinished(awaitEnd(service, old));
            clock.advance(io.dbwarden.app.ServiceConfig.DEFAULT_RETENTION.plusDays(1));
            long recent = service.runs().start(RunScope.check("test_flags"), "alice");
            assertFinished(awaitEnd(service, recent));

            service.prune();

            assertThat(service.runs().list(10, Optional.empty())).extracting(RunView::id).containsExactly(recent);
        }
    }
}
