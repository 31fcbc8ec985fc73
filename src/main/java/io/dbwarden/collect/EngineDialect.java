package io.dbwarden.collect;

import io.dbwarden.target.Engine;
import io.dbwarden.version.ServerVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How one engine reveals its built-in facts. Adding an engine means adding one of these. */
public interface EngineDialect {

    Engine engine();

    ServerVersion readVersion(Connection c, CollectionStats stats) throws SQLException;

    /** Server settings; numbers as numbers, sizes in bytes. */
    Map<String, Object> readVariables(Connection c, CollectionStats stats) throws SQLException;

    /** Counters and gauges; numbers as numbers. */
    Map<String, Object> readStatus(Connection c, CollectionStats stats) throws SQLException;

    /** Databases a per-database query runs in; only engines whose sessions are bound to one database need this. */
    List<String> connectableDatabases(Connection c, CollectionStats stats) throws SQLException;

    /** The database the given session is bound to. */
    String currentDatabase(Connection c) throws SQLException;

    boolean isPermissionDenied(SQLException e);

    boolean isStatementTimeout(SQLException e);

    /** How this engine's server is made the last word on check queries, on a server of {@code version}. */
    SandboxEngine sandbox(ServerVersion version, Duration statementTimeout, Duration idleInTransactionTimeout);

    static EngineDialect of(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> new PostgresDialect();
            case MYSQL -> new MysqlDialect();
            case MONGODB -> throw new UnsupportedOperationException("mongodb targets are not supported yet");
        };
    }
}
