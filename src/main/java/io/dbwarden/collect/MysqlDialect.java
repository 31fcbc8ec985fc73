package io.dbwarden.collect;

import io.dbwarden.target.Engine;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MySQL, MariaDB and Percona Server facts from SHOW GLOBAL VARIABLES / STATUS. */
final class MysqlDialect implements EngineDialect {

    /** Access denied for a table, a column, a database, or a privilege such as PROCESS. */
    private static final Set<Integer> PERMISSION_ERRORS = Set.of(1142, 1143, 1044, 1227, 1370);
    /** MariaDB max_statement_time and MySQL max_execution_time interruptions. */
    private static final Set<Integer> TIMEOUT_ERRORS = Set.of(1969, 3024);

    @Override
    public Engine engine() {
        return Engine.MYSQL;
    }

    @Override
    public ServerVersion readVersion(Connection c, CollectionStats stats) throws SQLException {
        Map<String, Object> row = Sql.rows(c, "SELECT @@version AS version, @@version_comment AS comment", stats).get(0);
        String version = String.valueOf(row.get("version"));
        String comment = String.valueOf(row.get("comment"));
        Flavor flavor = version.contains("MariaDB") ? Flavor.MARIADB
                : comment.contains("Percona") ? Flavor.PERCONA : Flavor.MYSQL;
        return ServerVersion.parse(version, flavor);
    }

    @Override
    public Map<String, Object> readVariables(Connection c, CollectionStats stats) throws SQLException {
        return Sql.nameValues(c, "SHOW GLOBAL VARIABLES", stats, TextValues::typed);
    }

    @Override
    public Map<String, Object> readStatus(Connection c, CollectionStats stats) throws SQLException {
        return Sql.nameValues(c, "SHOW GLOBAL STATUS", stats, TextValues::typed);
    }

    @Override
    public List<String> connectableDatabases(Connection c, CollectionStats stats) {
        throw new UnsupportedOperationException("mysql sessions see every database; all_databases is for postgresql");
    }

    @Override
    public String currentDatabase(Connection c) throws SQLException {
        return c.getCatalog();
    }

    @Override
    public boolean isPermissionDenied(SQLException e) {
        return PERMISSION_ERRORS.contains(e.getErrorCode());
    }

    @Override
    public boolean isStatementTimeout(SQLException e) {
        return TIMEOUT_ERRORS.contains(e.getErrorCode());
    }

    @Override
    public SandboxEngine sandbox(ServerVersion version, Duration statementTimeout, Duration idleInTransactionTimeout) {
        // a session holds no transaction open between queries here: autocommit stays on
        return new MysqlSandbox(version.flavor() == Flavor.MARIADB, statementTimeout);
    }
}
