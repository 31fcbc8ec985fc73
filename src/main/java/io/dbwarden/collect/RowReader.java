package io.dbwarden.collect;

import io.dbwarden.cel.CelValues;
import io.dbwarden.target.TargetConnector;
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

/**
 * Turns result sets into typed rows once, at collection, so nothing later deals with JDBC. A result over one of
 * the limits below fails its query with the limit named, and the reader stops there: drivers that stream (MySQL,
 * MariaDB) hold one row at a time, and pgjdbc refuses a result over {@link #MAX_RESULT_BYTES} before holding it.
 */
final class RowReader {

    /** A query that returns more rows than this fails instead of feeding a rule unbounded input. */
    static final int MAX_ROWS = 10_000;

    /**
     * The longest value one column of one row may hold, counted as UTF-8 (a list counts its elements). Settings,
     * names and statement texts are far shorter; a longer value is an attempt to exhaust memory, not a fact.
     */
    static final long MAX_VALUE_BYTES = 1024 * 1024;

    /** The most bytes of values one result may hold; the same figure at which pgjdbc stops reading. */
    static final long MAX_RESULT_BYTES = TargetConnector.MAX_RESULT_BYTES;

    /** What a number, a boolean or a null is counted as. */
    private static final int SCALAR_BYTES = 8;

    private RowReader() {}

    static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        String[] names = new String[columns];
        int[] types = new int[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = meta.getColumnLabel(i + 1);
            types[i] = meta.getColumnType(i + 1);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long resultBytes = 0;
        while (rs.next()) {
            if (rows.size() == MAX_ROWS) {
                throw ResultLimitException.rows(MAX_ROWS);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns; i++) {
                Object value = value(rs, i + 1, types[i]);
                long bytes = bytes(value);
                if (bytes > MAX_VALUE_BYTES) {
                    throw ResultLimitException.valueBytes(MAX_VALUE_BYTES, names[i]);
                }
                resultBytes += bytes;
                if (resultBytes > MAX_RESULT_BYTES) {
                    throw ResultLimitException.resultBytes(MAX_RESULT_BYTES);
                }
                row.put(names[i], value);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The size a value is counted as: strings as UTF-8, lists and maps as the sum of what they hold. */
    static long bytes(Object value) {
        if (value instanceof String s) {
            return utf8Length(s);
        }
        if (value instanceof List<?> list) {
            long sum = 0;
            for (Object element : list) {
                sum += bytes(element);
            }
            return sum;
        }
        if (value instanceof Map<?, ?> map) {
            long sum = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sum += bytes(e.getKey()) + bytes(e.getValue());
            }
            return sum;
        }
        return SCALAR_BYTES;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // a surrogate pair is two chars and four bytes
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
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
}
