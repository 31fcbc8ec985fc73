package io.dbwarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The dbwarden command line: translates arguments, calls one service, maps outcomes to exit codes. */
@Command(name = "dbwarden", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds security holes and dangerous settings in MySQL/MariaDB and PostgreSQL servers.",
        subcommands = {CheckCommand.class, ChecksCommand.class, ServeCommand.class,
                io.dbwarden.cli.client.TargetsCommand.class,
                io.dbwarden.cli.client.RunCommand.class,
                io.dbwarden.cli.client.FindingsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        try {
            CliLogging.install(System.err, System.getenv(CliLogging.LEVEL_VARIABLE));
        } catch (IllegalArgumentException e) {
            System.err.println("dbwarden: " + e.getMessage());
            System.exit(ExitCodes.USAGE);
        }
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true),
                new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true),
                stdoutIsTerminal(), args);
    }

    /**
     * Java cannot tell whether stdout is a terminal, so the launcher script, which can, says so;
     * NO_COLOR (no-color.org) always wins.
     */
    private static boolean stdoutIsTerminal() {
        return Boolean.getBoolean("dbwarden.stdout.tty") && System.getenv("NO_COLOR") == null;
    }

    /** Runs one command line with the given streams; {@code terminal} allows colour. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, boolean terminal, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(terminal ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Bad input of every kind ends here: commands throw, this one place reports and picks the exit code.
            if (e instanceof io.dbwarden.check.CheckFileException problems) {
                problems.problems().forEach(commandLine.getErr()::println);
            } else {
                commandLine.getErr().println("dbwarden: " + e.getMessage());
            }
            return ExitCodes.USAGE;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("dbwarden: " + e.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dbwarden " + (v == null ? "development build" : v)};
        }
    }
}
