package io.dbwarden.checks;

import io.dbwarden.testing.MariaDbServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Real MariaDB replication on this machine: a primary with the binary log and a replication account, and
 * replicas attached to it with CHANGE MASTER TO over 127.0.0.1, each configured by its own [mysqld] options.
 */
final class MysqlReplicationTopology {

    static final String REPL_USER = "repl";
    private static final String REPL_PASSWORD = "repl-secret-7";

    private MysqlReplicationTopology() {
    }

    /** A primary (server_id 1, binary log on) with a replication account and the table app.items (id, v). */
    static MariaDbServer startPrimary() {
        return MariaDbServer.builder()
                .option("server_id", "1")
                .option("log_bin", "mysql-bin")
                .initSql("CREATE USER '" + REPL_USER + "'@'127.0.0.1' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                        "GRANT REPLICATION SLAVE ON *.* TO '" + REPL_USER + "'@'127.0.0.1'",
                        "CREATE DATABASE app",
                        "CREATE TABLE app.items (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB")
                .start();
    }

    /** Starts a replica with these [mysqld] options (server_id among them), attaches it and waits until it caught up. */
    static MariaDbServer startReplica(MariaDbServer primary, Map<String, String> options) {
        MariaDbServer.Builder builder = MariaDbServer.builder();
        options.forEach(builder::option);
        MariaDbServer replica = builder
                .initSql("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + primary.port()
                                + ", MASTER_USER = '" + REPL_USER + "', MASTER_PASSWORD = '" + REPL_PASSWORD + "',"
                                + " MASTER_CONNECT_RETRY = 1",
                        "START SLAVE")
                .start();
        try {
            awaitCaughtUp(primary, replica);
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
        return replica;
    }

    /** Waits until the replica has applied everything the primary has written to its binary log. */
    static void awaitCaughtUp(MariaDbServer primary, MariaDbServer replica) {
        String position = String.valueOf(primary.query("SELECT @@gtid_binlog_pos AS pos").get(0).get("pos"));
        Object waited = replica.query("SELECT MASTER_GTID_WAIT('" + position + "', 30) AS r").get(0).get("r");
        if (!"0".equals(String.valueOf(waited))) {
            throw new IllegalStateException("replica did not reach " + position + " within 30s: " + status(replica));
        }
    }

    /** The default connection's SHOW SLAVE STATUS row (empty map when the server does not replicate). */
    static Map<String, Object> status(MariaDbServer replica) {
        List<Map<String, Object>> rows = replica.query("SHOW SLAVE STATUS");
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /** Polls SHOW SLAVE STATUS until {@code condition} holds, failing with the last row after {@code timeout}. */
    static Map<String, Object> awaitStatus(MariaDbServer replica, Predicate<Map<String, Object>> condition,
                                           Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> row = status(replica);
        while (!condition.test(row)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replica did not reach '" + what + "' within " + timeout.toSeconds() + "s: " + row);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            row = status(replica);
        }
        return row;
    }
}
