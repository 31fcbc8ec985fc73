package io.dbwarden.service;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * db-scheduler on the store's database: a one-time task per run ({@code dbwarden-run}, instance = the run's id), a
 * recurring planning tick ({@code dbwarden-plan}) and a daily prune ({@code dbwarden-prune}). db-scheduler runs each
 * scheduled execution once across all nodes sharing the store, and picks up the executions of a node that died.
 * It keeps its own time (the system clock): it only decides when to look; what is due is the planner's business.
 */
final class Scheduling {

    static final String RUN_TASK = "dbwarden-run";
    static final String PLAN_TASK = "dbwarden-plan";
    static final String PRUNE_TASK = "dbwarden-prune";
    /** How often the planner looks for due checks; the shortest interval is a minute, so this is plenty. */
    static final Duration PLAN_PERIOD = Duration.ofSeconds(30);
    /** Pruning is cheap and retention is counted in days. */
    static final Duration PRUNE_PERIOD = Duration.ofDays(1);
    /** How often a node looks for runs queued by another node (its own start at once). */
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(2);
    /** Runs executing at once on one node; each holds a thread while its targets are checked. */
    static final int THREADS = 4;
    /** A run task that could not start (the service was stopping, the store was down) is tried again this much later. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(10);
    /** db-scheduler's column for the node name is 50 characters. */
    static final int MAX_NODE_NAME = 50;

    private final Scheduler scheduler;
    private final OneTimeTask<Void> runTask;

    Scheduling(DataSource dataSource, boolean h2, String nodeId, Duration shutdownGrace, RunWorker worker,
            Runnable planTick, Runnable prune) {
        this.runTask = Tasks.oneTime(RUN_TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_DELAY))
                .execute((instance, context) -> worker.executeShielded(Long.parseLong(instance.getId())));
        RecurringTask<Void> plan = Tasks.recurring(PLAN_TASK, Schedules.fixedDelay(PLAN_PERIOD))
                .execute((instance, context) -> planTick.run());
        RecurringTask<Void> pruning = Tasks.recurring(PRUNE_TASK, Schedules.fixedDelay(PRUNE_PERIOD))
                .execute((instance, context) -> prune.run());
        var builder = Scheduler.create(dataSource, runTask);
        if (h2) {
            // db-scheduler knows no H2 dialect; its default one is right for TIMESTAMP WITH TIME ZONE columns
            builder.jdbcCustomization(new DefaultJdbcCustomization(false));
        }
        this.scheduler = builder
                .startTasks(plan, pruning)
                .schedulerName(new SchedulerName.Fixed(nodeId.length() > MAX_NODE_NAME
                        ? nodeId.substring(0, MAX_NODE_NAME) : nodeId))
                .threads(THREADS)
                .pollingInterval(POLLING_INTERVAL)
                .enableImmediateExecution()
                .shutdownMaxWait(shutdownGrace)
                .build();
    }

    void start() {
        scheduler.start();
    }

    /** Queues the execution of a run; it starts at once on this node when a thread is free. */
    void dispatch(long runId) {
        scheduler.schedule(runTask.instance(Long.toString(runId)), Instant.now());
    }

    boolean up() {
        var state = scheduler.getSchedulerState();
        return state.isStarted() && !state.isShuttingDown();
    }

    /** Stops polling and waits for executions under way, up to the shutdown grace. */
    void stop() {
        scheduler.stop();
    }
}
