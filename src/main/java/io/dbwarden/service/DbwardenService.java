package io.dbwarden.service;

import io.dbwarden.app.ServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

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

    private DbwardenService() {
    }

    public static Builder builder(ServiceConfig config) {
        return new Builder(config);
    }

    public Inventory inventory() {
        throw new UnsupportedOperationException("not yet");
    }

    public CheckSettings checks() {
        throw new UnsupportedOperationException("not yet");
    }

    public Runs runs() {
        throw new UnsupportedOperationException("not yet");
    }

    public Findings findings() {
        throw new UnsupportedOperationException("not yet");
    }

    public Audit audit() {
        throw new UnsupportedOperationException("not yet");
    }

    /** True while the store answers and the scheduler runs: what {@code /-/ready} reports. */
    public boolean ready() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet");
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

        /** Resolves {@code env:NAME} password references (default: the process environment). */
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
            throw new UnsupportedOperationException("not yet");
        }
    }
}
