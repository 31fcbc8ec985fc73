package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.assertFinished;
import static io.dbwarden.service.ServiceFixture.await;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.app.ServiceConfig;
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

/** A stop and a start lose nothing and run nothing again; a stop during a check waits for it, then interrupts. */
class RestartTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private DbwardenService start(ServiceConfig config) {
        return DbwardenService.builder(config).clock(clock).scheduling(false).start();
    }

    @Test
    void aRestartLosesNoTargetSettingOrFindingAndDoesNotRunAgainWhatCompleted() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        PostgresServer.shared().executeIn(ServiceFixture.databaseOf(dsn), "INSERT INTO public.flags VALUES ('a')");
        ServiceConfig config = ServiceFixture.config(dir, List.of(ServiceFixture.target("db1", dsn)),
                List.of(ServiceFixture.checkDirectory(dir)));
        List<FindingView> findings;
        List<RunView> runs;
        try (DbwardenService service = start(config)) {
            assertFinished(awaitEnd(service, service.planNow().orElseThrow()));
            service.inventory().create(new TargetInput("db2", "mysql://monitor@db2/?password=env:PW", null, null),
                    "alice");
            service.checks().put("test_flags", Optional.of("db1"),
                    new SettingsChange(Optional.empty(), Optional.of("2h"), Map.of()), "alice");
            findings = service.findings().query(FindingFilter.all()).findings();
            runs = service.runs().list(10, Optional.empty());
        }
        clock.advance(Duration.ofMinutes(1));

        try (DbwardenService service = start(config)) {
            assertThat(service.inventory().list()).extracting(TargetView::name).containsExactly("db1", "db2");
            assertThat(service.checks().settings("test_flags", Optional.of("db1")).interval()).contains("2h");
            assertThat(service.findings().query(FindingFilter.all()).findings()).isEqualTo(findings)
                    .anySatisfy(f -> assertThat(f.check()).isEqualTo("test_flags"));
            assertThat(service.runs().list(10, Optional.empty())).isEqualTo(runs);

            // db2 (mysql, added through the API) was never checked; db1's checks all ran a minute ago
            RunDetail next = awaitEnd(service, service.planNow().orElseThrow());
            assertThat(next.items()).extracting(RunItemView::target).containsOnly("db2");
        }
    }

    @Test
    void stoppingDuringABlockedCheckWaitsTheGraceThenMarksTheRunInterruptedAndARestartKeepsItSo() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        Path checks = ServiceFixture.checkDirectory(dir);
        ServiceFixture.addSlowCheck(checks);
        ServiceConfig config = ServiceFixture.config(dir, List.of(ServiceFixture.target("db1", dsn)), List.of(checks));
        long id;
        try (Connection blocker = PostgresServer.shared().connect(ServiceFixture.databaseOf(dsn))) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE public.flags IN ACCESS EXCLUSIVE MODE");
            }
            DbwardenService service = start(config);
            id = service.runs().start(RunScope.check("test_slow"), "alice");
            await("the run to start", ServiceFixture.RUN_TIMEOUT,
                    () -> service.runs().get(id).run().status().equals("running"));

            long t0 = System.nanoTime();
            service.close();

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(DbwardenService.SHUTDOWN_GRACE
                    .minusSeconds(1));
            assertThat(service.ready()).isFalse();
            blocker.rollback();
        }
        try (DbwardenService service = start(config)) {
            RunView run = service.runs().get(id).run();
            assertThat(run.status()).isEqualTo("interrupted");
            assertThat(run.error()).contains("the service stopped while the run was under way");
            assertThat(service.runs().get(id).items()).isEmpty();
        }
    }
}
