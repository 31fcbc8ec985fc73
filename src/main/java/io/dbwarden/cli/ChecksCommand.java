package io.dbwarden.cli;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.Check;
import io.dbwarden.check.CheckFileException;
import io.dbwarden.check.CheckFiles;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.check.CheckSelection;
import io.dbwarden.report.CatalogFormatter;
import io.dbwarden.report.OutputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "checks", mixinStandardHelpOptions = true, description = "Lists, shows and validates checks.",
        subcommands = {ChecksCommand.ListCommand.class, ChecksCommand.ShowCommand.class, ChecksCommand.ValidateCommand.class})
final class ChecksCommand {


    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the catalog.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
        String format;

        @Mixin
        CatalogOptions catalog = new CatalogOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, CheckFileException {
            OutputFormat f = OutputFormat.fromId(format);
            List<Check> checks = catalog.load(CheckSelection.ALL).strict().all();
            Output.write(spec.commandLine().getOut(), out -> new CatalogFormatter().list(checks, f, out));
            return ExitCodes.CLEAN;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one check in full.")
    static final class ShowCommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        CatalogOptions catalog = new CatalogOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, CheckFileException {
            Check check = catalog.load(CheckSelection.byName(name, null)).strict().find(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no check named '" + name + "' (see 'dbwarden checks list')"));
            Output.write(spec.commandLine().getOut(), out -> new CatalogFormatter().show(check, out));
            return ExitCodes.CLEAN;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Validates check files; prints file:line:col: problem for each problem.")
    static final class ValidateCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            java.io.PrintWriter err = spec.commandLine().getErr();
            CheckLoader loader = new CheckLoader(new RuleCompiler());
            int bad = 0;
            for (Path file : files) {
                try {
                    Check check = loader.load(file.toString(), CheckFiles.read(file));
                    out.println(file + ": ok (" + check.name() + ")");
                } catch (CheckFileException e) {
                    bad++;
                    e.problems().forEach(err::println);
                }
            }
            return bad == 0 ? ExitCodes.CLEAN : ExitCodes.USAGE;
        }
    }
}
