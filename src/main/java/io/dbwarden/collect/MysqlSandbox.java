package io.dbwarden.collect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.mariadb.jdbc.ServerPreparedStatement;

/**
 * MySQL and MariaDB: each query in its own {@code START TRANSACTION READ ONLY} … {@code ROLLBACK}, prepared on the
 * server (one statement, and the server says before it runs whether it returns rows, which
 * {@code SELECT … INTO OUTFILE}, {@code INTO DUMPFILE} and {@code INTO @var} do not), and on MariaDB with
 * {@code SET STATEMENT max_statement_time} for that statement alone. MySQL has no such prefix; its session's
 * {@code max_execution_time} and the {@link Watchdog} bound the query there.
 */
final class MysqlSandbox implements SandboxEngine {

    /** Streaming one row at a time costs no round trips (the server pushes the rows) and holds one row at most. */
    private static final int STREAMING_ROWS = 1;

    private final String timeLimitPrefix;

    MysqlSandbox(boolean mariaDb, Duration statementTimeout) {
        this.timeLimitPrefix = mariaDb
                ? "SET STATEMENT max_statement_time = "
                        + BigDecimal.valueOf(statementTimeout.toMillis(), 3).toPlainString() + " FOR "
                : "";
    }

    @Override
    public void begin(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("START TRANSACTION READ ONLY");
        }
    }

    @Override
    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(timeLimitPrefix + sql);
        if (!(ps instanceof ServerPreparedStatement)) {
            // Connector/J prepares on the client a text that begins with its /*client prepare*/ marker
            ps.close();
            throw new QueryRefusedException("the driver would not prepare it on the server");
        }
        ps.setEscapeProcessing(false);
        return ps;
    }

    @Override
    public int fetchSize() {
        return STREAMING_ROWS;
    }

    @Override
    public void end(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ROLLBACK");
        }
    }

    @Override
    public Watchdog.Cancel canceller(Connection c) throws SQLException {
        // KILL QUERY <this session's id>, sent by Connector/J over a connection of its own
        org.mariadb.jdbc.Connection session = c.unwrap(org.mariadb.jdbc.Connection.class);
        return session::cancelCurrentQuery;
    }
}
