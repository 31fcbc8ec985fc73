package io.dbwarden.check;

import io.dbwarden.target.Engine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A check file read and validated in everything but its rule: enough for the catalog to select checks by
 * name and engine. Cheap to make (a file is bounded by {@link CheckFileLimits}); only a selected definition
 * is handed to {@link CheckLoader#compile}, which turns it into a runnable {@link Check}. Only
 * {@link CheckLoader} makes them.
 */
public final class CheckDefinition {

    final String source;
    final String text;
    final String name;
    final Engine engine;
    final Category category;
    final Severity severity;
    final Interval interval;
    final Requirements requires;
    final String summary;
    final String description;
    final String remediation;
    final Optional<String> readMore;
    final Map<String, Object> params;
    /** Null when the queries could not be read, so the rule cannot be compiled against them. */
    final List<QuerySpec> queries;
    final String rule;
    /** The YAML the compile step still points into: the rule, the key, the templates. */
    final Map<String, NodeTuple> fields;

    CheckDefinition(String source, String text, String name, Engine engine, Category category, Severity severity,
                    Interval interval, Requirements requires, String summary, String description, String remediation,
                    Optional<String> readMore, Map<String, Object> params, List<QuerySpec> queries, String rule,
                    Map<String, NodeTuple> fields) {
        this.source = source;
        this.text = text;
        this.name = name;
        this.engine = engine;
        this.category = category;
        this.severity = severity;
        this.interval = interval;
        this.requires = requires;
        this.summary = summary;
        this.description = description;
        this.remediation = remediation;
        this.readMore = readMore;
        this.params = params;
        this.queries = queries;
        this.rule = rule;
        this.fields = Map.copyOf(fields);
    }

    public String name() {
        return name;
    }

    public Engine engine() {
        return engine;
    }

    /** The file it was read from, as problems name it. */
    public String source() {
        return source;
    }

    /** A problem at the value of one of the file's fields ({@code name}, {@code rule}…), at 1:1 if it has none. */
    CheckProblem problemAt(String field, String message) {
        NodeTuple tuple = fields.get(field);
        return tuple == null || tuple.getValueNode().getStartMark().isEmpty()
                ? new CheckProblem(source, 1, 1, message)
                : new CheckProblem(source, tuple.getValueNode().getStartMark().get().getLine() + 1,
                        tuple.getValueNode().getStartMark().get().getColumn() + 1, message);
    }

    @Override
    public String toString() {
        return name + " (" + source + ")";
    }
}
