package io.dbwarden.collect;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cancels a query on the server, from outside its session, when it is still running at its deadline. The server's
 * own time limit should end it first; this is for a query that lifted that limit or a server that does not apply
 * it, and keeps dbwarden from leaving a query running behind it.
 */
final class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class.getName());

    /** How long closing waits for a cancel already under way, so it lands before the session's next statement. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dbwarden-watchdog").factory());

    /** A cancel of the server's work that may block on the network. */
    interface Cancel {
        void run() throws Exception;
    }

    private Watchdog() {}

    /** Runs {@code cancel} on its own thread once {@code after} has passed, unless the returned guard closes first. */
    static Armed arm(Duration after, Cancel cancel) {
        Armed armed = new Armed(cancel);
        armed.timer = TIMER.schedule(armed::fire, after.toNanos(), TimeUnit.NANOSECONDS);
        return armed;
    }

    static final class Armed implements AutoCloseable {
        private static final Object ARMED = new Object();
        private static final Object CLOSED = new Object();

        private final Cancel cancel;
        /** ARMED, then either CLOSED (the query ended in time) or the thread that cancels it. */
        private final AtomicReference<Object> state = new AtomicReference<>(ARMED);
        private volatile ScheduledFuture<?> timer;

        private Armed(Cancel cancel) {
            this.cancel = cancel;
        }

        private void fire() {
            Thread canceller = Thread.ofVirtual().name("dbwarden-cancel").unstarted(() -> {
                try {
                    cancel.run();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "could not cancel a query that outran its deadline; the server's own"
                            + " limits and the session's end are left to stop it: " + e.getMessage());
                }
            });
            if (state.compareAndSet(ARMED, canceller)) {
                canceller.start();
            }
        }

        /** Whether the deadline passed before the guard closed, so the query was cancelled. */
        boolean fired() {
            return state.get() instanceof Thread;
        }

        /** Disarms the timer; if the cancel already started, waits (bounded) for it to be delivered. */
        @Override
        public void close() {
            timer.cancel(false);
            if (state.compareAndSet(ARMED, CLOSED) || !(state.get() instanceof Thread running)) {
                return;
            }
            boolean interrupted = Thread.interrupted();
            try {
                running.join(CANCEL_WAIT);
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
