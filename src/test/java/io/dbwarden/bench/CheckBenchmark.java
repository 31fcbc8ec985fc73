package io.dbwarden.bench;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.Catalog;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.host.HostSpec;
import io.dbwarden.run.EngineSetup;
import io.dbwarden.run.RunExecutor;
import io.dbwarden.run.RunOptions;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.run.TargetReport;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole built-in catalog against a private PostgreSQL and a private MariaDB many times
 * in one JVM and prints the median time per target (JVM start-up excluded) and what each run
 * cost in statements, distinct queries and connections. Figures, not a pass/fail test.
 */
public final class CheckBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Catalog catalog = Catalog.load(new CheckLoader(new RuleCompiler()), List.of());
        try (PostgresServer pg = PostgresServer.builder().start(); MariaDbServer db = MariaDbServer.builder().start()) {
            HostSpec host = HostSpec.fromOptions("16GiB", 8, null);
            List<Target> targets = List.of(
                    new Target("postgresql", Dsn.parse(pg.dsn("postgres")), Map.of(), host),
                    new Target("mariadb", Dsn.parse(db.dsn()), Map.of(), host));
            RunOptions options = RunOptions.of(RunTrigger.MANUAL);
            RunExecutor executor = EngineSetup.standard().build();
            for (int i = 0; i < 5; i++) {
                executor.run(catalog.all(), targets, options); // warm-up: class loading, JIT
            }
            for (Target target : targets) {
                List<Long> millis = new ArrayList<>();
                TargetReport last = null;
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    RunReport report = executor.run(catalog.all(), List.of(target), options);
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    last = report.targets().get(0);
                }
                Collections.sort(millis);
                System.out.printf("%-11s checks=%d (skipped %d) runs=%d median=%d ms p90=%d ms min=%d ms | statements=%d"
                                + " distinct_queries=%d connections=%d | %s%n",
                        target.name(), last.items().size(),
                        last.items().stream().filter(i -> i.status() == io.dbwarden.run.ItemStatus.SKIPPED).count(), runs,
                        millis.get(runs / 2), millis.get(runs * 9 / 10), millis.get(0), last.stats().statements(),
                        last.stats().distinctQueries(), last.stats().connections(),
                        last.version().orElse(last.failure().orElse("?")));
                System.out.flush();
            }
            System.out.println("DSN_PG=" + pg.dsn("postgres"));
            System.out.println("DSN_MARIADB=" + db.dsn());
            System.out.flush();
            if (args.length > 1) {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(args[1]))); // keeps servers up for the process timing
            }
        }
    }
}
