package io.dbwarden.check;

import io.dbwarden.alert.LabelSet;
import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.cel.CompiledRule;
import io.dbwarden.cel.RuleCompileException;
import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.cel.RuleLimits;
import io.dbwarden.sql.SqlGuard;
import io.dbwarden.target.Engine;
import io.dbwarden.template.Template;
import io.dbwarden.template.TemplateSyntaxException;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.VersionConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads check files strictly, in two steps. {@link #parse} reads a file into a {@link CheckDefinition}:
 * the YAML within {@link CheckFileLimits}, unknown fields, bad names and enums, SQL that could write. It
 * is cheap, so every file is parsed. {@link #compile} compiles the rule of a definition and checks what
 * depends on it (placeholders no finding can fill, key fields); it costs a CEL compilation, so only
 * selected checks are compiled. Every problem names the file, line and column, and nothing a file holds
 * ends any other way: no exception but {@link CheckFileException} leaves this class. Nothing downstream
 * validates a check again.
 */
public final class CheckLoader {

    private static final Set<String> FIELDS = Set.of("name", "engine", "category", "severity", "interval",
            "requires", "summary", "description", "remediation", "read_more", "params", "queries", "rule", "key");
    private static final Set<String> REQUIRED = Set.of("name", "engine", "category", "severity", "summary",
            "description", "remediation", "rule");
    private static final Set<String> REQUIRES_FIELDS = Set.of("version", "flavor");
    private static final Set<String> QUERY_FIELDS = Set.of("sql", "all_databases");
    private static final Pattern QUERY_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

    private final RuleCompiler compiler;

    public CheckLoader(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    /** Reads {@code text} into a definition, without compiling its rule; {@code file} names it in every message. */
    public CheckDefinition parse(String file, String text) throws CheckFileException {
        Problems problems = new Problems(file);
        CheckDefinition definition = guarded(file, () -> read(file, text, problems));
        if (problems.any()) {
            throw problems.exception();
        }
        return definition;
    }

    /** Compiles the rule of a parsed definition into a check that can run. */
    public Check compile(CheckDefinition definition) throws CheckFileException {
        Problems problems = new Problems(definition.source);
        Check check = guarded(definition.source, () -> build(definition, compileRule(definition, problems)));
        if (problems.any()) {
            throw problems.exception();
        }
        return check;
    }

    /**
     * Parses and compiles {@code text} in one go, as {@code checks validate} does: every problem of the file is
     * reported at once, the rule's too when the fields it depends on could be read.
     */
    public Check load(String file, String text) throws CheckFileException {
        Problems problems = new Problems(file);
        Check check = guarded(file, () -> {
            CheckDefinition definition = read(file, text, problems);
            Compiled compiled = compileRule(definition, problems);
            return problems.any() ? null : build(definition, compiled);
        });
        if (problems.any()) {
            throw problems.exception();
        }
        return check;
    }

    private interface Step<T> {
        T run() throws CheckFileException;
    }

    /** The last resort that keeps a file the limits did not foresee from ending in anything but a problem. */
    private static <T> T guarded(String file, Step<T> step) throws CheckFileException {
        try {
            return step.run();
        } catch (RuntimeException | StackOverflowError e) {
            throw new CheckFileException(List.of(new CheckProblem(file, 1, 1,
                    "the check file could not be read (" + e.getClass().getSimpleName() + ")")));
        }
    }

    private CheckDefinition read(String file, String text, Problems problems) throws CheckFileException {
        CheckFiles.checkSize(text, file);
        Node root = CheckYaml.compose(file, text);
        if (!(root instanceof MappingNode mapping)) {
            problems.at(root, "a check file must be a mapping of fields such as name, engine and rule");
            throw problems.exception();
        }
        Map<String, NodeTuple> fields = fields(mapping, FIELDS, "check", problems);
        for (String required : new TreeSet<>(REQUIRED)) {
            if (!fields.containsKey(required)) {
                problems.at(root, "missing required field '" + required + "'");
            }
        }
        if (problems.any()) {
            throw problems.exception();
        }

        String name = scalar(fields.get("name"), problems);
        if (name != null && !Check.NAME.matcher(name).matches()) {
            problems.at(value(fields.get("name")), "check name '" + name
                    + "' must start with a lower-case letter and hold only a-z, 0-9 and _");
            name = null;
        }
        Engine engine = parse(fields.get("engine"), problems, Engine::fromId);
        Category category = parse(fields.get("category"), problems, Category::fromId);
        Severity severity = parse(fields.get("severity"), problems, Severity::fromId);
        Interval interval = fields.containsKey("interval") ? parse(fields.get("interval"), problems, Interval::parse)
                : Interval.STANDARD;
        Requirements requires = requirements(fields.get("requires"), problems);
        String summary = scalar(fields.get("summary"), problems);
        String description = scalar(fields.get("description"), problems);
        String remediation = scalar(fields.get("remediation"), problems);
        Optional<String> readMore = Optional.ofNullable(fields.get("read_more")).map(t -> scalar(t, problems));
        Map<String, Object> params = params(fields.get("params"), problems);
        int problemsBeforeQueries = problems.count();
        List<QuerySpec> queries = queries(fields.get("queries"), engine, problems);
        if (problems.count() != problemsBeforeQueries) {
            queries = null;
        }
        String rule = scalar(fields.get("rule"), problems);
        if (rule != null && rule.length() > RuleLimits.MAX_EXPRESSION_CHARS) {
            problems.at(value(fields.get("rule")), "the rule has " + rule.length() + " characters; a rule may have at most "
                    + RuleLimits.MAX_EXPRESSION_CHARS);
            rule = null;
        }
        return new CheckDefinition(file, text, name, engine, category, severity, interval, requires, summary,
                description, remediation, readMore, params, queries, rule, fields);
    }

    /** A compiled rule and the key fields checked against it. */
    private record Compiled(CompiledRule rule, Optional<List<String>> key) {}

    /** Null when the rule could not be compiled (problems say why) or its inputs were unreadable. */
    private Compiled compileRule(CheckDefinition d, Problems problems) {
        if (d.rule == null || d.queries == null) {
            return null;
        }
        NodeTuple ruleField = d.fields.get("rule");
        CompiledRule rule;
        try {
            rule = compiler.compile(d.rule, d.queries.stream().map(QuerySpec::name).toList());
        } catch (RuleCompileException e) {
            for (RuleCompileException.Problem p : e.problems()) {
                problems.inRule((ScalarNode) value(ruleField), d.text, p);
            }
            return null;
        }
        for (String template : List.of("summary", "description", "remediation")) {
            checkPlaceholders(d.fields.get(template), d.engine, rule, d.params, problems);
        }
        return new Compiled(rule, key(d.fields.get("key"), value(ruleField), rule, problems));
    }

    private static Check build(CheckDefinition d, Compiled compiled) {
        return compiled == null ? null : new Check(d.name, d.engine, d.category, d.severity, d.interval, d.requires,
                d.summary, d.description, d.remediation, d.readMore, d.params, d.queries, compiled.rule(), compiled.key(),
                d.source);
    }

    private static Map<String, NodeTuple> fields(MappingNode mapping, Set<String> allowed, String what, Problems problems) {
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.at(tuple.getKeyNode(), "field names must be plain words");
                continue;
            }
            if (fields.containsKey(key.getValue())) {
                problems.at(key, "duplicate field '" + key.getValue() + "' in " + what);
                continue;
            }
            if (!allowed.contains(key.getValue())) {
                problems.at(key, "unknown field '" + key.getValue() + "' in " + what + " (expected one of "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
                continue;
            }
            fields.put(key.getValue(), tuple);
        }
        return fields;
    }

    private static Node value(NodeTuple tuple) {
        return tuple.getValueNode();
    }

    private static String scalar(NodeTuple tuple, Problems problems) {
        Node node = tuple.getValueNode();
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        problems.at(node, "field '" + ((ScalarNode) tuple.getKeyNode()).getValue() + "' must be a single value");
        return null;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(NodeTuple tuple, Problems problems, Parser<T> parser) {
        String text = scalar(tuple, problems);
        if (text == null) {
            return null;
        }
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.at(tuple.getValueNode(), e.getMessage());
            return null;
        }
    }

    private static Requirements requirements(NodeTuple tuple, Problems problems) {
        if (tuple == null) {
            return Requirements.NONE;
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            problems.at(tuple.getValueNode(), "'requires' must be a mapping such as { version: \">=13\" }");
            return Requirements.NONE;
        }
        Map<String, NodeTuple> fields = fields(mapping, REQUIRES_FIELDS, "requires", problems);
        Optional<VersionConstraint> version = Optional.ofNullable(fields.get("version"))
                .map(t -> parse(t, problems, VersionConstraint::parse));
        Optional<Flavor> flavor = Optional.ofNullable(fields.get("flavor")).map(t -> parse(t, problems, Flavor::fromId));
        return new Requirements(version, flavor);
    }

    private static Map<String, Object> params(NodeTuple tuple, Problems problems) {
        if (tuple == null) {
            return Map.of();
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            problems.at(tuple.getValueNode(), "'params' must be a mapping of names to values");
            return Map.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.at(t.getKeyNode(), "parameter names must be plain words");
                continue;
            }
            String key = keyNode.getValue();
            if (!QUERY_NAME.matcher(key).matches()) {
                problems.at(t.getKeyNode(), "parameter name '" + key + "' must match " + QUERY_NAME.pattern());
                continue;
            }
            try {
                Object value = YamlValues.toJava(t.getValueNode());
                params.put(key, value == null ? "" : value);
            } catch (YamlValues.Unreadable e) {
                problems.at(e.node, "parameter '" + key + "': " + e.getMessage());
            }
        }
        return params;
    }

    private static List<QuerySpec> queries(NodeTuple tuple, Engine engine, Problems problems) {
        if (tuple == null) {
            return List.of();
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            problems.at(tuple.getValueNode(), "'queries' must map query names to SQL");
            return null;
        }
        if (mapping.getValue().size() > CheckFileLimits.MAX_QUERIES) {
            problems.at(mapping, "the check has " + mapping.getValue().size() + " queries; a check may have at most "
                    + CheckFileLimits.MAX_QUERIES);
            return null;
        }
        List<QuerySpec> queries = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode nameNode)) {
                problems.at(t.getKeyNode(), "query names must be plain words");
                continue;
            }
            String name = nameNode.getValue();
            if (!QUERY_NAME.matcher(name).matches()) {
                problems.at(t.getKeyNode(), "query name '" + name + "' must match " + QUERY_NAME.pattern());
                continue;
            }
            if (BuiltinFact.forVariable(name).isPresent()) {
                problems.at(t.getKeyNode(), "query name '" + name + "' is taken by a built-in fact");
                continue;
            }
            Node value = t.getValueNode();
            String sql;
            Node sqlNode = value;
            boolean allDatabases = false;
            if (value instanceof ScalarNode s) {
                sql = s.getValue();
            } else if (value instanceof MappingNode m) {
                Map<String, NodeTuple> f = fields(m, QUERY_FIELDS, "query '" + name + "'", problems);
                if (!f.containsKey("sql")) {
                    problems.at(value, "query '" + name + "' has no 'sql'");
                    continue;
                }
                sql = scalar(f.get("sql"), problems);
                sqlNode = f.get("sql").getValueNode();
                if (f.containsKey("all_databases")) {
                    Node flagNode = f.get("all_databases").getValueNode();
                    Object flag = flagNode instanceof ScalarNode flagScalar && flagScalar.getTag().equals(Tag.BOOL)
                            ? Boolean.parseBoolean(flagScalar.getValue().toLowerCase(java.util.Locale.ROOT)) : null;
                    if (!(flag instanceof Boolean b)) {
                        problems.at(flagNode, "'all_databases' must be true or false");
                        continue;
                    }
                    allDatabases = b;
                    if (allDatabases && engine != null && engine != Engine.POSTGRESQL) {
                        problems.at(flagNode, "'all_databases' applies to postgresql checks only");
                    }
                }
            } else {
                problems.at(value, "query '" + name + "' must be SQL text or a mapping with 'sql'");
                continue;
            }
            if (sql == null) {
                continue;
            }
            Optional<String> refusal = SqlGuard.refusal(sql, engine);
            if (refusal.isPresent()) {
                problems.at(sqlNode, "query '" + name + "' is refused: " + refusal.get());
                continue;
            }
            queries.add(new QuerySpec(name, sql.strip(), allDatabases));
        }
        return queries;
    }

    /** The fields that identify a finding; they must be fields the rule returns. Absent: all of them. */
    private static Optional<List<String>> key(NodeTuple tuple, Node ruleNode, CompiledRule rule, Problems problems) {
        if (tuple == null) {
            // Without a key every field identifies a finding, so every field the rule is seen to return is a label.
            for (String field : new TreeSet<>(rule.outputKeys())) {
                if (!field.equals("severity") && !LabelSet.isValidName(field)) {
                    problems.at(ruleNode, "the rule returns field '" + field + "', which becomes an alert label as the"
                            + " check has no 'key', so its name must match " + LabelSet.NAME_PATTERN);
                }
            }
            return Optional.empty();
        }
        if (!(tuple.getValueNode() instanceof SequenceNode seq)) {
            problems.at(tuple.getValueNode(), "'key' must be a list of the fields that identify a finding ([] for server-wide)");
            return Optional.empty();
        }
        if (rule.shape() == CompiledRule.Shape.BOOL) {
            problems.at(tuple.getValueNode(), "'key' needs a rule that returns a list of maps; a bool rule has no fields");
            return Optional.empty();
        }
        List<String> key = new ArrayList<>();
        for (Node n : seq.getValue()) {
            String field = n instanceof ScalarNode s ? s.getValue() : "";
            if (field.equals("severity") || !rule.outputKeys().isEmpty() && !rule.outputKeys().contains(field)) {
                problems.at(n, "key field '" + field + "' is not a field the rule returns ("
                        + String.join(", ", new TreeSet<>(rule.outputKeys())) + ")");
            } else if (!LabelSet.isValidName(field)) {
                problems.at(n, "key field '" + field + "' becomes an alert label, so its name must match "
                        + LabelSet.NAME_PATTERN);
            } else {
                key.add(field);
            }
        }
        return Optional.of(key);
    }

    private static void checkPlaceholders(NodeTuple tuple, Engine engine, CompiledRule rule, Map<String, Object> params,
            Problems problems) {
        Node node = tuple.getValueNode();
        if (!(node instanceof ScalarNode s) || engine == null) {
            return;
        }
        String name = ((ScalarNode) tuple.getKeyNode()).getValue();
        Template template;
        try {
            template = Template.parse(s.getValue(), engine);
        } catch (TemplateSyntaxException e) {
            problems.at(node, "'" + name + "': " + e.getMessage());
            return;
        }
        boolean outputKnown = rule.shape() == CompiledRule.Shape.BOOL || !rule.outputKeys().isEmpty();
        for (Template.Reference ref : template.references()) {
            String field = ref.field();
            if (Template.STANDARD_FIELDS.contains(field) || field.startsWith(Template.PARAMS_PREFIX)
                    && params.containsKey(field.substring(Template.PARAMS_PREFIX.length()))) {
                continue;
            }
            if (outputKnown && !rule.outputKeys().contains(field)) {
                String offered = rule.outputKeys().isEmpty() ? "the rule returns a bool, so only "
                        + String.join(", ", new TreeSet<>(Template.STANDARD_FIELDS)) + " and params.* are available"
                        : "the rule's findings carry " + String.join(", ", new TreeSet<>(rule.outputKeys()));
                problems.at(node, "placeholder '" + ref.placeholder() + "' in '" + name + "' cannot be filled: " + offered);
            }
        }
    }

    /** Collects problems with positions so one load reports everything wrong with a file. */
    private static final class Problems {
        private final String file;
        private final List<CheckProblem> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void at(Node node, String message) {
            Optional<Mark> mark = node.getStartMark();
            list.add(new CheckProblem(file, mark.map(m -> m.getLine() + 1).orElse(1),
                    mark.map(m -> m.getColumn() + 1).orElse(1), message));
        }

        /** Maps a position inside the rule text back to the file. */
        void inRule(ScalarNode rule, String text, RuleCompileException.Problem p) {
            Mark start = rule.getStartMark().orElseThrow();
            int line;
            int column;
            ScalarStyle style = rule.getScalarStyle();
            if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
                line = start.getLine() + 1 + p.line();
                column = indentOf(text, line) + p.column();
            } else {
                int quote = style == ScalarStyle.PLAIN ? 0 : 1;
                line = start.getLine() + p.line();
                column = p.line() == 1 ? start.getColumn() + quote + p.column() : p.column();
            }
            list.add(new CheckProblem(file, line, column, "rule: " + p.message()));
        }

        private static int indentOf(String text, int oneBasedLine) {
            String[] lines = text.split("\n", -1);
            if (oneBasedLine - 1 >= lines.length) {
                return 0;
            }
            String l = lines[oneBasedLine - 1];
            int i = 0;
            while (i < l.length() && l.charAt(i) == ' ') {
                i++;
            }
            return i;
        }

        int count() {
            return list.size();
        }

        boolean any() {
            return !list.isEmpty();
        }

        CheckFileException exception() {
            return new CheckFileException(list);
        }
    }
}
