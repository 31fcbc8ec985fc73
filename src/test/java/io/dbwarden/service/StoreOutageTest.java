package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.assertFinished;
import static io.dbwarden.service.ServiceFixture.await;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.app.StoreLocation;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL store that goes away for a while: the run waits for it and loses nothing; readiness follows it. */
class StoreOutageTest {

    @TempDir
    Path dir;

    @Test
    void whileTheStoreIsDownARunWaitsToRecordItsResultsAndRecordsThemWhenItIsBack() throws Exception {
        String dsn = ServiceFixture.flagDatabase();
        String db = ServiceFixture.databaseOf(dsn);
        PostgresServer.shared().executeIn(db, "INSERT INTO public.flags VALUES ('a')");
        try (PostgresServer storeServer = PostgresServer.builder().initSql("CREATE DATABASE dbwarden").start()) {
            StoreLocation store = new StoreLocation.Postgres(storeServer.host(), storeServer.port(), "dbwarden",
                    storeServer.superuser(), Optional.empty(), Map.of("sslmode", "disable"));
            try (DbwardenService service = DbwardenService.builder(ServiceFixture.config(dir, store,
                            List.of(ServiceFixture.target("db1", dsn)), List.of(ServiceFixture.checkDirectory(dir))))
                    .scheduling(false).start();
                 Connection blocker = PostgresServer.shared().connect(db)) {
                blocker.setAutoCommit(false);
                try (Statement s = blocker.createStatement()) {
                    s.execute("LOCK TABLE public.flags IN ACCESS EXCLUSIVE MODE");
                }
                long id = service.runs().start(RunScope.target("db1"), "alice");
                await("the run to start", ServiceFixture.RUN_TIMEOUT,
                        () -> service.runs().get(id).run().status().equals("running"));

                storeServer.stopServer();
                blocker.rollback();
                await("readiness to see the store down", DbwardenService.HEALTH_PERIOD.multipliedBy(4),
                        () -> !service.ready());
                storeServer.startAgain();

                RunDetail run = awaitEnd(service, id);
                assertFinished(run);
                assertThat(run.items()).anySatisfy(i -> {
                    assertThat(i.check()).isEqualTo("test_flags");
                    assertThat(i.status()).isEqualTo("findings");
                });
                assertThat(service.findings().query(FindingFilter.parse("db1", "test_flags", null, null, null, null,
                        null)).findings()).singleElement().satisfies(f -> assertThat(f.state()).isEqualTo("open"));
                await("readiness to see the store back", DbwardenService.HEALTH_PERIOD.multipliedBy(4),
                        service::ready);
            }
        }
    }

}
