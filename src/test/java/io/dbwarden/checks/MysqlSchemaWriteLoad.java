package io.dbwarden.checks;

import io.dbwarden.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Single-row INSERTs in autocommit on a background thread, until closed: a steady stream of redo log writes
 * (each commit writes its row and undo changes to the redo log and flushes it).
 */
final class MysqlSchemaWriteLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread thread;

    private MysqlSchemaWriteLoad(MariaDbServer server, String table) {
        thread = Thread.ofPlatform().name("mysql-schema-write-load").daemon().start(() -> {
            try (Connection c = server.connect();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (pad) VALUES (REPEAT('w', 400))")) {
                while (running.get()) {
                    insert.executeUpdate();
                    started.countDown();
                }
            } catch (SQLException | RuntimeException e) {
                failure.set(e);
            } finally {
                started.countDown();
            }
        });
    }

    /** Starts inserting into {@code table} (an auto-increment key and a VARCHAR column pad) once the first row is in. */
    static MysqlSchemaWriteLoad start(MariaDbServer server, String table) {
        MysqlSchemaWriteLoad load = new MysqlSchemaWriteLoad(server, table);
        try {
            if (!load.started.await(30, TimeUnit.SECONDS)) {
                load.close();
                throw new IllegalStateException("the write load did not insert its first row within 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            load.close();
            throw new IllegalStateException("interrupted while starting the write load", e);
        }
        load.rethrow();
        return load;
    }

    private void rethrow() {
        if (failure.get() != null) {
            throw new IllegalStateException("the write load failed: " + failure.get().getMessage(), failure.get());
        }
    }

    /** Stops the thread and fails if the load broke off, since the measurement would then mean nothing. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }
}
