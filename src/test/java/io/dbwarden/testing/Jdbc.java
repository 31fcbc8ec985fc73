package io.dbwarden.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JDBC helpers shared by the server classes (package-private). */
final class Jdbc {
    private Jdbc() {
    }

    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    static void execute(ConnectionSource source, String where, String... statements) {
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw failure(where, sql, e);
                }
            }
        } catch (SQLException e) {
            throw failure(where, null, e);
        }
    }

    static List<Map<String, Object>> query(ConnectionSource source, String where, String sql) {
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
            try {
                if (!statement.execute(sql)) {
                    return List.of();
                }
                try (ResultSet rs = statement.getResultSet()) {
                    return rows(rs);
                }
            } catch (SQLException e) {
                throw failure(where, sql, e);
            }
        } catch (SQLException e) {
            throw failure(where, null, e);
        }
    }

    static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= columns; i++) {
                row.put(meta.getColumnLabel(i), rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static IllegalStateException failure(String where, String sql, SQLException e) {
        String message = (sql == null ? "cannot connect to " + where : "statement failed on " + where + ": " + sql)
                + " -> " + e.getMessage() + " [SQLState " + e.getSQLState() + "]";
        return new IllegalStateException(message, e);
    }
}
