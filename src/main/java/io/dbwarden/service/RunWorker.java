package io.dbwarden.service;

import io.dbwarden.log.LogLine;
import io.dbwarden.store.ItemResult;
import io.dbwarden.store.RunDao;
import io.dbwarden.store.RunRecord;
import io.dbwarden.store.RunStatus;
import io.dbwarden.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Executes one queued run on this node: works out its (target, check) pairs, checks its targets concurrently (each
 * target waits for its turn and a slot, see {@link TargetLocks}), records each target's items with their findings in
 * one transaction as soon as they are known, and ends the run. The run becomes {@code running} when its first target
 * gets its turn, so a run that waits behind another on the same target shows as queued.
 *
 * <p>When the service stops, targets not yet begun are left out and the run ends {@code interrupted}; a target being
 * checked is let finish. A store that is briefly unavailable delays the recording ({@link StoreRetry}); when it stays
 * unavailable the run fails visibly.
 */
final class RunWorker {

    /** Why a run the service's stop cut short is interrupted. */
    static final String STOPPED = "the service stopped while the run was under way";

    /** Items of one target are recorded in transactions of at most this many, so one write stays small. */
    static final int RECORD_BATCH = 100;

    private static final Logger LOG = Logger.getLogger(RunWorker.class.getName());

    private final ServiceContext ctx;
    private final Planner planner;
    private final TargetLocks locks;
    private final ServiceMetrics metrics;
    private final String nodeId;
    private final AtomicBoolean stopping;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    RunWorker(ServiceContext ctx, Planner planner, TargetLocks locks, ServiceMetrics metrics, String nodeId,
            AtomicBoolean stopping) {
        this.ctx = ctx;
        this.planner = planner;
        this.locks = locks;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.stopping = stopping;
    }

    /** The runs this node is executing now. */
    Set<Long> running() {
        return Set.copyOf(running);
    }

    /**
     * Executes a run on a thread of its own and waits for it. db-scheduler interrupts its threads when a stop outlasts
     * the grace; an interrupt that reached a thread writing to an H2 file would close the database, so the run's
     * thread is never the one interrupted: the wait ends, and the stop marks the run interrupted.
     */
    void executeShielded(long runId) {
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = Thread.ofVirtual().name("dbwarden-run-" + runId).start(() -> {
            try {
                execute(runId);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            thread.join();
            if (failure.get() != null) {
                // db-scheduler tries the task again later
                throw failure.get();
            }
        } catch (InterruptedException e) {
            // not passed on: db-scheduler writes the task's completion next, and an interrupted write closes H2
            LOG.info(LogLine.of("run_abandoned").add("run", runId).add("reason", "the service is stopping")
                    .add("next", "the stop marks it interrupted").toString());
        }
    }

    void execute(long runId) {
        RunDao runs = ctx.store().runs();
        Optional<RunRecord> found = runs.find(runId);
        if (found.isEmpty() || found.get().status() != RunStatus.QUEUED) {
            LOG.info(LogLine.of("run_skipped").add("run", runId)
                    .add("status", found.map(r -> r.status().id()).orElse("deleted"))
                    .add("next", "nothing: it is not queued").toString());
            return;
        }
        RunRecord run = found.get();
        if (stopping.get()) {
            LOG.info(LogLine.of("run_deferred").add("run", runId).add("next", "stays queued until the next start")
                    .toString());
            throw new IllegalStateException("the service is stopping; run " + runId + " stays queued");
        }
        List<TargetWork> work;
        try {
            work = planner.work(run);
        } catch (RuntimeException e) {
            finish(run, RunStatus.FAILED, Optional.of("could not plan the run: " + e.getMessage()), ctx.now());
            return;
        }
        int total = work.stream().mapToInt(w -> w.checks().size()).sum();
        Execution execution = new Execution(run, total);
        running.add(runId);
        try {
            if (work.isEmpty()) {
                execution.startOnce();
            } else {
                checkTargets(execution, work);
            }
            // a stop interrupts this thread; the run's end must still be written
            boolean interrupted = Thread.interrupted();
            execution.end();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            running.remove(runId);
        }
    }

    private void checkTargets(Execution execution, List<TargetWork> work) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (TargetWork w : work) {
                futures.add(pool.submit(() -> checkTarget(execution, w)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    execution.failed("checking a target failed unexpectedly: " + e.getCause());
                    LOG.log(Level.WARNING, LogLine.of("run_target_crashed").add("run", execution.run.id()).toString(),
                            e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    execution.interrupted(stopping.get() ? STOPPED : "the worker was interrupted");
                    return;
                }
            }
        }
    }

    private void checkTarget(Execution execution, TargetWork w) {
        String target = w.target().name();
        TargetLocks.Held turn;
        try {
            turn = locks.acquire(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            execution.interrupted("interrupted while waiting for " + target);
            return;
        }
        try {
            if (stopping.get()) {
                execution.interrupted(STOPPED + ", before " + target + " was checked");
                return;
            }
            if (!execution.startOnce()) {
                return;
            }
            EngineGateway.TargetOutcome outcome = ctx.engine().check(w.target().definition(), w.checks(),
                    execution.run.trigger());
            metrics.targetCollected(w.target().definition().engine().id(), Duration.ofMillis(outcome.collectMillis()));
            record(execution, target, outcome.items());
            LOG.info(LogLine.of("target_checked").add("run", execution.run.id()).add("target", target)
                    .add("items", outcome.items().size()).add("reached", outcome.reached()).toString());
        } finally {
            turn.close();
        }
    }

    private void record(Execution execution, String target, List<ItemResult> items) {
        long id = execution.run.id();
        for (int from = 0; from < items.size(); from += RECORD_BATCH) {
            List<ItemResult> batch = items.subList(from, Math.min(items.size(), from + RECORD_BATCH));
            try {
                StoreRetry.call("items of run " + id + " on " + target, () -> {
                    ctx.store().runs().recordItems(id, batch, ctx.now());
                    return null;
                }, () -> !stopping.get() && isRunning(id));
                batch.forEach(i -> metrics.itemRecorded(i.check(), i.status().id()));
            } catch (StoreException e) {
                if (stopping.get()) {
                    LOG.warning(LogLine.of("run_items_dropped").add("run", id).add("target", target)
                            .add("items", batch.size()).add("reason", "the service stopped; the run is interrupted")
                            .toString());
                    return;
                }
                execution.failed("the results of " + target + " could not be recorded: " + e.getMessage());
                LOG.severe(LogLine.of("run_items_lost").add("run", id).add("target", target)
                        .add("items", batch.size()).add("reason", e.getMessage()).toString());
                return;
            }
        }
    }

    private boolean isRunning(long id) {
        return ctx.store().runs().find(id).map(r -> r.status() == RunStatus.RUNNING).orElse(false);
    }

    private void finish(RunRecord run, RunStatus status, Optional<String> error, Instant startedAt) {
        try {
            boolean ended = StoreRetry.call("end of run " + run.id(),
                    () -> ctx.store().runs().finish(run.id(), status, error, ctx.now()),
                    () -> ctx.store().runs().find(run.id()).map(r -> !r.status().isFinal()).orElse(false));
            if (ended) {
                metrics.runFinished(run.trigger().id(), status, Duration.between(startedAt, ctx.now()));
            }
            LOG.info(LogLine.of("run_ended").add("run", run.id()).add("status", ended ? status.id() : "already_ended")
                    .add("error", error.orElse("")).toString());
        } catch (StoreException e) {
            LOG.severe(LogLine.of("run_end_not_recorded").add("run", run.id()).add("reason", e.getMessage())
                    .add("next", "it is marked interrupted once its heartbeat is stale").toString());
        }
        metrics.refresh(ctx.store());
    }

    /** One run being executed: started once, ended once, with the worst thing that happened to it. */
    private final class Execution {
        private final RunRecord run;
        private final int total;
        private boolean started;
        private boolean refused;
        private Instant startedAt;
        private Optional<String> interrupted = Optional.empty();
        private Optional<String> failed = Optional.empty();

        Execution(RunRecord run, int total) {
            this.run = run;
            this.total = total;
        }

        /** Marks the run running the first time; false when it can no longer run (it was ended meanwhile). */
        synchronized boolean startOnce() {
            if (started || refused) {
                return started;
            }
            Instant now = ctx.now();
            try {
                started = StoreRetry.call("start of run " + run.id(),
                        () -> ctx.store().runs().start(run.id(), nodeId, total, now), () -> true);
            } catch (StoreException e) {
                failed("the run could not be started: " + e.getMessage());
            }
            refused = !started;
            if (started) {
                startedAt = now;
                LOG.info(LogLine.of("run_started").add("run", run.id()).add("trigger", run.trigger().id())
                        .add("items", total).add("node", nodeId).toString());
            }
            return started;
        }

        synchronized void interrupted(String why) {
            interrupted = interrupted.or(() -> Optional.of(why));
        }

        synchronized void failed(String why) {
            failed = failed.or(() -> Optional.of(why));
        }

        void end() {
            RunStatus status;
            Optional<String> error;
            synchronized (this) {
                if (!started && refused && failed.isEmpty()) {
                    return;
                }
                status = failed.isPresent() ? RunStatus.FAILED
                        : interrupted.isPresent() ? RunStatus.INTERRUPTED : RunStatus.FINISHED;
                error = failed.or(() -> interrupted);
            }
            finish(run, status, error, startedAt == null ? ctx.now() : startedAt);
        }
    }
}
