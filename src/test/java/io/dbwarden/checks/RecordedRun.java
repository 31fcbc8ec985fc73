package io.dbwarden.checks;

import io.dbwarden.cel.CelValues;
import io.dbwarden.check.Check;
import io.dbwarden.collect.TextValues;
import io.dbwarden.evaluate.Evaluator;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.version.ServerVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one built-in check's rule over recorded facts, for conditions the servers on this
 * machine cannot produce (MySQL-8-only variables, a lagging replica). Tests that use it say so in
 * their names; every value is typed exactly as collection types it.
 */
public final class RecordedRun {

    private final Check check;
    private final Map<String, Object> activation = new LinkedHashMap<>();
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Map<String, Object> status = new LinkedHashMap<>();
    private final Map<String, Object> rates = new LinkedHashMap<>();

    private RecordedRun(String checkName) {
        check = CheckRun.catalog().find(checkName).orElseThrow(() -> new AssertionError("no built-in check " + checkName));
        activation.put("variables", variables);
        activation.put("status", status);
        activation.put("rates", rates);
        activation.put("params", CelValues.toCel(check.params()));
        activation.put("target", Map.of("name", "recorded", "engine", check.engine().id(), "labels", Map.of(), "local", false));
    }

    public static RecordedRun of(String checkName) {
        return new RecordedRun(checkName);
    }

    /** Starts from a real server's variables, e.g. {@code SHOW GLOBAL VARIABLES} rows as text. */
    public RecordedRun variablesFromText(Map<String, String> values) {
        values.forEach(this::variable);
        return this;
    }

    /** A MySQL-style variable given as the text the server shows. */
    public RecordedRun variable(String name, String text) {
        variables.put(name, TextValues.typed(text));
        return this;
    }

    /** A variable already typed (PostgreSQL booleans, bytes, milliseconds). */
    public RecordedRun variable(String name, Object value) {
        variables.put(name, CelValues.toCel(value));
        return this;
    }

    public RecordedRun status(String name, String text) {
        status.put(name, TextValues.typed(text));
        return this;
    }

    public RecordedRun rate(String name, double perSecond) {
        rates.put(name, perSecond);
        return this;
    }

    public RecordedRun query(String name, List<Map<String, Object>> rows) {
        activation.put(name, CelValues.toCel(rows));
        return this;
    }

    public RecordedRun host(long memoryBytes, int cpus) {
        activation.put("host", Map.of("memory", memoryBytes, "cpus", (long) cpus, "source", "declared"));
        return this;
    }

    public RecordedRun version(ServerVersion version) {
        activation.put("version", version.toCelMap());
        return this;
    }

    /** Any other built-in fact (tls, releases) as CEL-ready values. */
    public RecordedRun fact(String name, Map<String, Object> values) {
        activation.put(name, CelValues.toCel(values));
        return this;
    }

    public List<Finding> findings() throws Exception {
        if (!activation.containsKey("version")) {
            throw new IllegalStateException("record the server version too: rules may read it");
        }
        Target recorded = new Target("recorded", Dsn.parse(check.engine().id() + "://recorded/"), Map.of());
        return new Evaluator().evaluate(check, recorded, activation);
    }
}
