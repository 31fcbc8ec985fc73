package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.assertFinished;
import static io.dbwarden.service.ServiceFixture.await;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.app.TargetDefinition;
import io.dbwarden.testing.PostgresServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Run now": answers at once, runs in the background, waits its turn, and keeps an unreachable target to itself. */
class RunNowTest {

    @TempDir
    Path dir;

    private DbwardenService start(List<TargetDefinition> targets) throws Exception {
        return DbwardenService.builder(ServiceFixture.config(dir, targets, List.of(ServiceFixture.checkDirectory(dir))))
                .scheduling(false).start();
    }

    /** Holds an exclusive lock on public.flags: the flag check's query waits until {@link Connection#rollback}. */
    private static Connection lockFlags(String db) throws Exception {
        Connection c = PostgresServer.shared().connect(db);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE public.flags IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    @Test
    void runNowAnswersAtOnceWithAnIdAndTheRunCompletesInTheBackground() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        String db = ServiceFixture.databaseOf(dsn);
        PostgresServer.shared().executeIn(db, "INSERT INTO public.flags VALUES ('a')");
        try (DbwardenService service = start(List.of(ServiceFixture.target("db1", dsn)));
             Connection blocker = lockFlags(db)) {

            long id = service.runs().start(RunScope.target("db1"), "alice");

            RunView pending = service.runs().get(id).run();
            assertThat(pending.status()).isIn("queued", "running");
            assertThat(pending.trigger()).isEqualTo("manual");
            assertThat(pending.requestedBy()).isEqualTo("alice");
            blocker.rollback();

            RunDetail done = awaitEnd(service, id);
            assertFinished(done);
            assertThat(done.run().itemsDone()).isEqualTo(done.run().itemsTotal()).isEqualTo(done.items().size());
            assertThat(done.items()).anySatisfy(i -> {
                assertThat(i.check()).isEqualTo("test_flags");
                assertThat(i.status()).isEqualTo("findings");
            });
            FindingPage page = service.findings().query(FindingFilter.parse("db1", "test_flags", null, null, null,
                    null, null));
            assertThat(page.findings()).singleElement().satisfies(f -> {
                assertThat(f.state()).isEqualTo("open");
                assertThat(f.labels()).containsEntry("name", "a").containsEntry("env", "test");
                assertThat(f.summary()).isEqualTo("flag a is set");
                assertThat(f.remediation()).isEqualTo("DELETE FROM public.flags WHERE name = 'a';");
            });
        }
    }

    @Test
    void aManualRunAskedForDuringAScheduledRunOfTheSameTargetIsQueuedAndRunsAfterIt() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        String db = ServiceFixture.databaseOf(dsn);
        try (DbwardenService service = start(List.of(ServiceFixture.target("db1", dsn)))) {
            long scheduled;
            long manual;
            try (Connection blocker = lockFlags(db)) {
                scheduled = service.planNow().orElseThrow();
                await("the scheduled run to start", ServiceFixture.RUN_TIMEOUT,
                        () -> service.runs().get(scheduled).run().status().equals("running"));

                manual = service.runs().start(RunScope.target("db1"), "alice");
                await("the manual run to be picked up", ServiceFixture.RUN_TIMEOUT,
                        () -> service.executing().contains(manual));

                assertThat(service.runs().get(manual).run().status()).isEqualTo("queued");
                blocker.rollback();
            }
            RunDetail first = awaitEnd(service, scheduled);
            RunDetail second = awaitEnd(service, manual);

            assertFinished(first);
            assertFinished(second);
            assertThat(second.run().startedAt().orElseThrow()).isAfter(first.run().startedAt().orElseThrow());
            assertThat(second.items()).extracting(RunItemView::check).doesNotHaveDuplicates()
                    .containsAll(first.items().stream().map(RunItemView::check).toList());
            assertThat(service.runs().list(10, Optional.empty())).extracting(RunView::id)
                    .containsExactly(manual, scheduled);
        }
    }

    @Test
    void runNowOfOneCheckEvaluatesThatCheckOnlyOnEveryTargetItAppliesTo() throws Exception {
        try (DbwardenService service = start(List.of(ServiceFixture.target("db1", ServiceFixture.flagDatabase()),
                ServiceFixture.target("db2", ServiceFixture.flagDatabase())))) {

            RunDetail run = awaitEnd(service, service.runs().start(RunScope.check("test_flags"), "alice"));

            assertFinished(run);
            assertThat(run.items()).extracting(i -> i.target() + "/" + i.check() + "/" + i.status())
                    .containsExactly("db1/test_flags/ok", "db2/test_flags/ok");
        }
    }

    @Test
    void runNowNamingAnUnknownTargetOrCheckIsRefusedAndQueuesNothing() throws Exception {
        try (DbwardenService service = start(List.of(ServiceFixture.target("db1", ServiceFixture.flagDatabase())))) {

            assertThatThrownBy(() -> service.runs().start(RunScope.target("nope"), "alice"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.reason()).isEqualTo(ServiceException.Reason.NOT_FOUND))
                    .hasMessage("no target named 'nope'");
            assertThatThrownBy(() -> service.runs().start(RunScope.check("no_such_check"), "alice"))
                    .hasMessage("no check named 'no_such_check'");
            assertThatThrownBy(() -> service.runs().start(new RunScope(Optional.of("db1"),
                    Optional.of("mysql_anonymous_accounts")), "alice"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.reason()).isEqualTo(ServiceException.Reason.INVALID));
            assertThatThrownBy(() -> service.runs().get(12345)).hasMessage("no run with id 12345");

            assertThat(service.runs().list(10, Optional.empty())).isEmpty();
        }
    }

    @Test
    void anUnreachableTargetHasErrorItemsAndAStaleLastSuccessAndTheOtherTargetIsUnaffected() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        PostgresServer.shared().executeIn(ServiceFixture.databaseOf(dsn), "INSERT INTO public.flags VALUES ('a')");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (DbwardenService service = DbwardenService.builder(ServiceFixture.config(dir,
                        List.of(ServiceFixture.target("db1", dsn),
                                ServiceFixture.target("gone", "postgresql://postgres@127.0.0.1:1/postgres")),
                        List.of(ServiceFixture.checkDirectory(dir))))
                .scheduling(false).metrics(registry).start()) {

            RunDetail run = awaitEnd(service, service.runs().start(RunScope.ALL, "alice"));
            service.refreshMetrics();

            assertFinished(run);
            assertThat(run.items()).filteredOn(i -> i.target().equals("gone")).isNotEmpty()
                    .allSatisfy(i -> {
                        assertThat(i.status()).isEqualTo("error");
                        assertThat(i.reason()).hasValueSatisfying(r -> assertThat(r).contains("could not be checked"));
                    });
            assertThat(run.items()).filteredOn(i -> i.target().equals("db1"))
                    .noneMatch(i -> i.status().equals("error") && i.reason().orElse("").contains("could not be checked"))
                    .anyMatch(i -> i.check().equals("test_flags") && i.status().equals("findings"));
            assertThat(service.inventory().get("gone").lastSuccessfulRun()).isEmpty();
            assertThat(service.inventory().get("db1").lastSuccessfulRun()).contains(run.run().startedAt().orElseThrow());
            String metrics = registry.scrape();
            assertThat(metrics).contains("dbwarden_target_last_success_timestamp_seconds{target=\"gone\"} 0.0")
                    .containsPattern("dbwarden_target_last_success_timestamp_seconds\\{target=\"db1\"} 1\\.\\d+E9");
            assertThat(service.findings().query(FindingFilter.parse("gone", null, null, null, null, null, null))
                    .findings()).isEmpty();
        }
    }

    @Test
    void aRunWhoseTaskIsExecutedAgainIsNotRunTwice() throws Exception {
        try (DbwardenService service = start(List.of(ServiceFixture.target("db1", ServiceFixture.flagDatabase())))) {
            long id = service.runs().start(RunScope.check("test_flags"), "alice");
            RunDetail done = awaitEnd(service, id);

            service.executeRun(id);

            assertThat(service.runs().get(id)).isEqualTo(done);
        }
    }
}
