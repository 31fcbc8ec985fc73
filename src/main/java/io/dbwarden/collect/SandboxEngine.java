package io.dbwarden.collect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How one engine's server is made the last word on a check query: what it may write, how long it may run, and
 * that it is one statement. {@link QuerySandbox} runs the steps in order; each engine says how.
 */
interface SandboxEngine {

    /** Opens the query's own read-only transaction, with the session's limits set again for it alone. */
    void begin(Connection c) throws SQLException;

    /**
     * Prepares {@code sql} so that it reaches the server as one statement, refusing with a
     * {@link QueryRefusedException} what the driver would send as several. Nothing runs yet.
     */
    PreparedStatement prepare(Connection c, String sql) throws SQLException;

    /** Rows the driver may hold at once, or 0 for the whole result (when the driver bounds it in bytes itself). */
    int fetchSize();

    /** Ends the query's transaction, undoing what it did to the session. */
    void end(Connection c) throws SQLException;

    /**
     * How to cancel what the session runs, from outside it. Taken while the session is open, it also works once
     * the driver has given the session up (pgjdbc no longer unwraps a closed connection).
     */
    Watchdog.Cancel canceller(Connection c) throws SQLException;

    /** The driver's own words for a broken limit, as the collector's; other failures as they are. */
    default SQLException translate(SQLException e) {
        return e;
    }
}
