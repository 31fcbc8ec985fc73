package io.dbwarden.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dbwarden.cli.ExitCodes;
import io.dbwarden.report.TextTable;
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
import picocli.CommandLine.Spec;

/** {@code dbwarden findings}: the findings a running {@code dbwarden serve} holds, filtered. */
@Command(name = "findings", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Lists the findings of a running 'dbwarden serve', most recently seen first.",
        "Exit codes: 0 listed, 2 the server refused the request (e.g. an unknown severity), 3 the server cannot be "
                + "reached."})
public final class FindingsCommand implements Callable<Integer> {

    /** The page size asked of the server: its largest, so few requests fetch a long list. */
    static final int PAGE = 1000;
    /** Findings printed unless --limit says otherwise: more is a list to filter, not to read. */
    static final int DEFAULT_LIMIT = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--target", paramLabel = "NAME", description = "Only this target's findings.")
    String target;

    @Option(names = "--check", paramLabel = "NAME", description = "Only this check's findings.")
    String check;

    @Option(names = "--severity", paramLabel = "SEVERITY", description = "Only this severity: critical, error, warning, notice or info.")
    String severity;

    @Option(names = "--category", paramLabel = "CATEGORY", description = "Only this category: security, configuration, performance, reliability or availability.")
    String category;

    @Option(names = "--state", paramLabel = "STATE", defaultValue = "open",
            description = "open, resolved, disabled or all (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "Print at most N findings (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    TextOrJson format;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "target", target);
        put(query, "check", check);
        put(query, "severity", severity);
        put(query, "category", category);
        if (!state.equals("all")) {
            query.put("state", state);
        }
        return ClientCall.run(spec, () -> {
            ApiClient client = server.client();
            List<JsonNode> findings = all(client, query, limit + 1);
            boolean more = findings.size() > limit;
            List<JsonNode> shown = more ? findings.subList(0, limit) : findings;
            PrintWriter out = spec.commandLine().getOut();
            if (format == TextOrJson.json) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode().addAll(shown);
                out.println(JsonOutput.pretty(array));
            } else {
                printText(out, shown);
            }
            if (more) {
                spec.commandLine().getErr().println("dbwarden: more findings match; showing the first " + limit
                        + " (narrow the filters or raise --limit)");
            }
            return ExitCodes.CLEAN;
        });
    }

    private static void printText(PrintWriter out, List<JsonNode> findings) {
        if (findings.isEmpty()) {
            out.println("no findings");
            return;
        }
        TextTable table = new TextTable(List.of("SEVERITY", "TARGET", "CHECK", "STATE", "LAST SEEN", "SUMMARY"));
        for (JsonNode f : findings) {
            table.add(List.of(f.path("severity").asText(), f.path("target").asText(), f.path("check").asText(),
                    f.path("state").asText(), f.path("last_seen").asText(), f.path("summary").asText()));
        }
        table.lines().forEach(out::println);
        out.println(findings.size() + (findings.size() == 1 ? " finding" : " findings"));
    }

    /** Up to {@code max} findings matching {@code query}, following the server's cursors page by page. */
    static List<JsonNode> all(ApiClient client, Map<String, String> query, int max) {
        List<JsonNode> found = new ArrayList<>();
        Map<String, String> page = new LinkedHashMap<>(query);
        page.put("limit", Integer.toString(PAGE));
        while (found.size() < max) {
            JsonNode answer = client.get("/api/v1/findings", page);
            answer.path("findings").forEach(found::add);
            JsonNode next = answer.path("next_cursor");
            if (next.isNull() || next.isMissingNode() || answer.path("findings").isEmpty()) {
                break;
            }
            page.put("cursor", next.asText());
        }
        return found.size() > max ? found.subList(0, max) : found;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null) {
            query.put(name, value);
        }
    }
}
