package io.dbwarden.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.cli.ExitCodes;
import io.dbwarden.report.TextTable;
import io.dbwarden.units.ByteSize;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dbwarden targets list|add|remove|test}: the inventory of a running {@code dbwarden serve}. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "Lists, adds, removes and tests the targets of a running 'dbwarden serve'.",
        subcommands = {TargetsCommand.ListTargets.class, TargetsCommand.AddTarget.class,
                TargetsCommand.RemoveTarget.class, TargetsCommand.TestTarget.class})
public final class TargetsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the targets, DSNs redacted.")
    static final class ListTargets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (default: ${DEFAULT-VALUE}).")
        TextOrJson format;

        @Override
        public Integer call() throws Exception {
            return ClientCall.run(spec, () -> {
                JsonNode targets = server.client().get("/api/v1/targets").path("targets");
                PrintWriter out = spec.commandLine().getOut();
                if (format == TextOrJson.json) {
                    out.println(JsonOutput.pretty(targets));
                    return ExitCodes.CLEAN;
                }
                if (targets.isEmpty()) {
                    out.println("no targets; add one with 'dbwarden targets add NAME DSN'");
                    return ExitCodes.CLEAN;
                }
                TextTable table = new TextTable(List.of("NAME", "ENGINE", "DSN", "LABELS", "SOURCE"));
                for (JsonNode t : targets) {
                    table.add(List.of(t.path("name").asText(), t.path("engine").asText(), t.path("dsn").asText(),
                            JsonOutput.labels(t.path("labels")), t.path("source").asText()));
                }
                table.lines().forEach(out::println);
                return ExitCodes.CLEAN;
            });
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {
            "Adds a target to the service's inventory.",
            "Give the password by reference, resolved on the server: ?password=env:NAME or ?password=file:PATH "
                    + "(a password inline in the DSN would show in 'ps', and the server keeps it only when it has a "
                    + "secret key file)."})
    static final class AddTarget implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '_', '.', '-'; becomes service_name on alerts.")
        String name;

        @Parameters(index = "1", paramLabel = "DSN", description = "postgresql://…, mysql://… or mariadb://….")
        String dsn;

        @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label copied onto every alert of the target; repeatable.")
        Map<String, String> labels = new LinkedHashMap<>();

        @Option(names = "--host-memory", paramLabel = "SIZE", description = "RAM of the database host, e.g. 64GiB.")
        String hostMemory;

        @Option(names = "--host-cpus", paramLabel = "N", description = "CPU count of the database host.")
        Integer hostCpus;

        @Option(names = "--node-exporter", paramLabel = "URL", description = "node_exporter metrics URL of the database host.")
        String nodeExporter;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("dsn", dsn);
            body.put("labels", labels);
            Map<String, Object> host = new LinkedHashMap<>();
            if (hostMemory != null) {
                try {
                    host.put("memory_bytes", ByteSize.parse(hostMemory));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--host-memory: " + e.getMessage(), e);
                }
            }
            if (hostCpus != null) {
                host.put("cpus", hostCpus);
            }
            if (nodeExporter != null) {
                host.put("node_exporter", nodeExporter);
            }
            if (!host.isEmpty()) {
                body.put("host", host);
            }
            return ClientCall.run(spec, () -> {
                JsonNode target = server.client().post("/api/v1/targets", body);
                spec.commandLine().getOut().println("added target " + target.path("name").asText() + " ("
                        + target.path("engine").asText() + ", " + target.path("dsn").asText() + ")");
                return ExitCodes.CLEAN;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a target; its runs and findings stay as history.")
    static final class RemoveTarget implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return ClientCall.run(spec, () -> {
                server.client().delete("/api/v1/targets/" + ApiClient.segment(name));
                spec.commandLine().getOut().println("removed target " + name);
                return ExitCodes.CLEAN;
            });
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Connects to a target from the server and says whether it worked.",
                    "Exit codes: 0 connected, 3 could not connect, 2 the server refused the request."})
    static final class TestTarget implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return ClientCall.run(spec, () -> {
                JsonNode result = server.client().post("/api/v1/targets/" + ApiClient.segment(name) + "/test", Map.of());
                if (result.path("ok").asBoolean()) {
                    List<String> facts = new ArrayList<>();
                    if (result.hasNonNull("version")) {
                        facts.add(result.path("version").asText());
                    }
                    facts.add(result.path("millis").asLong() + " ms");
                    spec.commandLine().getOut().println("connected to " + name + " (" + String.join(", ", facts) + ")");
                    return ExitCodes.CLEAN;
                }
                spec.commandLine().getErr().println("dbwarden: could not connect to " + name + ": "
                        + result.path("error").asText());
                return ExitCodes.TARGET_FAILED;
            });
        }
    }
}
