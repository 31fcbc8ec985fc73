package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers shared by the session tests. */
final class SessionAssertions {

    private SessionAssertions() {
    }

    static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }

    /** Every message and string form in the cause chain, so tests can check none holds a password. */
    static String everythingShown(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            out.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                out.append(suppressed).append('\n');
            }
        }
        return out.toString();
    }
}
