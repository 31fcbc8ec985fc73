package io.dbwarden.checks;

import io.dbwarden.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The healthy server of the PostgreSQL durability and operations checks: what a careful DBA leaves behind on
 * PostgreSQL 15, which the harness's plain initdb instance is not.
 *
 * <ul>
 *   <li>data checksums on: initdb (before PostgreSQL 18) leaves them off, so the server is stopped once,
 *       {@code pg_checksums --enable} rewrites the cluster, and it is started again;</li>
 *   <li>WAL archiving on, with an archive_command that copies each segment to a directory next to the data
 *       directory and has already archived one;</li>
 *   <li>the logging collector on, checkpoints, autovacuum runs, temporary files and lock waits logged;</li>
 *   <li>everything else at initdb's defaults: full_page_writes and synchronous_commit on, 100 connections,
 *       no prepared transactions.</li>
 * </ul>
 */
final class PostgresOperationsHealthyServer {

    private static final Path BIN = Path.of(System.getProperty("dbwarden.test.pgbin", "/usr/lib/postgresql/15/bin"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private PostgresOperationsHealthyServer() {
    }

    static PostgresServer start() {
        PostgresServer server = PostgresServer.builder()
                .setting("archive_mode", "on")
                // the archive command runs in the data directory; its parent is the server's private temp directory
                .setting("archive_command", "mkdir -p ../wal-archive && test ! -f ../wal-archive/%f && cp %p ../wal-archive/%f")
                .setting("logging_collector", "on")
                .setting("log_checkpoints", "on")
                .setting("log_autovacuum_min_duration", "10min")
                .setting("log_temp_files", "0")
                .setting("log_lock_waits", "on")
                .start();
        try {
            enableDataChecksums(server);
            archiveOneSegment(server);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Clean shutdown with pg_ctl, pg_checksums --enable on the stopped cluster, and the harness starts it again. */
    private static void enableDataChecksums(PostgresServer server) {
        String data = server.dataDirectory().toString();
        runAsPostgres(BIN.resolve("pg_ctl").toString(), "stop", "-D", data, "-m", "fast", "-w", "-t", "60");
        runAsPostgres(BIN.resolve("pg_checksums").toString(), "--enable", "--no-sync", "-D", data);
        server.restart();
    }

    private static void archiveOneSegment(PostgresServer server) {
        server.execute("CREATE TABLE archived (x int)", "INSERT INTO archived VALUES (1)", "SELECT pg_switch_wal()");
        PostgresOperationsSessions.await("the first WAL segment archived", () -> {
            Map<String, Object> row = server.query("postgres",
                    "SELECT archived_count, failed_count FROM pg_stat_archiver").get(0);
            if (((Number) row.get("failed_count")).longValue() > 0) {
                throw new IllegalStateException("the healthy server's archive_command failed; see its log");
            }
            return ((Number) row.get("archived_count")).longValue() > 0;
        });
    }

    private static void runAsPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env", "--"));
        }
        full.addAll(List.of(command));
        try {
            Path output = Files.createTempFile("dbwarden-pgops-", ".log");
            try {
                Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(full + " did not finish in 120 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(full + " exited with " + p.exitValue() + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
