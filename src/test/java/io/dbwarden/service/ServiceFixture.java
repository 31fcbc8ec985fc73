package io.dbwarden.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.app.ChecksConfig;
import io.dbwarden.app.IntervalLengths;
import io.dbwarden.app.ListenAddress;
import io.dbwarden.app.ServiceConfig;
import io.dbwarden.app.StoreLocation;
import io.dbwarden.app.TargetDefinition;
import io.dbwarden.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Configurations, check files and waiting, for tests of the real service. */
final class ServiceFixture {

    /** Long enough for a run of every built-in check on a loaded 2-core machine. */
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private ServiceFixture() {
    }

    /**
     * A check that finds every row of {@code public.flags} in the target's database, keyed by its name: a test turns
     * a finding on with an INSERT and off with a DELETE, and blocks the check by locking the table.
     */
    static final String FLAG_CHECK = """
            name: test_flags
            engine: postgresql
            category: configuration
            severity: warning
            interval: frequent
            summary: "flag {{name}} is set"
            description: "public.flags has a row {{name}}"
            remediation: "DELETE FROM public.flags WHERE name = '{{name}}';"
            params: { ignore: [] }
            queries:
              flags:
                sql: SELECT name FROM public.flags
            rule: |
              flags.filter(f, !(f.name in params.ignore)).map(f, {'name': f.name})
            key: [name]
            """;

    /**
     * A check whose three queries all read {@code public.flags}: with the table locked, each waits for the statement
     * timeout, so the check takes three times that, longer than the service's shutdown grace.
     */
    static final String SLOW_CHECK = """
            name: test_slow
            engine: postgresql
            category: configuration
            severity: info
            interval: frequent
            summary: "never"
            description: "reads public.flags three times"
            remediation: "none"
            queries:
              first:
                sql: SELECT name FROM public.flags
              second:
                sql: SELECT name AS again FROM public.flags
              third:
                sql: SELECT count(*) AS n FROM public.flags
            rule: |
              first.size() < 0 && second.size() < 0 && third.size() < 0
            """;

    /** Adds the slow check to a check directory. */
    static void addSlowCheck(Path checks) throws IOException {
        Files.writeString(checks.resolve("test_slow.yaml"), SLOW_CHECK);
    }

    /** A directory holding the flag check. */
    static Path checkDirectory(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("checks"));
        Files.writeString(dir.resolve("test_flags.yaml"), FLAG_CHECK);
        return dir;
    }

    /** A fresh database on the shared private PostgreSQL with an empty {@code public.flags} table; returns its DSN. */
    static String flagDatabase() {
        PostgresServer pg = PostgresServer.shared();
        String db = "svc_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        pg.execute("CREATE DATABASE " + db);
        pg.executeIn(db, "CREATE TABLE public.flags (name text PRIMARY KEY)");
        return pg.dsn(db);
    }

    static String databaseOf(String dsn) {
        return dsn.substring(dsn.lastIndexOf('/') + 1);
    }

    static ServiceConfig config(Path dataDir, List<TargetDefinition> targets, List<Path> checkDirs) {
        return config(dataDir, new StoreLocation.H2File(dataDir.resolve("dbwarden")), targets, checkDirs);
    }

    static ServiceConfig config(Path dataDir, StoreLocation store, List<TargetDefinition> targets, List<Path> checkDirs) {
        return new ServiceConfig(ListenAddress.DEFAULT, dataDir, store, "/", ServiceConfig.DEFAULT_RETENTION,
                ServiceConfig.DEFAULT_MAX_CONCURRENT_TARGETS, IntervalLengths.DEFAULT,
                new ChecksConfig(checkDirs, Set.of(), Map.of()), targets, List.of(), List.of(), Optional.empty());
    }

    static TargetDefinition target(String name, String dsn) {
        return new TargetDefinition(name, dsn, Map.of("env", "test"), null);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** Waits for a run to end and returns it. */
    static RunDetail awaitEnd(DbwardenService service, long run) {
        await("run " + run + " to end", RUN_TIMEOUT, () -> isFinal(service.runs().get(run).run().status()));
        return service.runs().get(run);
    }

    static boolean isFinal(String status) {
        return Set.of("finished", "interrupted", "failed").contains(status);
    }

    static void assertFinished(RunDetail run) {
        assertThat(run.run().status()).as("run %s: %s", run.run().id(), run.run().error()).isEqualTo("finished");
    }
}
