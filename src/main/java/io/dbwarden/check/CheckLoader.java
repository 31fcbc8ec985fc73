package io.dbwarden.check;

import io.dbwarden.cel.CompiledRule;
import io.dbwarden.cel.RuleCompileException;
import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.sql.SqlGuard;
import io.dbwarden.target.Engine;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.VersionConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one check file strictly: unknown fields, bad names and enums, SQL that could write, CEL
 * that does not compile and placeholders no finding can fill are all rejected with the file,
 * line and column. Nothing downstream validates a check again.
 */
public final class CheckLoader {

    private static final Set<String> FIELDS = Set.of("name", "engine", "category", "severity", "interval",
            "requires", "summary", "description", "remediation", "read_more", "params", "queries", "rule", "key");
    private static final Set<String> REQUIRED = Set.of("name", "engine", "category", "severity", "summary",
            "description", "remediation", "rule");
    private static final Set<String> REQUIRES_FIELDS = Set.of("version", "flavor");
    private static final Set<String> QUERY_FIELDS = Set.of("sql", "all_databases");
    private static final Pattern QUERY_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    /** Fields every finding's templates may use besides what its rule outputs. */
    private static final Set<String> STANDARD_FIELDS = Set.of("target", "engine", "check", "severity");

    private final RuleCompiler compiler;

    public CheckLoader(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    /** Parses and validates {@code text}; {@code file} names it in every message. */
    public Check load(String file, String text) throws CheckFileException {
        Problems problems = new Problems(file);
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            Optional<Node> single = composer.getSingleNode();
            if (single.isEmpty()) {
                throw new CheckFileException(List.of(new CheckProblem(file, 1, 1, "the file is empty")));
            }
            root = single.get();
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String message = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new CheckFileException(List.of(new CheckProblem(file,
                    mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "invalid YAML: " + message)));
        } catch (RuntimeException e) {
            throw new CheckFileException(List.of(new CheckProblem(file, 1, 1, "invalid YAML: " + e.getMessage())));
        }
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
        boolean queriesValid = problems.count() == problemsBeforeQueries;

        CompiledRule rule = null;
        NodeTuple ruleField = fields.get("rule");
        String ruleText = scalar(ruleField, problems);
        if (ruleText != null && queries != null && queriesValid) {
            try {
                rule = compiler.compile(ruleText, queries.stream().map(QuerySpec::name).toList());
            } catch (RuleCompileException e) {
                for (RuleCompileException.Problem p : e.problems()) {
                    problems.inRule((ScalarNode) value(ruleField), text, p);
                }
            }
        }
        Optional<List<String>> key = Optional.empty();
        if (rule != null) {
            for (String template : List.of("summary", "description", "remediation")) {
                checkPlaceholders(fields.get(template), rule, params, problems);
            }
            key = key(fields.get("key"), rule, problems);
        }
        if (problems.any()) {
            throw problems.exception();
        }
        return new Check(name, engine, category, severity, interval, requires, summary, description, remediation,
                readMore, params, queries, rule, key, file);
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
        } catch (IllegalArgumentException e) {
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
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!QUERY_NAME.matcher(key).matches()) {
                problems.at(t.getKeyNode(), "parameter name '" + key + "' must match " + QUERY_NAME.pattern());
                continue;
            }
            Object value = YamlValues.toJava(t.getValueNode());
            params.put(key, value == null ? "" : value);
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
        List<QuerySpec> queries = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            String name = ((ScalarNode) t.getKeyNode()).getValue();
            if (!QUERY_NAME.matcher(name).matches()) {
                problems.at(t.getKeyNode(), "query name '" + name + "' must match " + QUERY_NAME.pattern());
                continue;
            }
            if (io.dbwarden.cel.BuiltinFact.forVariable(name).isPresent()) {
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
                    Object flag = YamlValues.toJava(f.get("all_databases").getValueNode());
                    if (!(flag instanceof Boolean b)) {
                        problems.at(f.get("all_databases").getValueNode(), "'all_databases' must be true or false");
                        continue;
                    }
                    allDatabases = b;
                    if (allDatabases && engine != null && engine != Engine.POSTGRESQL) {
                        problems.at(f.get("all_databases").getValueNode(), "'all_databases' applies to postgresql checks only");
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
    private static Optional<List<String>> key(NodeTuple tuple, CompiledRule rule, Problems problems) {
        if (tuple == null) {
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
            } else {
                key.add(field);
            }
        }
        return Optional.of(key);
    }

    private static void checkPlaceholders(NodeTuple tuple, CompiledRule rule, Map<String, Object> params, Problems problems) {
        Node node = tuple.getValueNode();
        if (!(node instanceof ScalarNode s)) {
            return;
        }
        boolean outputKnown = rule.shape() == CompiledRule.Shape.BOOL || !rule.outputKeys().isEmpty();
        Matcher m = PLACEHOLDER.matcher(s.getValue());
        while (m.find()) {
            String field = m.group(1);
            if (STANDARD_FIELDS.contains(field)
                    || field.startsWith("params.") && params.containsKey(field.substring("params.".length()))) {
                continue;
            }
            if (!field.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                problems.at(node, "placeholder '{{" + field + "}}' is not a field name");
            } else if (outputKnown && !rule.outputKeys().contains(field)) {
                String offered = rule.outputKeys().isEmpty() ? "the rule returns a bool, so only "
                        + String.join(", ", new TreeSet<>(STANDARD_FIELDS)) + " and params.* are available"
                        : "the rule's findings carry " + String.join(", ", new TreeSet<>(rule.outputKeys()));
                problems.at(node, "placeholder '{{" + field + "}}' in '" + ((ScalarNode) tuple.getKeyNode()).getValue()
                        + "' cannot be filled: " + offered);
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
