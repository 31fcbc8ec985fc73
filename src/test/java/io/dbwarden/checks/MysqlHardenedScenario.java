package io.dbwarden.checks;

import io.dbwarden.testing.MariaDbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The healthy MariaDB of the MySQL security and durability check tests: a default install hardened the way
 * mysql_secure_installation and a careful DBA leave it, checked through a least-privilege monitoring account.
 *
 * <ul>
 *   <li>root only at localhost, authenticated by unix_socket OR a password; the other default root accounts
 *       (127.0.0.1, ::1, this machine's host name) dropped;</li>
 *   <li>a monitoring user {@code dbwarden@localhost} with a password and SELECT ON mysql.*, PROCESS,
 *       REPLICATION CLIENT, used by dbwarden through a DSN with an inline password;</li>
 *   <li>TLS with a throwaway self-signed certificate and {@code require_secure_transport = ON} (set at the very end,
 *       since the harness itself connects without TLS), local_infile OFF;</li>
 *   <li>binary log on with sync_binlog = 1 and innodb_flush_log_at_trx_commit = 1, default max_connections.</li>
 * </ul>
 *
 * <p>One instance per JVM, shared by the test classes that need it; it is read-only once hardened (root has a
 * password, and plain connections are refused), so nothing may reconfigure it. The harness stops it at JVM exit.
 */
final class MysqlHardenedScenario {

    static final String MONITOR_USER = "dbwarden";
    static final String MONITOR_PASSWORD = "Warden-Monitor-7xQ";
    private static final String ROOT_PASSWORD = "Root-Admin-3vK";

    private static MariaDbServer server;

    private MysqlHardenedScenario() {
    }

    /** The hardened server, started (and hardened) on first use. */
    static synchronized MariaDbServer server() {
        if (server == null || !server.isRunning()) {
            server = start();
        }
        return server;
    }

    /** {@code mysql://dbwarden:…@127.0.0.1:PORT/}: the monitoring account, over TCP (so over TLS). */
    static String monitorDsn() {
        return "mysql://" + MONITOR_USER + ":" + MONITOR_PASSWORD + "@" + server().host() + ":" + server().port() + "/";
    }

    /**
     * One row of {@code sql} run as the monitoring user over TLS, values as strings (root can no longer log in
     * without a password, so this is how tests look at the hardened server).
     */
    static Map<String, String> monitorQuery(String sql) {
        MariaDbServer db = server();
        Properties props = new Properties();
        props.setProperty("user", MONITOR_USER);
        props.setProperty("password", MONITOR_PASSWORD);
        props.setProperty("sslMode", "trust");
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + db.host() + ":" + db.port() + "/", props);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<String, String> row = new LinkedHashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException("monitoring query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static MariaDbServer start() {
        Path dir = tempDir();
        try {
            Path cert = dir.resolve("server-cert.pem");
            Path key = dir.resolve("server-key.pem");
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-keyout", key.toString(), "-out", cert.toString());
            MariaDbServer db = MariaDbServer.builder()
                    .ssl(cert, key, cert)
                    .option("local_infile", "OFF")
                    .option("log_bin", "mysql-bin")
                    .option("server_id", "1")
                    .option("sync_binlog", "1")
                    .option("innodb_flush_log_at_trx_commit", "1")
                    .start();
            try {
                harden(db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            return db;
        } finally {
            deleteTree(dir);
        }
    }

    private static void harden(MariaDbServer db) {
        List<String> statements = new ArrayList<>();
        for (var row : db.query("SELECT Host AS host FROM mysql.user WHERE User = 'root' AND Host <> 'localhost'")) {
            statements.add("DROP USER 'root'@'" + row.get("host") + "'");
        }
        statements.add("CREATE USER '" + MONITOR_USER + "'@'localhost' IDENTIFIED BY '" + MONITOR_PASSWORD + "'");
        statements.add("GRANT SELECT ON mysql.* TO '" + MONITOR_USER + "'@'localhost'");
        statements.add("GRANT PROCESS, REPLICATION CLIENT ON *.* TO '" + MONITOR_USER + "'@'localhost'");
        statements.add("SET GLOBAL require_secure_transport = ON");
        // Last: from here on root needs the socket (as the mysql OS user) or the password, so the harness's
        // passwordless execute()/query() no longer work on this server.
        statements.add("ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('"
                + ROOT_PASSWORD + "')");
        db.execute(statements.toArray(String[]::new));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dbwarden-mysql-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + command + "\n" + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
