package io.dbwarden.service;

import io.dbwarden.check.Check;
import io.dbwarden.store.EvaluationDao;
import io.dbwarden.store.RunRecord;
import io.dbwarden.store.RunRequest;
import io.dbwarden.store.RunStatus;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.store.StoredTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.dbwarden.log.LogLine;
import java.util.logging.Logger;

/**
 * Decides what runs: which (target, check) pairs are due, from data only — the settings in force and when each pair
 * was last evaluated, read from the run record — so a changed interval counts at the next tick and a restart forgets
 * nothing. A tick queues one scheduled run when anything is due and no scheduled run is already queued or running;
 * the run works out its pairs again when it starts, so a pair a manual run evaluated meanwhile is not run twice.
 */
final class Planner {

    private static final Logger LOG = Logger.getLogger(Planner.class.getName());

    private final ServiceContext ctx;

    Planner(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /** A pair is due when it was never evaluated, or its interval has passed since the last evaluation. */
    static boolean isDue(Optional<Instant> lastEvaluated, Duration interval, Instant now) {
        return lastEvaluated.isEmpty() || !now.isBefore(lastEvaluated.get().plus(interval));
    }

    /** Queues a scheduled run when something is due and none is pending; returns its id. */
    Optional<Long> tick() {
        List<RunRecord> active = ctx.store().runs().active();
        if (active.stream().anyMatch(r -> r.trigger() == RunTrigger.SCHEDULE)) {
            return Optional.empty();
        }
        Instant now = ctx.now();
        List<TargetWork> due = due(ctx.effective(), ctx.store().targets().list(), now);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        long id = ctx.store().runs().create(new RunRequest(RunTrigger.SCHEDULE, Optional.empty(), Optional.empty(),
                Actors.SCHEDULER), now);
        int pairs = due.stream().mapToInt(w -> w.checks().size()).sum();
        LOG.info(LogLine.of("run_scheduled").add("run", id).add("targets", due.size()).add("pairs_due", pairs)
                .add("next", "a worker starts it").toString());
        return Optional.of(id);
    }

    /** What {@code run} checks, worked out as it starts: for a scheduled run what is due now, else its scope. */
    List<TargetWork> work(RunRecord run) {
        EffectiveCatalog effective = ctx.effective();
        List<StoredTarget> targets = ctx.store().targets().list();
        if (run.trigger() == RunTrigger.SCHEDULE) {
            return due(effective, targets, ctx.now());
        }
        List<TargetWork> work = new ArrayList<>();
        for (StoredTarget target : targets) {
            if (run.target().isPresent() && !run.target().get().equals(target.name())) {
                continue;
            }
            List<Check> checks = new ArrayList<>();
            for (Check check : effective.checksFor(target.definition().engine())) {
                if (run.check().isPresent() && !run.check().get().equals(check.name())) {
                    continue;
                }
                if (effective.settings(check, Optional.of(target.name())).enabled()) {
                    checks.add(effective.runnable(check, target.name()));
                }
            }
            if (!checks.isEmpty()) {
                work.add(new TargetWork(target, checks));
            }
        }
        return work;
    }

    private List<TargetWork> due(EffectiveCatalog effective, List<StoredTarget> targets, Instant now) {
        record Candidate(StoredTarget target, Check check, Duration interval) {
        }
        List<Candidate> enabled = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (StoredTarget target : targets) {
            for (Check check : effective.checksFor(target.definition().engine())) {
                EffectiveSettings settings = effective.settings(check, Optional.of(target.name()));
                if (settings.enabled()) {
                    enabled.add(new Candidate(target, check, settings.intervalLength()));
                    longest = settings.intervalLength().compareTo(longest) > 0 ? settings.intervalLength() : longest;
                }
            }
        }
        if (enabled.isEmpty()) {
            return List.of();
        }
        // only runs within the longest interval can make a pair not due; older ones need not be read
        Map<EvaluationDao.Pair, Instant> last = ctx.store().evaluations().lastEvaluations(now.minus(longest));
        Map<String, List<Check>> dueByTarget = new java.util.LinkedHashMap<>();
        Map<String, StoredTarget> byName = new java.util.HashMap<>();
        for (Candidate c : enabled) {
            Optional<Instant> evaluated = Optional.ofNullable(last.get(new EvaluationDao.Pair(c.target().name(),
                    c.check().name())));
            if (isDue(evaluated, c.interval(), now)) {
                dueByTarget.computeIfAbsent(c.target().name(), k -> new ArrayList<>())
                        .add(effective.runnable(c.check(), c.target().name()));
                byName.put(c.target().name(), c.target());
            }
        }
        List<TargetWork> work = new ArrayList<>();
        dueByTarget.forEach((name, checks) -> work.add(new TargetWork(byName.get(name), checks)));
        return work;
    }

    /** Whether a run of this status may still be started. */
    static boolean startable(RunRecord run) {
        return run.status() == RunStatus.QUEUED;
    }
}
