package io.dbwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.app.SecretRef;
import io.dbwarden.app.StoreLocation;
import io.dbwarden.testing.PostgresServer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on PostgreSQL 15: a fresh database of the test harness' shared private server. */
class PostgresStoreTest extends StoreContractTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static String database;

    @BeforeAll
    static void createDatabase() {
        database = "store_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        PostgresServer.shared().execute("CREATE DATABASE " + database);
    }

    @Override
    StoreLocation location() {
        PostgresServer pg = PostgresServer.shared();
        return new StoreLocation.Postgres(pg.host(), pg.port(), database, pg.superuser(), Optional.empty(),
                Map.of("sslmode", "disable"));
    }

    @Test
    void aPostgresqlStoreTakesItsPasswordFromTheReferencedVariable() {
        try (PostgresServer pg = PostgresServer.builder()
                .hbaLine("host all dbwarden 127.0.0.1/32 scram-sha-256")
                .initSql("CREATE ROLE dbwarden LOGIN PASSWORD 'st0re-pw'", "CREATE DATABASE dbwarden OWNER dbwarden")
                .start()) {
            StoreLocation location = new StoreLocation.Postgres(pg.host(), pg.port(), "dbwarden", "dbwarden",
                    Optional.of(SecretRef.parse("env:STORE_PW")), Map.of());

            try (Store store = Store.open(location, Optional.empty(), Map.of("STORE_PW", "st0re-pw")::get)) {
                assertThat(store.kind()).isEqualTo(Store.Kind.POSTGRESQL);
                assertThat(store.targets().list()).isEmpty();
            }
            assertThatThrownBy(() -> Store.open(location, Optional.empty(), Map.<String, String>of()::get))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("store password: secret env:STORE_PW: environment variable STORE_PW is not set");
            assertThatThrownBy(() -> Store.open(location, Optional.empty(), Map.of("STORE_PW", "wr0ng-pw")::get))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot open the store postgresql://dbwarden@127.0.0.1:" + pg.port()
                            + "/dbwarden?password=env:STORE_PW: ")
                    .hasMessageNotContaining("wr0ng-pw");
        }
    }

    @Test
    void anUnreachableStoreIsAClearErrorAfterTheConnectionTimeout() {
        StoreLocation nowhere = new StoreLocation.Postgres("127.0.0.1", 1, "dbwarden", "dbwarden", Optional.empty(), Map.of());
        assertThatThrownBy(() -> Store.open(nowhere, Optional.empty(), name -> null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the store postgresql://dbwarden@127.0.0.1:1/dbwarden: ");
    }
}
