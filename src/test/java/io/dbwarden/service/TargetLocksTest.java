package io.dbwarden.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One session per target, and a bounded number of targets at once, on one node. */
class TargetLocksTest {

    /** How long a test gives a thread that must not get through: it proves nothing if too short, but cannot fail. */
    private static final long BLOCKED_MILLIS = 300;

    @Test
    void aSecondRunReachingABusyTargetWaitsUntilTheFirstLetsGo() throws Exception {
        TargetLocks locks = new TargetLocks(4);
        TargetLocks.Held first = locks.acquire("db1");

        CompletableFuture<TargetLocks.Held> second = CompletableFuture.supplyAsync(() -> acquire(locks, "db1"));
        Thread.sleep(BLOCKED_MILLIS);
        assertThat(second).isNotDone();

        first.close();
        assertThat(second.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void noMoreTargetsThanTheLimitAreCheckedAtOnceAndAFreedSlotIsTakenAtOnce() throws Exception {
        TargetLocks locks = new TargetLocks(1);
        TargetLocks.Held db1 = locks.acquire("db1");

        CompletableFuture<TargetLocks.Held> db2 = CompletableFuture.supplyAsync(() -> acquire(locks, "db2"));
        Thread.sleep(BLOCKED_MILLIS);
        assertThat(db2).isNotDone();

        db1.close();
        assertThat(db2.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    private static TargetLocks.Held acquire(TargetLocks locks, String target) {
        try {
            return locks.acquire(target);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
