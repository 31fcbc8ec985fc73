package io.dbwarden.cli;

import io.dbwarden.check.CatalogLoad;
import io.dbwarden.check.Check;
import io.dbwarden.check.CheckFileException;
import io.dbwarden.check.CheckSelection;
import io.dbwarden.check.Severity;
import io.dbwarden.host.HostSpec;
import io.dbwarden.report.OutputFormat;
import io.dbwarden.report.RunFormatters;
import io.dbwarden.run.EngineSetup;
import io.dbwarden.run.RunOptions;
import io.dbwarden.run.RunReport;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.target.ConnectOptions;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.DsnException;
import io.dbwarden.target.Target;
import io.dbwarden.units.Durations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the checks against one or more servers once and prints a report.",
                "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, "
                        + "2 usage or check-file error, 3 a target could not be checked."})
final class CheckCommand implements Callable<Integer> {

    /** The options that declare host facts, as messages about them name them. */
    static final HostSpec.Names HOST_FLAGS = new HostSpec.Names("--host-memory", "--host-cpus", "--node-exporter");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DSN", description = {
            "postgresql://user[:pass]@host[:port]/db?sslmode=…, mysql://…, mariadb://…;",
            "passwords inline or by reference: ?password=env:NAME or ?password=file:/path"})
    List<String> dsns;

    @Option(names = "--checks", paramLabel = "GLOB", description = "Only checks whose names match (comma-separated globs).")
    String include;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out checks whose names match.")
    String exclude;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif, junit or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at least this severe: critical, error, warning, notice, info. Default: never.")
    String failOn;

    @Option(names = "--sample", paramLabel = "DURATION", defaultValue = "0s",
            description = "Sample counters twice this far apart so rate-based checks can run, e.g. 60s (default: off).")
    String sample;

    @Mixin
    CatalogOptions catalog = new CatalogOptions();

    @Option(names = "--host-memory", paramLabel = "SIZE", description = "RAM of the database host, e.g. 64GiB.")
    String hostMemory;

    @Option(names = "--host-cpus", paramLabel = "N", description = "CPU count of the database host.")
    Integer hostCpus;

    @Option(names = "--node-exporter", paramLabel = "URL", description = "node_exporter metrics URL of the database host.")
    String nodeExporter;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Give up connecting after this long (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Cancel any one query after this long (default: ${DEFAULT-VALUE}).")
    String statementTimeout;

    @Option(names = {"-v", "--verbose"}, description = {
            "Log what happens to stderr: connections, collection and evaluation per target, with durations,",
            "and the database drivers' warnings (DBWARDEN_LOG_LEVEL sets the level: error, warning, info, debug)."})
    boolean verbose;

    @Override
    public Integer call() throws IOException, DsnException, CheckFileException {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        OutputFormat outputFormat = OutputFormat.fromId(format);
        Severity threshold = failOn == null ? null : Severity.fromId(failOn);
        List<Target> targets = targets(dsns, HostSpec.parse(hostMemory, hostCpus, nodeExporter, HOST_FLAGS));
        ConnectOptions connect = new ConnectOptions(Durations.parse(connectTimeout), Durations.parse(statementTimeout));
        RunOptions options = new RunOptions(RunTrigger.CLI, Durations.parse(sample));
        CheckSelection selection = CheckSelection.byName(include, exclude)
                .forEngines(targets.stream().map(t -> t.dsn().engine()).toList());
        CatalogLoad load = catalog.load(selection);
        List<Check> checks = load.strict().all();
        if (include != null && load.definitions().stream().noneMatch(d -> selection.selectsName(d.name()))) {
            throw new IllegalArgumentException("no check matches --checks '" + include + "'"
                    + (exclude == null ? "" : " after --exclude '" + exclude + "'"));
        }
        if (verbose) {
            CliLogging.verbose();
        }
        RunReport report = CliAdvice.addFlags(EngineSetup.standard().connect(connect).build().run(checks, targets, options));
        boolean colour = spec.commandLine().getColorScheme().ansi().enabled();
        Output.write(out, stream -> RunFormatters.forFormat(outputFormat, colour).write(report, stream));
        report.targets().stream().filter(t -> t.failure().isPresent())
                .forEach(t -> err.println("dbwarden: could not check " + t.failure().get()));
        if (report.anyTargetFailed()) {
            return ExitCodes.TARGET_FAILED;
        }
        boolean failing = threshold != null && report.findings().stream().anyMatch(f -> f.severity().isAtLeast(threshold));
        return failing ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }

    /**
     * One target per DSN, named after its endpoint (names stay unique so findings can be told apart), each with the
     * host facts the command line declares.
     */
    static List<Target> targets(List<String> dsns, HostSpec host) throws DsnException {
        List<Target> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String text : dsns) {
            Dsn dsn = Dsn.parse(text);
            String name = dsn.defaultName();
            for (int i = 2; !names.add(name); i++) {
                name = dsn.defaultName() + "-" + i;
            }
            targets.add(new Target(name, dsn, Map.of(), host));
        }
        return targets;
    }

}
