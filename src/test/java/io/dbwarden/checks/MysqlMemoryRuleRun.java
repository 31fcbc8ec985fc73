package io.dbwarden.checks;

import io.dbwarden.cel.CelValues;
import io.dbwarden.check.Check;
import io.dbwarden.evaluate.Evaluator;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.testing.MariaDbServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates one built-in check's rule over a real server's global variables with some of them replaced, for
 * conditions this machine's MariaDB cannot produce (e.g. MySQL 8's innodb_dedicated_server). Only what a
 * missing server feature forces is made up; everything else is the server's own.
 */
final class MysqlMemoryRuleRun {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private final Check check;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private Map<String, Object> host = Map.of();

    private MysqlMemoryRuleRun(String checkName, MariaDbServer server) {
        check = CheckRun.catalog().find(checkName)
                .orElseThrow(() -> new AssertionError("no built-in check " + checkName));
        for (Map<String, Object> row : server.query("SHOW GLOBAL VARIABLES")) {
            variables.put(String.valueOf(row.get("Variable_name")), typed(String.valueOf(row.get("Value"))));
        }
    }

    static MysqlMemoryRuleRun of(String checkName, MariaDbServer server) {
        return new MysqlMemoryRuleRun(checkName, server);
    }

    /** Replaces or adds a global variable, typed the way SHOW GLOBAL VARIABLES values reach rules. */
    MysqlMemoryRuleRun variable(String name, String value) {
        variables.put(name, typed(value));
        return this;
    }

    /** Host facts as --host-memory declares them. */
    MysqlMemoryRuleRun declaredHostMemory(long bytes) {
        host = Map.of("memory", bytes, "source", "declared");
        return this;
    }

    List<Finding> findings() throws Exception {
        Map<String, Object> activation = new LinkedHashMap<>();
        activation.put("variables", variables);
        activation.put("host", host);
        activation.put("params", CelValues.toCel(check.params()));
        return new Evaluator().evaluate(check, "test-target", activation);
    }

    private static Object typed(String text) {
        if (INTEGER.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return text;
    }
}
