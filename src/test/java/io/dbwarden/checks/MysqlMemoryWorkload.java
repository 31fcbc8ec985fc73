package io.dbwarden.checks;

import io.dbwarden.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Primary-key lookups of random rows on a background thread, until closed: a read load whose pages come
 * from disk when the table is larger than the buffer pool and from memory when it fits. Random rather than
 * sequential, so InnoDB's read-ahead (counted apart from Innodb_buffer_pool_reads) does not hide the misses.
 */
final class MysqlMemoryWorkload implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong queries = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread thread;

    private MysqlMemoryWorkload(MariaDbServer server, String table, int rows) {
        thread = Thread.ofPlatform().name("mysql-memory-workload").daemon().start(() -> {
            try (Connection c = server.connect();
                 PreparedStatement lookup = c.prepareStatement("SELECT LENGTH(pad) FROM " + table + " WHERE id = ?")) {
                while (running.get()) {
                    lookup.setInt(1, ThreadLocalRandom.current().nextInt(1, rows + 1));
                    try (ResultSet rs = lookup.executeQuery()) {
                        rs.next();
                    }
                    queries.incrementAndGet();
                    started.countDown();
                }
            } catch (SQLException | RuntimeException e) {
                failure.set(e);
            } finally {
                started.countDown();
            }
        });
    }

    /** Starts looking up rows 1..rows of {@code table} (columns id, pad) and returns once the first answered. */
    static MysqlMemoryWorkload start(MariaDbServer server, String table, int rows) {
        MysqlMemoryWorkload load = new MysqlMemoryWorkload(server, table, rows);
        try {
            if (!load.started.await(30, TimeUnit.SECONDS)) {
                load.close();
                throw new IllegalStateException("the workload did not answer its first lookup within 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            load.close();
            throw new IllegalStateException("interrupted while starting the workload", e);
        }
        load.rethrow();
        return load;
    }

    long queries() {
        return queries.get();
    }

    private void rethrow() {
        if (failure.get() != null) {
            throw new IllegalStateException("the workload failed: " + failure.get().getMessage(), failure.get());
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
