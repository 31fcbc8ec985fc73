package io.dbwarden.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbwarden.app.ServiceConfig;
import io.dbwarden.app.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The service's state: an embedded H2 file or a PostgreSQL database, migrated by Flyway on open, used through Jdbi on
 * a HikariCP pool. Each DAO call runs in its own transaction; {@link #transaction} groups several.
 *
 * <p>Thread-safe. Close it to release the pool (and, for H2, the file).
 */
public final class Store implements AutoCloseable {

    public enum Kind { H2, POSTGRESQL }

    /** How long a caller waits for a connection while the store is briefly unavailable, before failing visibly. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** Connections kept by one node: the run executor, the API and the scheduler each need a few at a time. */
    static final int POOL_SIZE = 8;
    /**
     * H2 flushes committed transactions to the file at once instead of within its default 500 ms, so a killed
     * process loses no committed result.
     */
    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0";
    private static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Kind kind;
    private final Optional<SecretBox> box;
    private final String description;

    private Store(HikariDataSource pool, Kind kind, Optional<SecretBox> box, String description) {
        this.pool = pool;
        this.kind = kind;
        this.box = box;
        this.description = description;
        this.jdbi = Jdbi.create(pool);
        Times.register(jdbi);
    }

    /** Opens the configured store, creating and migrating it as needed. */
    public static Store open(ServiceConfig config) {
        return open(config.store(), config.secretKeyFile(), System::getenv);
    }

    /**
     * Opens a store.
     *
     * @param secretKeyFile a key that lets targets keep inline passwords, encrypted; without it they are refused
     * @param env           resolves a PostgreSQL password given as {@code env:NAME}
     */
    public static Store open(StoreLocation location, Optional<Path> secretKeyFile, Function<String, String> env) {
        Optional<SecretBox> box = secretKeyFile.map(SecretBox::fromFile);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("dbwarden-store");
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        Kind kind;
        switch (location) {
            case StoreLocation.H2File h2 -> {
                kind = Kind.H2;
                createDirectories(h2.file().getParent());
                hikari.setJdbcUrl("jdbc:h2:file:" + h2.file() + H2_SETTINGS);
                hikari.setUsername("dbwarden");
                hikari.setPassword("");
            }
            case StoreLocation.Postgres pg -> {
                kind = Kind.POSTGRESQL;
                String host = pg.host().indexOf(':') >= 0 ? "[" + pg.host() + "]" : pg.host();
                hikari.setJdbcUrl("jdbc:postgresql://" + host + ":" + pg.port() + "/" + pg.database());
                hikari.setUsername(pg.user());
                try {
                    pg.password().ifPresent(ref -> hikari.setPassword(ref.resolve(env)));
                } catch (IllegalStateException e) {
                    throw new StoreException("store password: " + e.getMessage());
                }
                pg.tls().forEach(hikari::addDataSourceProperty);
                hikari.addDataSourceProperty("ApplicationName", "dbwarden");
            }
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw unavailable(location, kind, e);
        }
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate the store " + location + ": " + Failures.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            pool.close();
            throw unavailable(location, kind, e);
        }
        return new Store(pool, kind, box, location.toString());
    }

    private static StoreException unavailable(StoreLocation location, Kind kind, RuntimeException e) {
        SQLException sql = Failures.sqlCause(e);
        if (kind == Kind.H2 && sql != null && sql.getErrorCode() == Failures.H2_DATABASE_IN_USE) {
            return new StoreException("the H2 store " + location + " is in use by another process; only one "
                    + "dbwarden serve can use an H2 file (several nodes need a PostgreSQL store)", e);
        }
        String detail = sql != null ? sql.getMessage() : e.getMessage();
        return new StoreException("cannot open the store " + location + ": " + Failures.firstLine(detail), e);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The pool, for db-scheduler, which keeps its tasks in this store's {@code scheduled_tasks} table. */
    public DataSource dataSource() {
        return pool;
    }

    public TargetDao targets() {
        return new TargetDao(Handles.pooled(jdbi), box);
    }

    public CheckSettingDao checkSettings() {
        return new CheckSettingDao(Handles.pooled(jdbi));
    }

    public RunDao runs() {
        return new RunDao(Handles.pooled(jdbi));
    }

    public FindingDao findings() {
        return new FindingDao(Handles.pooled(jdbi));
    }

    public EvaluationDao evaluations() {
        return new EvaluationDao(Handles.pooled(jdbi));
    }

    public AuditDao audit() {
        return new AuditDao(Handles.pooled(jdbi));
    }

    public ApiTokenDao tokens() {
        return new ApiTokenDao(Handles.pooled(jdbi));
    }

    public SilenceDao silences() {
        return new SilenceDao(Handles.pooled(jdbi));
    }

    /**
     * Runs {@code work} in one transaction: everything it changed is committed together when it returns, and nothing
     * is when it throws (the exception is rethrown).
     */
    public <R> R transaction(Function<StoreTransaction, R> work) {
        try {
            return jdbi.inTransaction(handle -> work.apply(new StoreTransaction(Handles.bound(handle), box)));
        } catch (JdbiException e) {
            throw Failures.of(e);
        }
    }

    /** {@link #transaction(Function)} for work that returns nothing. */
    public void useTransaction(Consumer<StoreTransaction> work) {
        transaction((Function<StoreTransaction, Void>) tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * Deletes, in one transaction, what is older than {@code olderThan} (strictly): finished runs with their items,
     * resolved findings with their history, the per-run "seen" events of the remaining findings, and silences that
     * ended. Open and disabled findings, their transitions, and unfinished runs stay.
     */
    public PruneResult prune(Instant olderThan) {
        return transaction((Function<StoreTransaction, PruneResult>) tx -> tx.prune(olderThan));
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Store[" + description + "]";
    }
}
