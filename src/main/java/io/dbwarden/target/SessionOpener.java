package io.dbwarden.target;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;

/** Opens a read-only, time-limited JDBC session for one engine. Failures are classified by the caller. */
interface SessionOpener {

    /** setNetworkTimeout wants an executor for its bookkeeping; nothing slow runs there. */
    Executor DIRECT = Runnable::run;

    Connection open(ResolvedDsn dsn, ConnectOptions options) throws SQLException, IOException, GeneralSecurityException;

    static int ceilSeconds(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** Closes a half-configured connection, keeping the original failure as the one reported. */
    static void closeQuietly(Connection connection, Throwable failure) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
