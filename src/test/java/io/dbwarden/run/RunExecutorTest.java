package io.dbwarden.run;

import static io.dbwarden.run.TestChecks.check;
import static io.dbwarden.run.TestChecks.load;
import static io.dbwarden.run.TestChecks.queryCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.check.Check;
import io.dbwarden.collect.FactOutcome;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.fact.Unavailable.Failed;
import io.dbwarden.fact.Unavailable.NotConfigured;
import io.dbwarden.fact.Unavailable.PrivilegeMissing;
import io.dbwarden.fact.Unavailable.Setting;
import io.dbwarden.host.HostSpec;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.testing.FreePorts;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunExecutorTest {

    private static RunReport run(List<Check> checks, Path procRoot, HostSpec host, String... dsns) throws Exception {
        List<Target> targets = new java.util.ArrayList<>();
        for (int i = 0; i < dsns.length; i++) {
            targets.add(new Target("t" + i, Dsn.parse(dsns[i]), Map.of("env", "test"), host));
        }
        return EngineSetup.standard().procRoot(procRoot).build().run(checks, targets, RunOptions.of(RunTrigger.MANUAL));
    }

    private static RunItem item(RunReport report, String target, String check) {
        return report.items().stream().filter(i -> i.target().equals(target) && i.check().equals(check)).findFirst()
                .orElseThrow();
    }

    @Test
    void aCheckWhoseVersionRequirementIsUnmetIsSkippedWithTheReason() throws Exception {
        Check future = check("future_check", "postgresql", "requires: { version: \">=99\" }", "true");
        RunReport report = run(List.of(future), Path.of("/proc"), HostSpec.none(), PostgresServer.shared().dsn("postgres"));
        RunItem item = item(report, "t0", "future_check");
        assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item.reason()).get().asString().contains("requires version >=99").contains("this server is 15.");
    }

    @Test
    void aCheckForAnotherFlavorIsSkippedNamingBoth() throws Exception {
        Check mysqlOnly = check("mysql_only_check", "mysql", "requires: { flavor: mysql }", "true");
        RunReport report = run(List.of(mysqlOnly), Path.of("/proc"), HostSpec.none(), MariaDbServer.shared().dsn());
        assertThat(item(report, "t0", "mysql_only_check").reason()).get().asString()
                .isEqualTo("applies to mysql only; this server is mariadb");
    }

    @Test
    void aCheckNeedingHostMemoryIsSkippedWhenTheHostIsUnknown() throws Exception {
        Check memory = check("memory_check", "postgresql", "", "host.memory < 1");
        RunReport report = run(List.of(memory), Path.of("/nonexistent-proc"), HostSpec.none(),
                PostgresServer.shared().dsn("postgres"));
        RunItem item = item(report, "t0", "memory_check");
        assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item.reason()).get().asString().contains("nonexistent-proc").doesNotContain("--");
        assertThat(item.unavailable()).get().isInstanceOfSatisfying(NotConfigured.class,
                missing -> assertThat(missing.setting()).isEqualTo(Setting.HOST));
    }

    @Test
    void declaredHostMemoryReachesTheRule() throws Exception {
        Check memory = check("memory_check", "postgresql", "", "host.memory == 17179869184 && host.source == 'declared'");
        RunReport report = run(List.of(memory), Path.of("/nonexistent-proc"), HostSpec.fromOptions("16GiB", 4, null),
                PostgresServer.shared().dsn("postgres"));
        assertThat(item(report, "t0", "memory_check").status()).isEqualTo(ItemStatus.FINDINGS);
    }

    @Test
    void ratesAreSkippedWithoutASamplingWindowAsASettingNotMadeWithoutNamingAFlag() throws Exception {
        Check rates = check("rate_check", "mysql", "", "rates.Questions > 1000.0");
        RunReport report = run(List.of(rates), Path.of("/proc"), HostSpec.none(), MariaDbServer.shared().dsn());
        RunItem item = item(report, "t0", "rate_check");
        assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item.unavailable()).contains(new NotConfigured(Setting.SAMPLE, "rates need a sampling window"));
        assertThat(item.reason()).contains("rates need a sampling window");
    }

    @Test
    void targetsAreCheckedIndependentlyAndAFailedTargetMarksItsItemsAsErrors() throws Exception {
        Check pg = check("pg_check", "postgresql", "", "target.labels.env == 'test' && version.major >= 10");
        Check my = check("my_check", "mysql", "", "version.flavor == 'mariadb'");
        String unreachable = "postgresql://postgres@127.0.0.1:" + FreePorts.find() + "/postgres";
        RunReport report = run(List.of(pg, my), Path.of("/proc"), HostSpec.none(),
                PostgresServer.shared().dsn("postgres"), MariaDbServer.shared().dsn(), unreachable);
        assertThat(item(report, "t0", "pg_check").status()).isEqualTo(ItemStatus.FINDINGS);
        assertThat(item(report, "t1", "my_check").status()).isEqualTo(ItemStatus.FINDINGS);
        assertThat(report.items()).noneMatch(i -> i.target().equals("t0") && i.check().equals("my_check"));
        RunItem failed = item(report, "t2", "pg_check");
        assertThat(failed.status()).isEqualTo(ItemStatus.ERROR);
        assertThat(failed.reason()).get().asString().contains("target could not be checked");
        assertThat(report.anyTargetFailed()).isTrue();
    }

    @Test
    void aPerDatabaseQueryRunsInEveryConnectableDatabaseAndNamesIt() throws Exception {
        try (PostgresServer pg = PostgresServer.builder().initSql("CREATE DATABASE app", "CREATE DATABASE reports").start()) {
            Check perDb = load("per_db", """
                    name: per_db_check
                    engine: postgresql
                    category: configuration
                    severity: info
                    summary: "{{database}}"
                    description: d
                    remediation: r
                    queries:
                      here:
                        all_databases: true
                        sql: SELECT current_database() AS name
                    rule: "here.map(h, {'database': h.database, 'name': h.name})"
                    """);
            RunReport report = run(List.of(perDb), Path.of("/proc"), HostSpec.none(), pg.dsn("postgres"));
            RunItem item = item(report, "t0", "per_db_check");
            assertThat(item.findings()).extracting(f -> f.texts().get("database"))
                    .containsExactly("app", "postgres", "reports");
            assertThat(item.findings()).allMatch(f -> f.texts().get("database").equals(f.texts().get("name")));
            assertThat(report.targets().get(0).stats().connections()).isEqualTo(3);
        }
    }

    /**
     * Issue 6, reproduction 5: an OutOfMemoryError while checking one target ended the run with no report for any.
     * Here the PostgreSQL target's check really throws: its params (as a configuration's per-check override may set
     * them) are a list of 2^31-1 elements, whose conversion for the rule asks for an array larger than the VM allows,
     * or a list that holds itself, whose conversion recurses until the stack overflows.
     */
    @Test
    void whateverIsThrownWhileCheckingOneTargetMakesItsItemsErrorsAndTheOthersAreStillReported() throws Exception {
        Check poisoned = check("poisoned_check", "postgresql", "params: { words: [] }", "size(params.words) > 0");
        Check fine = check("fine_check", "mysql", "", "version.flavor == 'mariadb'");
        List<Object> itself = new java.util.ArrayList<>();
        itself.add(itself);
        for (Object words : List.of(java.util.Collections.nCopies(Integer.MAX_VALUE, "x"), itself)) {
            RunReport report = run(List.of(poisoned.withParams(Map.of("words", words)), fine), Path.of("/proc"),
                    HostSpec.none(), PostgresServer.shared().dsn("postgres"), MariaDbServer.shared().dsn());

            RunItem crashed = item(report, "t0", "poisoned_check");
            assertThat(crashed.status()).isEqualTo(ItemStatus.ERROR);
            String thrown = words == itself ? "java.lang.StackOverflowError" : "java.lang.OutOfMemoryError";
            assertThat(crashed.reason()).get().asString()
                    .startsWith("target could not be checked: t0: checking it failed unexpectedly: " + thrown);
            assertThat(report.targets().get(0).failure()).get().asString().contains(thrown);
            assertThat(report.anyTargetFailed()).as("the CLI exits 3").isTrue();

            assertThat(item(report, "t1", "fine_check").status()).isEqualTo(ItemStatus.FINDINGS);
            assertThat(report.targets().get(1).failed()).isFalse();
        }
    }

    @Test
    void whatAFailedQueryMeansIsDecidedByItsKindAPrivilegeMissingSkipsAnyOtherFailureErrs() throws Exception {
        try (PostgresServer pg = PostgresServer.builder().initSql("CREATE ROLE watcher LOGIN").start()) {
            Check denied = queryCheck("denied_check", "SELECT rolpassword FROM pg_authid");
            Check broken = queryCheck("broken_check", "SELECT 1 / 0 AS n");
            String watcher = "postgresql://watcher@127.0.0.1:" + pg.port() + "/postgres";

            RunReport report = run(List.of(denied, broken), Path.of("/proc"), HostSpec.none(), watcher);

            RunItem skipped = item(report, "t0", "denied_check");
            assertThat(skipped.status()).isEqualTo(ItemStatus.SKIPPED);
            assertThat(skipped.unavailable()).get().isInstanceOf(PrivilegeMissing.class);
            assertThat(skipped.reason()).get().asString().startsWith("query 'rows': privilege missing")
                    .contains("permission denied for table pg_authid");
            RunItem erred = item(report, "t0", "broken_check");
            assertThat(erred.status()).isEqualTo(ItemStatus.ERROR);
            assertThat(erred.unavailable()).get().isInstanceOf(Failed.class);
            assertThat(erred.reason()).get().asString().startsWith("query 'rows': ").contains("division by zero");
        }
    }

    @Test
    void aFactSourceReplacedThroughTheSetUpDecidesSkippedOrErrorByTheKindItReturns() throws Exception {
        Check tls = check("tls_check", "postgresql", "", "tls.offered");
        Target target = new Target("t0", Dsn.parse(PostgresServer.shared().dsn("postgres")), Map.of());
        Map<Unavailable, ItemStatus> expected = Map.of(
                new Unavailable.NotApplicable("no TLS here"), ItemStatus.SKIPPED,
                new PrivilegeMissing("may not look"), ItemStatus.SKIPPED,
                new Failed("the handshake broke"), ItemStatus.ERROR);
        for (Map.Entry<Unavailable, ItemStatus> e : expected.entrySet()) {
            RunReport report = EngineSetup.standard()
                    .source(BuiltinFact.TLS, (t, v) -> FactOutcome.unavailable(e.getKey()))
                    .build().run(List.of(tls), List.of(target), RunOptions.of(RunTrigger.MANUAL));

            RunItem item = item(report, "t0", "tls_check");
            assertThat(item.status()).as(e.getKey().toString()).isEqualTo(e.getValue());
            assertThat(item.unavailable()).contains(e.getKey());
            assertThat(item.reason()).contains(e.getKey().detail());
        }
    }

    @Test
    void aFactSourceThatThrowsMakesTheChecksThatNeedItErrorsNamingTheFailure() throws Exception {
        Check tls = check("tls_check", "postgresql", "", "tls.offered");
        Target target = new Target("t0", Dsn.parse(PostgresServer.shared().dsn("postgres")), Map.of());

        RunReport report = EngineSetup.standard()
                .source(BuiltinFact.TLS, (t, v) -> {
                    throw new IllegalStateException("probe exploded");
                })
                .build().run(List.of(tls), List.of(target), RunOptions.of(RunTrigger.MANUAL));

        RunItem item = item(report, "t0", "tls_check");
        assertThat(item.status()).isEqualTo(ItemStatus.ERROR);
        assertThat(item.reason()).get().asString().isEqualTo("reading tls failed: java.lang.IllegalStateException: probe exploded");
    }

    @Test
    void theStandardSetUpSuppliesTlsAndReleaseFactsAsTheCommandLineHas() throws Exception {
        Check outside = check("outside_facts_check", "postgresql", "",
                "tls.offered == false && releases.product == 'postgresql' && releases.line == string(version.major)");
        RunReport report = run(List.of(outside), Path.of("/proc"), HostSpec.none(), PostgresServer.shared().dsn("postgres"));
        RunItem item = item(report, "t0", "outside_facts_check");
        assertThat(item.status()).as(item.reason().orElse("")).isEqualTo(ItemStatus.FINDINGS);
    }

    @Test
    void hostFactsDeclaredOnOneTargetAreThatTargetsAlone() throws Exception {
        Check memory = check("memory_check", "postgresql", "", "host.memory == 17179869184");
        Dsn dsn = Dsn.parse(PostgresServer.shared().dsn("postgres"));
        List<Target> targets = List.of(new Target("declared", dsn, Map.of(), HostSpec.fromOptions("16GiB", null, null)),
                new Target("undeclared", dsn, Map.of()));

        RunReport report = EngineSetup.standard().procRoot(Path.of("/nonexistent-proc")).build()
                .run(List.of(memory), targets, RunOptions.of(RunTrigger.MANUAL));

        assertThat(item(report, "declared", "memory_check").status()).isEqualTo(ItemStatus.FINDINGS);
        assertThat(item(report, "undeclared", "memory_check").status()).isEqualTo(ItemStatus.SKIPPED);
    }

    @Test
    void everyRunHasItsOwnIdAndTheTriggerItWasGiven() throws Exception {
        Check pg = check("pg_check", "postgresql", "", "true");
        Target target = new Target("t0", Dsn.parse(PostgresServer.shared().dsn("postgres")), Map.of());
        RunExecutor executor = EngineSetup.standard().build();

        RunReport first = executor.run(List.of(pg), List.of(target), RunOptions.of(RunTrigger.SCHEDULE));
        RunReport second = executor.run(List.of(pg), List.of(target), RunOptions.of(RunTrigger.CLI));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.trigger()).isEqualTo(RunTrigger.SCHEDULE);
        assertThat(second.trigger()).isEqualTo(RunTrigger.CLI);
    }
}
