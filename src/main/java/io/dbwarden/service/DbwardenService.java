package io.dbwarden.service;

import io.dbwarden.app.ServiceConfig;
import io.dbwarden.app.TargetDefinition;
import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.CatalogHolder;
import io.dbwarden.check.CatalogLoader;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.check.CheckSelection;
import io.dbwarden.log.LogLine;
import io.dbwarden.password.PasswordDictionary;
import io.dbwarden.store.PruneResult;
import io.dbwarden.store.RunStatus;
import io.dbwarden.store.Store;
import io.dbwarden.store.StoreException;
import io.dbwarden.store.TargetDao;
import io.dbwarden.target.ConnectOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running service: store, catalog, inventory, scheduler and run executor, behind five small facades that the
 * HTTP API and the command line call. Start it with {@link #builder}; {@link #close()} stops taking work, lets the
 * running checks finish (a bounded wait) or marks their runs interrupted, and closes the store.
 *
 * <pre>{@code
 * try (DbwardenService service = DbwardenService.builder(config).metrics(registry).start()) {
 *     long run = service.runs().start(RunScope.ALL, "local");
 *     service.runs().get(run).run().status();
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DbwardenService implements AutoCloseable {

    /**
     * How long a stop waits for the checks under way to finish before their runs are marked interrupted: a check's
     * statements are bounded by the statement timeout (10 s), and systemd and Kubernetes send SIGKILL after 30 s.
     */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    /** How often a node tells the store its runs are still being worked on. */
    static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(20);
    /** A running run whose heartbeat is older than this lost its node: it is marked interrupted. */
    static final Duration STALE_AFTER = HEARTBEAT_PERIOD.multipliedBy(6);
    /** How often the store is probed for {@code /-/ready} and {@code dbwarden_store_up}. */
    static final Duration HEALTH_PERIOD = Duration.ofSeconds(5);
    /** A store that does not answer a probe within this is down for readiness. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);
    /** How often the metrics read from the store (open findings, last reached) are refreshed. */
    static final Duration METRICS_PERIOD = Duration.ofSeconds(15);

    /** Later than any heartbeat: the largest instant both stores keep. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private static final Logger LOG = Logger.getLogger(DbwardenService.class.getName());

    private final ServiceContext ctx;
    private final boolean scheduling;
    private final ServiceMetrics metrics;
    private final Planner planner;
    private final RunWorker worker;
    private final Scheduling scheduler;
    private final CatalogWatcher watcher;
    private final ScheduledExecutorService housekeeping;
    private final AtomicBoolean stopping;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Inventory inventory;
    private final CheckSettings checks;
    private final Runs runs;
    private final Findings findings;
    private final Audit audit;

    private DbwardenService(Builder b, Store store) {
        CatalogHolder catalogs = loadCatalog(b.config);
        this.ctx = new ServiceContext(b.config, store, b.clock, catalogs, new EngineGateway(b.clock,
                ConnectOptions.defaults(), b.metrics));
        this.scheduling = b.scheduling;
        this.metrics = new ServiceMetrics(b.metrics);
        this.stopping = new AtomicBoolean();
        String nodeId = nodeId();
        this.planner = new Planner(ctx);
        this.worker = new RunWorker(ctx, planner, new TargetLocks(b.config.maxConcurrentTargets()), metrics, nodeId,
                stopping);
        this.scheduler = new Scheduling(store.dataSource(), store.kind() == Store.Kind.H2, nodeId, SHUTDOWN_GRACE,
                worker, this::scheduledTick, this::prune);
        this.watcher = new CatalogWatcher(catalogs, b.config.checks().directories());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dbwarden-housekeeping");
            t.setDaemon(true);
            return t;
        });
        this.inventory = new InventoryService(ctx);
        this.checks = new CheckSettingsService(ctx);
        this.runs = new RunService(ctx, scheduler::dispatch);
        this.findings = new FindingService(ctx);
        this.audit = new AuditService(ctx);
    }

    public static Builder builder(ServiceConfig config) {
        return new Builder(config);
    }

    public Inventory inventory() {
        return inventory;
    }

    public CheckSettings checks() {
        return checks;
    }

    public Runs runs() {
        return runs;
    }

    public Findings findings() {
        return findings;
    }

    public Audit audit() {
        return audit;
    }

    /** True while the store answers and the scheduler runs: what {@code /-/ready} reports. */
    public boolean ready() {
        return !stopping.get() && metrics.storeUp() && scheduler.up();
    }

    /**
     * Stops taking work, waits up to {@link #SHUTDOWN_GRACE} for the checks under way, marks the runs still going
     * interrupted, and closes the store. Runs still queued stay queued and run after the next start. Safe to call twice.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping.set(true);
        Set<Long> underWay = worker.running();
        LOG.info(LogLine.of("service_stopping").add("running_runs", underWay.size())
                .add("grace_seconds", SHUTDOWN_GRACE.toSeconds())
                .add("next", "waiting for checks under way, then marking their runs interrupted").toString());
        scheduler.stop();
        metrics.schedulerUp(false);
        // a run that ended within the grace is not changed: finish() only ends runs still queued or running
        for (long id : underWay) {
            try {
                if (ctx.store().runs().finish(id, RunStatus.INTERRUPTED, Optional.of(RunWorker.STOPPED), ctx.now())) {
                    LOG.warning(LogLine.of("run_interrupted").add("run", id).add("reason", "service stopping").toString());
                }
            } catch (StoreException e) {
                LOG.warning(LogLine.of("run_interrupt_not_recorded").add("run", id).add("reason", e.getMessage())
                        .add("next", "the next start marks it interrupted").toString());
            }
        }
        // not shutdownNow(): an interrupt reaching a store write would close an H2 database
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.store().close();
        LOG.info("service_stopped");
    }

    // ---- package-private hooks for tests that move time instead of waiting

    /** One planning tick, as the recurring task does it (also when automatic scheduling is off). */
    Optional<Long> planNow() {
        interruptStale();
        Optional<Long> run = planner.tick();
        run.ifPresent(scheduler::dispatch);
        metrics.refresh(ctx.store());
        return run;
    }

    /** Reloads the catalog if a custom check directory changed. */
    boolean pollCatalog() {
        return watcher.poll();
    }

    /** Executes a run as its db-scheduler task does (again, when db-scheduler revives a dead node's execution). */
    void executeRun(long id) {
        worker.execute(id);
    }

    /** The runs this node is executing now (a run waiting for a busy target included). */
    java.util.Set<Long> executing() {
        return worker.running();
    }

    void refreshMetrics() {
        metrics.refresh(ctx.store());
    }

    ServiceContext context() {
        return ctx;
    }

    // ----

    private void scheduledTick() {
        if (scheduling && !stopping.get()) {
            planNow();
        }
    }

    /** Deletes what is older than the retention, as the daily task does. */
    void prune() {
        Instant before = ctx.now().minus(ctx.config().retention());
        PruneResult pruned = ctx.store().prune(before);
        LOG.info(LogLine.of("store_pruned").add("older_than", before).add("runs", pruned.runs())
                .add("findings", pruned.findings()).add("history_events", pruned.historyEvents())
                .add("silences", pruned.silences()).toString());
    }

    private void interruptStale() {
        List<Long> ids = ctx.store().runs().interruptStale(ctx.now().minus(STALE_AFTER), ctx.now());
        ids.forEach(id -> LOG.warning(LogLine.of("run_interrupted").add("run", id)
                .add("reason", "its node stopped sending heartbeats").toString()));
    }

    private void begin() {
        Instant now = ctx.now();
        syncConfiguredTargets(now);
        // an H2 file has one process at a time: whatever it left running died with it
        Instant staleBefore = ctx.store().kind() == Store.Kind.H2 ? END_OF_TIME : now.minus(STALE_AFTER);
        List<Long> interrupted = ctx.store().runs().interruptStale(staleBefore, now);
        if (!interrupted.isEmpty()) {
            LOG.warning(LogLine.of("runs_interrupted").add("runs", interrupted)
                    .add("reason", "left running by a node that stopped").toString());
        }
        LOG.info(LogLine.of("scheduler_starting").add("plan_every_seconds", Scheduling.PLAN_PERIOD.toSeconds())
                .add("automatic", scheduling).add("max_concurrent_targets", ctx.config().maxConcurrentTargets())
                .add("next", "queued runs resume, due checks are planned").toString());
        scheduler.start();
        metrics.schedulerUp(true);
        probeStore();
        metrics.refresh(ctx.store());
        every(HEALTH_PERIOD, this::probeStore);
        every(HEARTBEAT_PERIOD, this::heartbeat);
        every(METRICS_PERIOD, () -> metrics.refresh(ctx.store()));
        if (!ctx.config().checks().directories().isEmpty()) {
            every(CatalogWatcher.POLL_PERIOD, watcher::poll);
        }
    }

    private void syncConfiguredTargets(Instant now) {
        TargetDao.ConfigSync sync = ctx.store().targets().syncConfigured(ctx.config().targets(), now);
        for (TargetDefinition t : ctx.config().targets()) {
            if (sync.created().contains(t.name()) || sync.updated().contains(t.name())) {
                ctx.store().audit().record(now, Actors.CONFIG, sync.created().contains(t.name())
                        ? "target.create" : "target.update", InventoryService.subject(t.name()), Optional.empty(),
                        Optional.of(AuditJson.target(t)));
            }
        }
        for (String name : sync.deleted()) {
            ctx.store().audit().record(now, Actors.CONFIG, "target.delete", InventoryService.subject(name),
                    Optional.empty(), Optional.empty());
        }
        LOG.info(LogLine.of("targets_synchronized").add("configured", ctx.config().targets().size())
                .add("created", sync.created().size()).add("updated", sync.updated().size())
                .add("deleted", sync.deleted().size()).toString());
        for (String name : sync.conflicts()) {
            LOG.warning(LogLine.of("target_config_conflict").add("target", name)
                    .add("next", "the target created through the API is kept; rename one of them").toString());
        }
    }

    private void heartbeat() {
        for (long id : worker.running()) {
            try {
                ctx.store().runs().heartbeat(id, ctx.now());
            } catch (StoreException e) {
                LOG.warning(LogLine.of("heartbeat_failed").add("run", id).add("reason", e.getMessage()).toString());
            }
        }
    }

    private void probeStore() {
        boolean up;
        try (Connection c = ctx.store().dataSource().getConnection()) {
            up = c.isValid((int) HEALTH_TIMEOUT.toSeconds());
        } catch (SQLException | RuntimeException e) {
            up = false;
        }
        if (up != metrics.storeUp()) {
            LOG.log(up ? Level.INFO : Level.WARNING, LogLine.of(up ? "store_up" : "store_down")
                    .add("store", ctx.store()).toString());
        }
        metrics.storeUp(up);
    }

    private void every(Duration period, Runnable task) {
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, LogLine.of("housekeeping_failed").add("reason", e.getMessage()).toString(), e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static CatalogHolder loadCatalog(ServiceConfig config) {
        CatalogHolder holder = new CatalogHolder(new CatalogLoader(
                new CheckLoader(new RuleCompiler(PasswordDictionary.builtIn())),
                config.checks().directories()), CheckSelection.ALL);
        LOG.info(LogLine.of("catalog_loaded").add("checks", holder.catalog().size())
                .add("problems", holder.current().problems().size())
                .add("directories", config.checks().directories().size()).toString());
        holder.current().problems().forEach(p -> LOG.warning(LogLine.of("catalog_problem").add("at", p.toString())
                .add("next", "the other checks run; fix the file and it is reloaded").toString()));
        for (String name : config.checks().disabled()) {
            if (holder.catalog().find(name).isEmpty()) {
                LOG.warning(LogLine.of("config_unknown_check").add("setting", "checks.disabled").add("check", name)
                        .toString());
            }
        }
        config.checks().overrides().forEach((name, override) -> {
            var check = holder.catalog().find(name);
            if (check.isEmpty()) {
                LOG.warning(LogLine.of("config_unknown_check").add("setting", "checks.overrides").add("check", name)
                        .toString());
            } else {
                override.params().keySet().stream().filter(p -> !check.get().params().containsKey(p))
                        .forEach(p -> LOG.warning(LogLine.of("config_unknown_param").add("check", name)
                                .add("param", p).add("next", "ignored").toString()));
            }
        });
        return holder;
    }

    private static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /** How to start the service; only the configuration is required. */
    public static final class Builder {
        private final ServiceConfig config;
        private Clock clock = Clock.systemUTC();
        private Function<String, String> env = System::getenv;
        private MeterRegistry metrics = new SimpleMeterRegistry();
        private boolean scheduling = true;

        private Builder(ServiceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The one clock every time-dependent rule reads (due checks, run times, finding times); tests move it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Resolves the store's {@code env:NAME} password reference (default: the process environment). */
        public Builder env(Function<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        /** Where the service's meters go: the web server's Prometheus registry, so {@code /metrics} shows them. */
        public Builder metrics(MeterRegistry metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Whether scheduled runs start by themselves (default: yes). Off, only "run now" runs checks: for tests that
         * want no run they did not ask for.
         */
        public Builder scheduling(boolean scheduling) {
            this.scheduling = scheduling;
            return this;
        }

        /**
         * Opens and migrates the store, loads the catalog, synchronizes the configured targets, marks runs left
         * running by a dead node interrupted, and starts the scheduler.
         *
         * @throws io.dbwarden.store.StoreException when the store cannot be opened
         */
        public DbwardenService start() {
            LOG.info(LogLine.of("store_opening").add("store", config.store())
                    .add("next", "migrations are applied, then the catalog is loaded").toString());
            Store store = Store.open(config.store(), config.secretKeyFile(), env);
            try {
                DbwardenService service = new DbwardenService(this, store);
                service.begin();
                return service;
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
    }
}
