package io.dbwarden.target;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens read-only, time-limited sessions to targets.
 *
 * <p>Every session refuses writes (server-side read-only transactions), has a server-side statement timeout, a
 * socket timeout somewhat above it, and reports itself as "dbwarden" to the server. PostgreSQL sessions have
 * autocommit off, so each statement runs in a {@code BEGIN READ ONLY} transaction the caller rolls back, and resolve
 * names with {@code search_path = pg_catalog, pg_temp}; MySQL and MariaDB sessions keep autocommit on and run one
 * statement per call. Sessions are not pooled: the caller closes them.
 */
public final class TargetConnector {

    /**
     * The most bytes of one result a session holds in memory. pgjdbc stops reading a larger result before holding
     * it (and drops the session); the collector counts MySQL and MariaDB results, which the driver streams, as it
     * reads them. 16 MiB is hundreds of times what the largest built-in check reads from a busy server.
     */
    public static final long MAX_RESULT_BYTES = 16L * 1024 * 1024;

    /** PostgreSQL's {@code search_path} in every session: the system catalog first, temporary objects last. */
    public static final String POSTGRES_SEARCH_PATH = PostgresSessions.SEARCH_PATH;

    private final ConnectOptions options;
    private final LocalEnvironment local;

    public TargetConnector(ConnectOptions options) {
        this(options, LocalEnvironment.system());
    }

    /** Tests choose the environment variables, operating-system user and files that DSNs are completed from. */
    TargetConnector(ConnectOptions options, LocalEnvironment local) {
        this.options = Objects.requireNonNull(options, "options");
        this.local = Objects.requireNonNull(local, "local");
    }

    public TargetConnector() {
        this(ConnectOptions.defaults());
    }

    public ConnectOptions options() {
        return options;
    }

    /** How long a session may sit idle inside a transaction before the server ends it. */
    public Duration idleInTransactionTimeout() {
        return options.socketTimeout();
    }

    /** A session to the target's own database. */
    public Connection open(Target target) throws TargetConnectException {
        Objects.requireNonNull(target, "target");
        return open(target, target.dsn());
    }

    /** A session to another database on the same server, e.g. for PostgreSQL's per-database catalogs. */
    public Connection open(Target target, String database) throws TargetConnectException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(database, "database");
        return open(target, target.dsn().withDatabase(database));
    }

    private Connection open(Target target, Dsn dsn) throws TargetConnectException {
        SessionOpener opener = switch (dsn.engine()) {
            case POSTGRESQL -> new PostgresSessions();
            case MYSQL -> new MariaDbSessions();
            case MONGODB -> throw new TargetConnectException(target.name(), TargetConnectException.Reason.OTHER,
                    "MongoDB targets have no SQL session", null);
        };
        ResolvedDsn resolved;
        try {
            resolved = ResolvedDsn.of(dsn, local);
        } catch (DsnResolutionException e) {
            throw new TargetConnectException(target.name(), e.reason(), e.getMessage(), null);
        }
        try {
            return opener.open(resolved, options);
        } catch (SQLException | IOException | GeneralSecurityException | RuntimeException e) {
            throw ConnectFailures.classify(e, target.name(), resolved, options);
        }
    }
}
