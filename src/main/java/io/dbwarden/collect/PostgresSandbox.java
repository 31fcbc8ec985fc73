package io.dbwarden.collect;

import io.dbwarden.target.TargetConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.CachedQuery;
import org.postgresql.core.QueryExecutor;

/**
 * PostgreSQL: pgjdbc begins each transaction with {@code BEGIN READ ONLY} (the session has autocommit off and is
 * read-only) and the first statement sets the limits with {@code SET LOCAL}; the rollback at the end undoes any
 * setting the query changed, even with {@code set_config(..., false)}.
 *
 * <p>pgjdbc splits a text at the semicolons it sees and sends the parts as several statements, so a text it would
 * split is refused here; a text it sends whole goes in one Parse message, which the server refuses if it holds more
 * than one statement. pgjdbc's internal API is the only place that says how it will split a text.
 */
final class PostgresSandbox implements SandboxEngine {

    /** Words of pgjdbc's error when a result passes maxResultBuffer; the property name is never translated. */
    private static final String RESULT_BUFFER_ERROR = "maxResultBuffer";

    private final String limits;

    PostgresSandbox(Duration statementTimeout, Duration idleInTransactionTimeout) {
        long statementMillis = statementTimeout.toMillis();
        this.limits = "SET LOCAL statement_timeout = " + statementMillis
                + "; SET LOCAL lock_timeout = " + statementMillis
                + "; SET LOCAL idle_in_transaction_session_timeout = " + idleInTransactionTimeout.toMillis()
                + "; SET LOCAL search_path = " + TargetConnector.POSTGRES_SEARCH_PATH;
    }

    @Override
    public void begin(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(limits);
        }
    }

    @Override
    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        // the same parse prepareStatement does (JDBC escapes processed, '?' read as a parameter)
        CachedQuery parsed = c.unwrap(BaseConnection.class).createQuery(sql, true, true);
        if (parsed.query.getSubqueries() != null) {
            throw new QueryRefusedException("it holds more than one statement");
        }
        if (parsed.query.createParameterList().getParameterCount() > 0) {
            throw new QueryRefusedException("it has a '?' outside quotes, which the driver takes for a parameter"
                    + " (write '??' for the jsonb operator)");
        }
        return c.prepareStatement(sql);
    }

    @Override
    public int fetchSize() {
        // one Execute message: the server's statement timeout covers the whole query (a cursor's later fetches
        // would each start the timer again, with whatever value the query set)
        return 0;
    }

    @Override
    public void end(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // advisory locks taken with pg_advisory_lock() belong to the session and survive the rollback
            st.execute("ROLLBACK; SELECT pg_catalog.pg_advisory_unlock_all()");
        }
    }

    @Override
    public Watchdog.Cancel canceller(Connection c) throws SQLException {
        // a cancel request on its own connection, with the key the server gave this session; unlike
        // Statement.cancel() it also works once pgjdbc has closed a session it could no longer read
        QueryExecutor session = c.unwrap(BaseConnection.class).getQueryExecutor();
        return session::sendQueryCancel;
    }

    @Override
    public SQLException translate(SQLException e) {
        String message = e.getMessage();
        if (message != null && message.contains(RESULT_BUFFER_ERROR)) {
            ResultLimitException limit = ResultLimitException.resultBytes(RowReader.MAX_RESULT_BYTES);
            limit.initCause(e);
            return limit;
        }
        return e;
    }
}
