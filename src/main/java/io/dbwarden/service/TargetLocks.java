package io.dbwarden.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * On this node: at most one session per target at a time (a run that reaches a target another run is checking waits
 * for it), and at most {@code max_concurrent_targets} targets checked at once across all runs. A target's turn is
 * taken before a slot, so no slot is held while waiting for a busy target.
 */
final class TargetLocks {

    private final ConcurrentHashMap<String, Semaphore> targets = new ConcurrentHashMap<>();
    private final Semaphore slots;

    TargetLocks(int maxConcurrentTargets) {
        this.slots = new Semaphore(maxConcurrentTargets, true);
    }

    /** Blocks until the target is free and a slot is; close the result to give both back. */
    Held acquire(String target) throws InterruptedException {
        Semaphore turn = targets.computeIfAbsent(target, t -> new Semaphore(1, true));
        turn.acquire();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            turn.release();
            throw e;
        }
        return () -> {
            slots.release();
            turn.release();
        };
    }

    /** A target's turn and a slot, held. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
