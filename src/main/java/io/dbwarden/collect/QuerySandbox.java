package io.dbwarden.collect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one check query, written by a stranger, so that the server has the last word on what it does: in its own
 * read-only transaction that is rolled back, under the server's time limit, as one statement the server has
 * described as returning rows before it runs, with a {@link Watchdog} that cancels it on the server if it
 * outlives that limit, and with the {@link RowReader} limits on what it returns. Nothing here reads the SQL text.
 *
 * <p>When dbwarden stops waiting for a query for any reason but the server's own answer (its deadline, a result
 * over a limit while the server still streams, a session the driver gave up, an interrupted thread), the query
 * is cancelled on the server before this returns.
 */
final class QuerySandbox {

    /** How long after the statement timeout the watchdog cancels a query the server has not stopped. */
    static final Duration CANCEL_MARGIN = Duration.ofSeconds(1);

    private final SandboxEngine engine;
    private final Duration deadline;

    QuerySandbox(SandboxEngine engine, Duration statementTimeout) {
        this.engine = engine;
        this.deadline = statementTimeout.plus(CANCEL_MARGIN);
    }

    List<Map<String, Object>> rows(Connection c, String sql, CollectionStats stats) throws SQLException {
        List<Map<String, Object>> rows;
        try {
            stats.isolationRoundTrip();
            engine.begin(c);
            rows = describedAndRun(c, sql, stats);
        } catch (SQLException e) {
            endAfter(c, stats, e);
            throw engine.translate(e);
        } catch (RuntimeException e) {
            endAfter(c, stats, e);
            throw e;
        }
        end(c, stats);
        return rows;
    }

    private List<Map<String, Object>> describedAndRun(Connection c, String sql, CollectionStats stats)
            throws SQLException {
        try (PreparedStatement ps = engine.prepare(c, sql)) {
            stats.isolationRoundTrip();
            ResultSetMetaData described = ps.getMetaData();
            if (described == null || described.getColumnCount() == 0) {
                throw new QueryRefusedException("the server describes it as returning no rows, so it is not a query"
                        + " (COPY, SELECT … INTO, SET, DO, CALL and other commands are refused)");
            }
            ps.setMaxRows(RowReader.MAX_ROWS + 1);
            ps.setFetchSize(engine.fetchSize());
            stats.statementSent();
            Watchdog.Cancel cancel = engine.canceller(c);
            try (Watchdog.Armed watchdog = Watchdog.arm(deadline, cancel)) {
                try {
                    return run(c, ps, cancel);
                } catch (SQLException e) {
                    watchdog.close();
                    if (watchdog.fired()) {
                        throw new SQLTimeoutException("cancelled by dbwarden at its deadline", e.getSQLState(), e);
                    }
                    throw e;
                }
            }
        }
    }

    private List<Map<String, Object>> run(Connection c, PreparedStatement ps, Watchdog.Cancel cancel)
            throws SQLException {
        ResultSet rs;
        try {
            rs = ps.executeQuery();
        } catch (SQLException | RuntimeException e) {
            cancelIfAbandoned(c, cancel, e);
            throw e;
        }
        try {
            return RowReader.read(rs);
        } catch (ResultLimitException e) {
            if (engine.fetchSize() > 0) {
                // the server is still sending: stop it rather than read the rest to close the result
                cancel(cancel, e);
            }
            throw e;
        } catch (SQLException | RuntimeException e) {
            cancelIfAbandoned(c, cancel, e);
            throw e;
        } finally {
            try {
                rs.close();
            } catch (SQLException ignored) {
                // a cancelled stream ends with the server's error; the failure that matters is already thrown
            }
        }
    }

    /** After a failure that was not the server's answer, the query may still run there: cancel it. */
    private static void cancelIfAbandoned(Connection c, Watchdog.Cancel cancel, Exception failure)
            throws SQLException {
        if (Thread.currentThread().isInterrupted() || c.isClosed()) {
            cancel(cancel, failure);
        }
    }

    private static void cancel(Watchdog.Cancel cancel, Exception failure) {
        // an interrupted thread cannot open the cancel's own connection; clear the flag for that and restore it
        boolean interrupted = Thread.interrupted();
        try {
            cancel.run();
        } catch (Exception e) {
            failure.addSuppressed(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void endAfter(Connection c, CollectionStats stats, Exception failure) {
        try {
            end(c, stats);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void end(Connection c, CollectionStats stats) throws SQLException {
        if (!c.isClosed()) {
            stats.isolationRoundTrip();
            engine.end(c);
        }
    }
}
