package io.dbwarden.service;

import io.dbwarden.log.LogLine;
import io.dbwarden.store.StoreException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Writes of a run that must not be lost when the store is briefly unavailable (a PostgreSQL restart, a failover): they
 * are tried again, with growing pauses, for a bounded time, then the failure is thrown for the caller to show.
 */
final class StoreRetry {

    /** Long enough for a PostgreSQL restart or a managed failover; after it the run fails visibly. */
    static final Duration WINDOW = Duration.ofMinutes(2);
    /** The first pause; each next one doubles, up to {@link #MAX_PAUSE}. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(StoreRetry.class.getName());

    private StoreRetry() {
    }

    /**
     * Runs {@code write} until it succeeds, {@code stillWanted} says it is pointless (e.g. the run was interrupted
     * meanwhile), or {@link #WINDOW} has passed.
     */
    static <T> T call(String what, Supplier<T> write, Supplier<Boolean> stillWanted) {
        long deadline = System.nanoTime() + WINDOW.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return write.get();
            } catch (StoreException e) {
                if (System.nanoTime() + pause.toNanos() > deadline || !wanted(stillWanted)) {
                    throw e;
                }
                LOG.warning(LogLine.of("store_write_failed").add("what", what).add("reason", e.getMessage())
                        .add("next", "retrying in " + pause.toMillis() + " ms").toString());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** Whether the write still matters; when the store cannot tell, it may, so it is retried. */
    private static boolean wanted(Supplier<Boolean> stillWanted) {
        try {
            return stillWanted.get();
        } catch (StoreException e) {
            return true;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        }
    }
}
