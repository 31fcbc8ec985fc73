package io.dbwarden.collect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * JDBC helpers for the SQL written in this code base (versions, settings, counters, database lists), which counts
 * every statement it sends. Check queries, written by strangers, go through {@link QuerySandbox} instead.
 *
 * <p>On a session with autocommit off (PostgreSQL), each call's read-only transaction is rolled back before it
 * returns, so no transaction is left open between calls.
 */
final class Sql {

    private Sql() {}

    static List<Map<String, Object>> rows(Connection c, String sql, CollectionStats stats) throws SQLException {
        return inTransaction(c, stats, () -> {
            try (Statement st = c.createStatement()) {
                st.setMaxRows(RowReader.MAX_ROWS + 1);
                stats.statementSent();
                try (ResultSet rs = st.executeQuery(sql)) {
                    return RowReader.read(rs);
                }
            }
        });
    }

    /** Reads two-column name/value output into a map, converting values with {@code converter}. */
    static Map<String, Object> nameValues(Connection c, String sql, CollectionStats stats,
                                          Function<String, Object> converter) throws SQLException {
        return inTransaction(c, stats, () -> {
            Map<String, Object> out = new TreeMap<>();
            try (Statement st = c.createStatement()) {
                stats.statementSent();
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        out.put(rs.getString(1), converter.apply(rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work}, then ends the transaction it opened; a failure of the work wins over one of the rollback. */
    static <T> T inTransaction(Connection c, CollectionStats stats, Work<T> work) throws SQLException {
        T result;
        try {
            result = work.run();
        } catch (SQLException | RuntimeException e) {
            try {
                endTransaction(c, stats);
            } catch (SQLException | RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        endTransaction(c, stats);
        return result;
    }

    /** Rolls back the transaction a statement opened, if the session opens them; a lost session is left alone. */
    static void endTransaction(Connection c, CollectionStats stats) throws SQLException {
        if (!c.isClosed() && !c.getAutoCommit()) {
            stats.isolationRoundTrip();
            c.rollback();
        }
    }
}
