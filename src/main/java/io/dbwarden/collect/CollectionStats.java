package io.dbwarden.collect;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what collection cost on one target, so the budget of one connection and each query once can be seen.
 *
 * <p>{@link #statements()} counts the statements whose rows dbwarden reads: each check query once, and each query
 * for versions, settings and counters. What keeps those statements harmless (beginning and rolling back their
 * transactions, asking the server to describe a check query before running it) is counted apart, in
 * {@link #isolationRoundTrips()}.
 *
 * <p>A listener (the engine's metrics) hears how long each check query and each connection took.
 */
public final class CollectionStats {

    /** Hears of every check query once it has ended and of every session opened. */
    public interface Listener {
        void queryRan(QueryOutcome outcome, long nanos);

        void connectionOpened(long nanos);
    }

    private static final Listener NOBODY = new Listener() {
        @Override
        public void queryRan(QueryOutcome outcome, long nanos) {
        }

        @Override
        public void connectionOpened(long nanos) {
        }
    };

    private final Listener listener;
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger isolationRoundTrips = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger distinctQueries = new AtomicInteger();
    private final AtomicLong connectNanos = new AtomicLong();
    private final AtomicLong collectNanos = new AtomicLong();
    private final AtomicLong sampleWaitNanos = new AtomicLong();

    public CollectionStats() {
        this(NOBODY);
    }

    public CollectionStats(Listener listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    void queryRan(QueryOutcome outcome, long nanos) {
        listener.queryRan(outcome, nanos);
    }

    void statementSent() {
        statements.incrementAndGet();
    }

    void isolationRoundTrip() {
        isolationRoundTrips.incrementAndGet();
    }

    public void connectionOpened(long nanos) {
        connections.incrementAndGet();
        connectNanos.addAndGet(nanos);
        listener.connectionOpened(nanos);
    }

    void distinctQueries(int n) {
        distinctQueries.addAndGet(n);
    }

    void collected(long nanos) {
        collectNanos.addAndGet(nanos);
    }

    void waitedForSample(long nanos) {
        sampleWaitNanos.addAndGet(nanos);
    }

    public int statements() {
        return statements.get();
    }

    /** Round trips spent beginning and rolling back transactions and describing check queries before they run. */
    public int isolationRoundTrips() {
        return isolationRoundTrips.get();
    }

    public int connections() {
        return connections.get();
    }

    public int distinctQueries() {
        return distinctQueries.get();
    }

    public long connectMillis() {
        return connectNanos.get() / 1_000_000;
    }

    public long collectMillis() {
        return collectNanos.get() / 1_000_000;
    }

    public long sampleWaitMillis() {
        return sampleWaitNanos.get() / 1_000_000;
    }
}
