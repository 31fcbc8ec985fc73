package io.dbwarden.collect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers that count every statement they send. */
final class Sql {

    private Sql() {}

    static List<Map<String, Object>> rows(Connection c, String sql, CollectionStats stats) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setMaxRows(RowReader.MAX_ROWS + 1);
            stats.statementSent();
            try (ResultSet rs = st.executeQuery(sql)) {
                return RowReader.read(rs);
            } catch (RowReader.TooManyRowsException e) {
                throw new SQLException(e.getMessage(), "54000", e);
            }
        }
    }

    /** Reads two-column name/value output into a map, converting values with {@code converter}. */
    static Map<String, Object> nameValues(Connection c, String sql, CollectionStats stats,
                                          java.util.function.Function<String, Object> converter) throws SQLException {
        Map<String, Object> out = new java.util.TreeMap<>();
        try (Statement st = c.createStatement()) {
            stats.statementSent();
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), converter.apply(rs.getString(2)));
                }
            }
        }
        return out;
    }
}
