package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.collect.FactSource;
import io.dbwarden.check.Catalog;
import io.dbwarden.check.Check;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.host.HostSpec;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.EngineSetup;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunOptions;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.target.ConnectOptions;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs built-in checks in-process against a real server, the way {@code dbwarden check} does,
 * and gives tests direct access to items and findings.
 */
public final class CheckRun {

    private static final Catalog CATALOG = loadCatalog();

    private final List<String> dsns = new ArrayList<>();
    private Set<String> names;
    private Duration sample = Duration.ZERO;
    private HostSpec host = HostSpec.none();
    private Duration statementTimeout = ConnectOptions.DEFAULT_STATEMENT_TIMEOUT;
    private final Map<BuiltinFact, FactSource> sources = new java.util.EnumMap<>(BuiltinFact.class);

    private CheckRun(String dsn) {
        dsns.add(dsn);
    }

    private static Catalog loadCatalog() {
        try {
            return Catalog.load(new CheckLoader(new RuleCompiler()), List.of());
        } catch (Exception e) {
            throw new IllegalStateException("built-in catalog does not load: " + e.getMessage(), e);
        }
    }

    public static Catalog catalog() {
        return CATALOG;
    }

    public static CheckRun against(String dsn) {
        return new CheckRun(dsn);
    }

    /** Only these checks (default: every check of the target's engine). */
    public CheckRun checks(String... checkNames) {
        names = Set.of(checkNames);
        for (String n : checkNames) {
            assertThat(CATALOG.find(n)).as("built-in check " + n).isPresent();
        }
        return this;
    }

    public CheckRun sample(Duration window) {
        sample = window;
        return this;
    }

    /** Declares the host's RAM (and CPUs), as {@code --host-memory}/{@code --host-cpus} do. */
    public CheckRun hostMemory(String size, int cpus) {
        host = HostSpec.fromOptions(size, cpus, null);
        return this;
    }

    public CheckRun statementTimeout(Duration timeout) {
        statementTimeout = timeout;
        return this;
    }

    /** Replaces the standard source of a fact that does not come over the SQL session (TLS, release data…). */
    public CheckRun withSource(BuiltinFact fact, FactSource source) {
        sources.put(fact, source);
        return this;
    }

    public RunReport run() {
        List<Check> checks = CATALOG.all().stream().filter(c -> names == null || names.contains(c.name())).toList();
        List<Target> targets = dsns.stream().map(dsn -> target(dsn).withHost(host)).toList();
        EngineSetup setup = EngineSetup.standard()
                .connect(new ConnectOptions(ConnectOptions.DEFAULT_CONNECT_TIMEOUT, statementTimeout));
        sources.forEach(setup::source);
        return setup.build().run(checks, targets, new RunOptions(RunTrigger.MANUAL, sample));
    }

    /** Runs {@code checks} (built-in ones, possibly with params overridden) against one server, as the CLI would. */
    public static RunReport run(String dsn, List<Check> checks, Duration sample, HostSpec host) {
        return EngineSetup.standard().build()
                .run(checks, List.of(target(dsn).withHost(host)), new RunOptions(RunTrigger.MANUAL, sample));
    }

    /** A built-in check with some of its params replaced, as a per-check params override in dbwarden.yaml does. */
    public static Check withParams(String checkName, Map<String, Object> params) {
        return CATALOG.find(checkName).orElseThrow(() -> new AssertionError("no built-in check " + checkName))
                .withParams(params);
    }

    private static Target target(String dsn) {
        try {
            return new Target("test-target", Dsn.parse(dsn), Map.of());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The item of one check; fails the test if the check did not run on the target. */
    public static RunItem item(RunReport report, String check) {
        return report.items().stream().filter(i -> i.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no item for " + check + " in " + report.items()));
    }

    /** The findings of one check; fails the test if it erred or was skipped, since a failed check is not a pass. */
    public static List<Finding> findings(RunReport report, String check) {
        RunItem item = item(report, check);
        assertThat(item.status()).as(check + " ran (reason: " + item.reason().orElse("") + ")")
                .isIn(ItemStatus.OK, ItemStatus.FINDINGS);
        return item.findings();
    }

    /** Asserts every named check ran and found nothing. */
    public static void assertQuiet(RunReport report, String... checks) {
        List<String> names = checks.length == 0 ? report.items().stream().map(RunItem::check).toList() : Arrays.asList(checks);
        for (String check : names) {
            RunItem item = item(report, check);
            assertThat(item.status()).as(check + " on a healthy server: " + item.findings() + item.reason().orElse(""))
                    .isEqualTo(ItemStatus.OK);
        }
    }
}
