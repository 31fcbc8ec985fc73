package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.assertFinished;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunNowTest {

    @TempDir
    Path dir;

    @Test
    void runNowAnswersAtOnceWithAnIdAndTheRunCompletesInTheBackground() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        String db = ServiceFixture.databaseOf(dsn);
        PostgresServer.shared().executeIn(db, "INSERT INTO public.flags VALUES ('a')");
        try (DbwardenService service = DbwardenService.builder(ServiceFixture.config(dir,
                List.of(ServiceFixture.target("db1", dsn)), List.of(ServiceFixture.checkDirectory(dir))))
                .scheduling(false).start();
             Connection blocker = PostgresServer.shared().connect(db)) {
            // the flag check's query waits for this lock: the run cannot end before the test lets it
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE public.flags IN ACCESS EXCLUSIVE MODE");
            }

            long id = service.runs().start(RunScope.target("db1"), "alice");

            RunView queued = service.runs().get(id).run();
            assertThat(queued.status()).isIn("queued", "running");
            assertThat(queued.trigger()).isEqualTo("manual");
            assertThat(queued.requestedBy()).isEqualTo("alice");
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
            });
        }
    }
}
