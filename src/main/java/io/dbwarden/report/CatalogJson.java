package io.dbwarden.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbwarden.check.Check;
import io.dbwarden.check.QuerySpec;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeMap;

/** The catalog as a JSON array: every field of every check, snake_case, absent values as null. */
final class CatalogJson {

    private CatalogJson() {}

    static void write(List<Check> checks, PrintStream out) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        CatalogOrder.sorted(checks).forEach(c -> array.add(check(c)));
        Json.write(array, out);
    }

    static ObjectNode check(Check c) {
        ObjectNode node = Json.object();
        node.put("name", c.name());
        node.put("engine", c.engine().id());
        node.put("category", c.category().id());
        node.put("severity", c.severity().id());
        node.put("interval", c.interval().id());
        ObjectNode requires = node.putObject("requires");
        Json.putOptional(requires, "version", c.requires().version().map(Object::toString));
        Json.putOptional(requires, "flavor", c.requires().flavor().map(f -> f.id()));
        node.put("summary", c.summary());
        node.put("description", c.description());
        node.put("remediation", c.remediation());
        Json.putOptional(node, "read_more", c.readMore());
        node.set("params", Json.MAPPER.valueToTree(new TreeMap<>(c.params())));
        ArrayNode queries = node.putArray("queries");
        for (QuerySpec q : c.queries()) {
            queries.addObject().put("name", q.name()).put("sql", q.sql()).put("all_databases", q.allDatabases());
        }
        node.put("rule", c.rule().expression());
        node.put("source", c.source());
        return node;
    }
}
