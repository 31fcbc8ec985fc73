package io.dbwarden.collect;

import io.dbwarden.cel.CelValues;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns result sets into typed rows once, at collection, so nothing later deals with JDBC. */
final class RowReader {

    /** A query that returns more rows than this fails instead of feeding a rule unbounded input. */
    static final int MAX_ROWS = 10_000;

    private RowReader() {}

    static List<Map<String, Object>> read(ResultSet rs) throws SQLException, TooManyRowsException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        String[] names = new String[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = meta.getColumnLabel(i + 1);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            if (rows.size() == MAX_ROWS) {
                throw new TooManyRowsException();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns; i++) {
                row.put(names[i], value(rs, i + 1, meta.getColumnType(i + 1)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(ResultSet rs, int column, int type) throws SQLException {
        Object raw = switch (type) {
            case Types.BIT, Types.BOOLEAN -> {
                Object o = rs.getObject(column);
                yield o instanceof byte[] bytes ? (Object) (bytes.length > 0 && bytes[0] != 0) : o;
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE, Types.TIME -> {
                String s = rs.getString(column);
                yield s;
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rs.getBytes(column);
                yield bytes == null ? null : printableOrHex(bytes);
            }
            case Types.ARRAY -> {
                Array array = rs.getArray(column);
                yield array == null ? null : Arrays.asList((Object[]) array.getArray());
            }
            case Types.OTHER, Types.SQLXML, Types.STRUCT -> rs.getString(column);
            default -> rs.getObject(column);
        };
        return CelValues.toCel(raw);
    }

    /** MySQL reports text columns of system tables as binary; keep readable text readable. */
    private static String printableOrHex(byte[] bytes) {
        for (byte b : bytes) {
            if ((b & 0xff) < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
                return HexFormat.of().formatHex(bytes);
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static final class TooManyRowsException extends Exception {
        TooManyRowsException() {
            super("returned more than " + MAX_ROWS + " rows");
        }
    }
}
