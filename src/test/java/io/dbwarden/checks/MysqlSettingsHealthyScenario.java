package io.dbwarden.checks;

import io.dbwarden.testing.MariaDbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A well-configured MariaDB for the server-setting and durability checks: what a careful DBA changes on top of
 * a default install, so that none of those checks has anything to say.
 *
 * <ul>
 *   <li>{@code secure_file_priv} restricted to a dedicated directory, {@code skip-symbolic-links};</li>
 *   <li>binary log on with {@code binlog_format = ROW}, the default FULL row image and CRC32 checksums,
 *       {@code sync_binlog = 1}, binlogs kept 14 days;</li>
 *   <li>slow query log on at {@code long_query_time = 1}, Performance Schema on (the harness turns it off);</li>
 *   <li>the time zone tables loaded for two zones (UTC and Europe/Berlin) with {@code mariadb-tzinfo-to-sql}:
 *       the check asks whether any zone is loaded, and the full zoneinfo load costs seconds of CPU;</li>
 *   <li>a monitoring account {@code dbwarden@localhost} with a password and nothing but SELECT on
 *       {@code mysql.time_zone_name}, the one table these checks read; SHOW GLOBAL VARIABLES/STATUS need no
 *       privilege.</li>
 * </ul>
 *
 * <p>The default durability settings of MariaDB 10.11 stay as they are (doublewrite ON, file-per-table ON,
 * O_DIRECT, strict sql_mode and innodb_strict_mode, log_warnings = 2, general log off, function creators not
 * trusted). One instance per {@link #start()}; close it when done.
 */
final class MysqlSettingsHealthyScenario implements AutoCloseable {

    static final String MONITOR_USER = "dbwarden";
    static final String MONITOR_PASSWORD = "Settings-Monitor-4tZ";
    static final List<String> ZONES = List.of("UTC", "Europe/Berlin");
    static final long BINLOG_EXPIRE_SECONDS = 14 * 86_400L;

    private final MariaDbServer server;
    private final Path filesDir;

    private MysqlSettingsHealthyScenario(MariaDbServer server, Path filesDir) {
        this.server = server;
        this.filesDir = filesDir;
    }

    static MysqlSettingsHealthyScenario start() {
        Path files = filesDirectory();
        MariaDbServer db = null;
        try {
            db = MariaDbServer.builder()
                    .option("secure_file_priv", files.toString())
                    .flag("skip-symbolic-links")
                    .option("log_bin", "mysql-bin")
                    .option("server_id", "1")
                    .option("sync_binlog", "1")
                    .option("binlog_format", "ROW")
                    .option("binlog_expire_logs_seconds", Long.toString(BINLOG_EXPIRE_SECONDS))
                    .option("slow_query_log", "ON")
                    .option("long_query_time", "1")
                    .option("performance_schema", "ON")
                    .start();
            for (String zone : ZONES) {
                loadZone(db, zone);
            }
            db.execute(
                    "CREATE USER '" + MONITOR_USER + "'@'localhost' IDENTIFIED BY '" + MONITOR_PASSWORD + "'",
                    "GRANT SELECT ON mysql.time_zone_name TO '" + MONITOR_USER + "'@'localhost'");
            return new MysqlSettingsHealthyScenario(db, files);
        } catch (RuntimeException e) {
            if (db != null) {
                db.close();
            }
            deleteTree(files);
            throw e;
        }
    }

    MariaDbServer server() {
        return server;
    }

    /** {@code mysql://dbwarden:…@127.0.0.1:PORT/}: the monitoring account. */
    String monitorDsn() {
        return "mysql://" + MONITOR_USER + ":" + MONITOR_PASSWORD + "@" + server.host() + ":" + server.port() + "/";
    }

    /** The directory secure_file_priv points to. */
    Path filesDir() {
        return filesDir;
    }

    @Override
    public void close() {
        server.close();
        deleteTree(filesDir);
    }

    /** A directory for LOAD DATA / SELECT … INTO OUTFILE, owned by the mysql OS user like /var/lib/mysql-files. */
    private static Path filesDirectory() {
        try {
            Path dir = Files.createTempDirectory("dbwarden-mysql-files",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mysql"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code mariadb-tzinfo-to-sql /usr/share/zoneinfo/ZONE ZONE | mariadb mysql}, as an administrator would. */
    private static void loadZone(MariaDbServer db, String zone) {
        String pipeline = "mariadb-tzinfo-to-sql /usr/share/zoneinfo/" + zone + " " + zone
                + " | mariadb --no-defaults --protocol=TCP -h " + db.host() + " -P " + db.port() + " -u " + db.user()
                + " mysql";
        run(List.of("sh", "-c", pipeline));
    }

    private static void run(List<String> command) {
        try {
            Path log = Files.createTempFile("dbwarden-tzinfo", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("did not finish: " + command);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("failed: " + command + "\n" + Files.readString(log));
                }
            } finally {
                Files.deleteIfExists(log);
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
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            all.forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
