package io.dbwarden.collect;

import io.dbwarden.cel.CelValues;
import io.dbwarden.target.Engine;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** PostgreSQL facts: pg_settings with units resolved, cumulative statistics as status. */
final class PostgresDialect implements EngineDialect {

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public ServerVersion readVersion(Connection c, CollectionStats stats) throws SQLException {
        List<Map<String, Object>> rows = Sql.rows(c,
                "SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS full", stats);
        long num = (Long) rows.get(0).get("num");
        String full = (String) rows.get(0).get("full");
        return new ServerVersion(major(num), minor(num), patch(num), Flavor.POSTGRESQL, full);
    }

    /** server_version_num is MMmmpp before PostgreSQL 10 (90624 = 9.6.24) and MM00mm from 10 on (150020 = 15.20). */
    static int major(long num) {
        return (int) (num / 10000);
    }

    static int minor(long num) {
        return (int) (num < 100_000 ? num / 100 % 100 : num % 10000);
    }

    static int patch(long num) {
        return (int) (num < 100_000 ? num % 100 : 0);
    }

    @Override
    public Map<String, Object> readVariables(Connection c, CollectionStats stats) throws SQLException {
        return Sql.inTransaction(c, stats, () -> {
            Map<String, Object> out = new TreeMap<>();
            try (Statement st = c.createStatement()) {
                stats.statementSent();
                try (ResultSet rs = st.executeQuery("SELECT name, setting, unit, vartype FROM pg_settings")) {
                    while (rs.next()) {
                        out.put(rs.getString(1), setting(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** Booleans become bool, sizes bytes, durations milliseconds; -1 and other negatives keep their meaning. */
    static Object setting(String value, String unit, String type) {
        if (value == null) {
            return CelValues.toCel(null);
        }
        switch (type) {
            case "bool":
                return value.equals("on");
            case "integer":
            case "real": {
                double number;
                try {
                    number = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return value;
                }
                double factor = number < 0 || unit == null ? 1 : unitFactor(unit);
                double scaled = number * factor;
                if (type.equals("integer") || scaled == Math.rint(scaled) && unit != null && factor != 1) {
                    return (long) scaled;
                }
                return scaled;
            }
            default:
                return value;
        }
    }

    private static double unitFactor(String unit) {
        return switch (unit) {
            case "B" -> 1;
            case "kB" -> 1024;
            case "8kB" -> 8192;
            case "16kB" -> 16384;
            case "32kB" -> 32768;
            case "64kB" -> 65536;
            case "MB" -> 1024 * 1024;
            case "16MB" -> 16 * 1024 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            case "ms" -> 1;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 1;
        };
    }

    @Override
    public Map<String, Object> readStatus(Connection c, CollectionStats stats) throws SQLException {
        Map<String, Object> out = new TreeMap<>();
        List<Map<String, Object>> db = Sql.rows(c, """
                SELECT sum(numbackends) AS numbackends, sum(xact_commit) AS xact_commit,
                       sum(xact_rollback) AS xact_rollback, sum(blks_read) AS blks_read, sum(blks_hit) AS blks_hit,
                       sum(tup_returned) AS tup_returned, sum(tup_fetched) AS tup_fetched,
                       sum(temp_files) AS temp_files, sum(temp_bytes) AS temp_bytes, sum(deadlocks) AS deadlocks
                FROM pg_stat_database""", stats);
        out.putAll(db.get(0));
        List<Map<String, Object>> bgwriter = Sql.rows(c, "SELECT * FROM pg_stat_bgwriter", stats);
        bgwriter.get(0).forEach((k, v) -> {
            if (!(v instanceof String)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public List<String> connectableDatabases(Connection c, CollectionStats stats) throws SQLException {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> row : Sql.rows(c, """
                SELECT datname FROM pg_database
                WHERE datallowconn AND NOT datistemplate AND has_database_privilege(datname, 'CONNECT')
                ORDER BY datname""", stats)) {
            names.add((String) row.get("datname"));
        }
        return names;
    }

    @Override
    public String currentDatabase(Connection c) throws SQLException {
        return c.getCatalog();
    }

    @Override
    public boolean isPermissionDenied(SQLException e) {
        return "42501".equals(e.getSQLState());
    }

    @Override
    public boolean isStatementTimeout(SQLException e) {
        return "57014".equals(e.getSQLState());
    }

    @Override
    public SandboxEngine sandbox(ServerVersion version, Duration statementTimeout, Duration idleInTransactionTimeout) {
        return new PostgresSandbox(statementTimeout, idleInTransactionTimeout);
    }
}
