package io.dbwarden.app;

import io.dbwarden.check.Interval;
import io.dbwarden.host.HostSpec;
import io.dbwarden.units.Durations;
import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
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
 * Reads {@code dbwarden.yaml} strictly into a {@link ConfigDraft}: unknown or duplicate keys, values of the wrong
 * shape and invalid targets, tokens or Alertmanagers are problems at {@code file:line:col}, as in check files. The
 * known keys come from {@link Setting}.
 */
final class YamlConfigReader {

    private static final Set<String> TARGET_FIELDS = Set.of("name", "dsn", "labels", "host");
    private static final Set<String> HOST_FIELDS = Set.of("memory", "cpus", "node_exporter");
    private static final Set<String> TOKEN_FIELDS = Set.of("name", "role", "hash");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("interval", "params");
    private static final Set<String> ALERTMANAGER_FIELDS =
            Set.of("url", "basic_auth", "bearer_token", "tls_config", "timeout");
    private static final Set<String> BASIC_AUTH_FIELDS = Set.of("username", "password");
    private static final Set<String> TLS_FIELDS =
            Set.of("ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify");

    private final String file;
    private final ConfigDraft draft;

    private YamlConfigReader(String file, ConfigDraft draft) {
        this.file = file;
        this.draft = draft;
    }

    static void read(String file, String text, ConfigDraft draft) {
        new YamlConfigReader(file, draft).read(text);
    }

    private void read(String text) {
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false).build();
            root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String where = mark == null ? file + ":1:1" : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            draft.problem(where, "invalid YAML: " + (e.getProblem() == null ? e.getMessage() : e.getProblem()));
            return;
        } catch (RuntimeException e) {
            draft.problem(file + ":1:1", "invalid YAML: " + e.getMessage());
            return;
        }
        if (root.isEmpty()) {
            return;
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            problem(root.get(), "the configuration must be a mapping of settings such as listen, store and targets");
            return;
        }
        walk(mapping, "");
    }

    /** Visits one level of the settings tree; the allowed keys are the next segments of the settings' paths. */
    private void walk(MappingNode mapping, String prefix) {
        Set<String> allowed = new TreeSet<>();
        for (Setting s : Setting.values()) {
            if (s.path().startsWith(prefix)) {
                String rest = s.path().substring(prefix.length());
                allowed.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
            }
        }
        for (NodeTuple tuple : fields(mapping, allowed, prefix.isEmpty() ? "the configuration" : "'" + prefix.substring(0, prefix.length() - 1) + "'").values()) {
            String path = prefix + ((ScalarNode) tuple.getKeyNode()).getValue();
            Node value = tuple.getValueNode();
            Optional<Setting> setting = Setting.atPath(path);
            if (setting.isPresent()) {
                leaf(setting.get(), value);
            } else if (value instanceof MappingNode nested) {
                walk(nested, path + ".");
            } else if (!isNull(value)) {
                problem(value, "'" + path + "' must be a mapping");
            }
        }
    }

    private void leaf(Setting setting, Node value) {
        String where = where(value);
        switch (setting) {
            case TARGETS -> draft.fileTargets = items(value, setting, this::target);
            case ALERTMANAGERS -> draft.fileAlertmanagers = items(value, setting, this::alertmanager);
            case AUTH_TOKENS -> draft.fileTokens = items(value, setting, this::token);
            case CHECK_OVERRIDES -> draft.overrides = overrides(value);
            default -> {
                if (setting.shape() == Setting.Shape.LIST) {
                    if (isNull(value)) {
                        draft.put(setting, new ConfigDraft.Texts(List.of(), where));
                    } else if (value instanceof SequenceNode seq) {
                        List<ConfigDraft.Text> texts = new ArrayList<>();
                        for (Node item : seq.getValue()) {
                            String text = scalar(item, setting.path() + " item");
                            if (text != null) {
                                texts.add(new ConfigDraft.Text(text, where(item)));
                            }
                        }
                        draft.put(setting, new ConfigDraft.Texts(texts, where));
                    } else {
                        problem(value, "'" + setting.path() + "' must be a list");
                    }
                } else {
                    String text = scalar(value, "'" + setting.path() + "'");
                    if (text != null) {
                        draft.put(setting, new ConfigDraft.Texts(List.of(new ConfigDraft.Text(text, where)), where));
                    }
                }
            }
        }
    }

    private <T> List<T> items(Node value, Setting setting, Function<Node, T> reader) {
        if (isNull(value)) {
            return List.of();
        }
        if (!(value instanceof SequenceNode seq)) {
            problem(value, "'" + setting.path() + "' must be a list");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            T built = reader.apply(item);
            if (built != null) {
                out.add(built);
            }
        }
        return out;
    }

    private TargetDefinition target(Node node) {
        Map<String, NodeTuple> f = mapping(node, TARGET_FIELDS, "a target", Set.of("name", "dsn"));
        if (f == null) {
            return null;
        }
        String name = scalar(f.get("name"));
        String dsn = scalar(f.get("dsn"));
        Map<String, String> labels = f.containsKey("labels") ? labels(f.get("labels").getValueNode()) : Map.of();
        HostSpec host = f.containsKey("host") ? host(f.get("host").getValueNode()) : HostSpec.none();
        if (name == null || dsn == null || labels == null || host == null) {
            return null;
        }
        if (DsnPasswords.hasInline(dsn)) {
            problem(f.get("dsn").getValueNode(), ServiceConfig.inlinePassword(name).getMessage());
            return null;
        }
        return build(node, () -> new TargetDefinition(name, dsn, labels, host));
    }

    private Map<String, String> labels(Node node) {
        if (!(node instanceof MappingNode m)) {
            problem(node, "'labels' must map label names to values, e.g. { env: prod, team: payments }");
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        boolean ok = true;
        for (NodeTuple t : m.getValue()) {
            String name = scalar(t.getKeyNode(), "a label name");
            String value = scalar(t.getValueNode(), "label '" + name + "'");
            if (name == null || value == null) {
                ok = false;
                continue;
            }
            try {
                Names.requireLabel(name, value);
                labels.put(name, value);
            } catch (IllegalArgumentException e) {
                problem(t.getKeyNode(), e.getMessage());
                ok = false;
            }
        }
        return ok ? labels : null;
    }

    private HostSpec host(Node node) {
        Map<String, NodeTuple> f = mapping(node, HOST_FIELDS, "'host'", Set.of());
        if (f == null) {
            return null;
        }
        String memory = f.containsKey("memory") ? scalar(f.get("memory")) : null;
        Integer cpus = f.containsKey("cpus") ? convert(f.get("cpus").getValueNode(), Integer::valueOf, "cpus must be a whole number") : null;
        String exporter = f.containsKey("node_exporter") ? scalar(f.get("node_exporter")) : null;
        try {
            return HostSpec.fromOptions(memory, cpus, exporter);
        } catch (IllegalArgumentException e) {
            problem(node, e.getMessage());
            return null;
        }
    }

    private ApiToken token(Node node) {
        Map<String, NodeTuple> f = mapping(node, TOKEN_FIELDS, "a token", TOKEN_FIELDS);
        if (f == null) {
            return null;
        }
        String name = scalar(f.get("name"));
        Role role = convert(f.get("role").getValueNode(), Role::fromId, null);
        TokenHash hash = convert(f.get("hash").getValueNode(), TokenHash::parse, null);
        if (name == null || role == null || hash == null) {
            return null;
        }
        return build(node, () -> new ApiToken(name, role, hash));
    }

    private AlertmanagerConfig alertmanager(Node node) {
        if (node instanceof ScalarNode) {
            String url = scalar(node, "an Alertmanager");
            return url == null ? null : build(node, () -> AlertmanagerConfig.of(url));
        }
        Map<String, NodeTuple> f = mapping(node, ALERTMANAGER_FIELDS, "an Alertmanager", Set.of("url"));
        if (f == null) {
            return null;
        }
        URI url = convert(f.get("url").getValueNode(), YamlConfigReader::uri, null);
        Optional<AlertmanagerConfig.BasicAuth> basic = Optional.empty();
        if (f.containsKey("basic_auth")) {
            Map<String, NodeTuple> b = mapping(f.get("basic_auth").getValueNode(), BASIC_AUTH_FIELDS, "'basic_auth'",
                    BASIC_AUTH_FIELDS);
            if (b == null) {
                return null;
            }
            String username = scalar(b.get("username"));
            SecretRef password = convert(b.get("password").getValueNode(), SecretRef::parse, null);
            if (username == null || password == null) {
                return null;
            }
            basic = build(f.get("basic_auth").getValueNode(),
                    () -> Optional.of(new AlertmanagerConfig.BasicAuth(username, password)));
            if (basic == null) {
                return null;
            }
        }
        Optional<SecretRef> bearer = Optional.empty();
        if (f.containsKey("bearer_token")) {
            SecretRef ref = convert(f.get("bearer_token").getValueNode(), SecretRef::parse, null);
            if (ref == null) {
                return null;
            }
            bearer = Optional.of(ref);
        }
        AlertmanagerConfig.TlsOptions tls = f.containsKey("tls_config") ? tls(f.get("tls_config").getValueNode())
                : AlertmanagerConfig.TlsOptions.NONE;
        Duration timeout = f.containsKey("timeout")
                ? convert(f.get("timeout").getValueNode(), Durations::parse, null) : AlertmanagerConfig.DEFAULT_TIMEOUT;
        if (url == null || tls == null || timeout == null) {
            return null;
        }
        Optional<AlertmanagerConfig.BasicAuth> basicAuth = basic;
        Optional<SecretRef> bearerToken = bearer;
        return build(node, () -> new AlertmanagerConfig(url, basicAuth, bearerToken, tls, timeout));
    }

    private AlertmanagerConfig.TlsOptions tls(Node node) {
        Map<String, NodeTuple> f = mapping(node, TLS_FIELDS, "'tls_config'", Set.of());
        if (f == null) {
            return null;
        }
        Boolean insecure = f.containsKey("insecure_skip_verify")
                ? convert(f.get("insecure_skip_verify").getValueNode(), YamlConfigReader::bool, null) : Boolean.FALSE;
        if (insecure == null) {
            return null;
        }
        return build(node, () -> new AlertmanagerConfig.TlsOptions(optionalPath(f.get("ca_file")),
                optionalPath(f.get("cert_file")), optionalPath(f.get("key_file")),
                Optional.ofNullable(f.get("server_name")).map(this::scalar), insecure));
    }

    private Map<String, CheckOverride> overrides(Node node) {
        if (isNull(node)) {
            return Map.of();
        }
        if (!(node instanceof MappingNode m)) {
            problem(node, "'checks.overrides' must map check names to { interval, params }");
            return Map.of();
        }
        Map<String, CheckOverride> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String check = scalar(t.getKeyNode(), "a check name");
            if (check == null) {
                continue;
            }
            try {
                ChecksConfig.requireCheckName(check);
            } catch (IllegalArgumentException e) {
                problem(t.getKeyNode(), e.getMessage());
                continue;
            }
            Map<String, NodeTuple> f = mapping(t.getValueNode(), OVERRIDE_FIELDS, "the override of " + check, Set.of());
            if (f == null) {
                continue;
            }
            Optional<Interval> interval = Optional.empty();
            if (f.containsKey("interval")) {
                Interval parsed =
                        convert(f.get("interval").getValueNode(), Interval::parse, null);
                if (parsed == null) {
                    continue;
                }
                interval = Optional.of(parsed);
            }
            Map<String, Object> params = Map.of();
            if (f.containsKey("params")) {
                Node p = f.get("params").getValueNode();
                if (!(p instanceof MappingNode)) {
                    problem(p, "'params' must map parameter names to values");
                    continue;
                }
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> values = (Map<String, Object>) javaValue(p);
                    params = values;
                } catch (RuntimeException e) {
                    problem(p, "'params' must hold plain values, lists and mappings with word keys");
                    continue;
                }
            }
            out.put(check, new CheckOverride(interval, params));
        }
        return out;
    }

    // ---- helpers ----

    /** The fields of a mapping, with unknown, duplicate and missing ones reported; null when it is not a mapping. */
    private Map<String, NodeTuple> mapping(Node node, Set<String> allowed, String what, Set<String> required) {
        if (!(node instanceof MappingNode m)) {
            problem(node, what + " must be a mapping with " + String.join(", ", new TreeSet<>(allowed)));
            return null;
        }
        Map<String, NodeTuple> f = fields(m, allowed, what);
        boolean complete = true;
        for (String r : new TreeSet<>(required)) {
            if (!f.containsKey(r)) {
                problem(node, what + " needs '" + r + "'");
                complete = false;
            }
        }
        return complete ? f : null;
    }

    private Map<String, NodeTuple> fields(MappingNode mapping, Set<String> allowed, String what) {
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(tuple.getKeyNode(), "setting names must be plain words");
                continue;
            }
            if (fields.containsKey(key.getValue())) {
                problem(key, "duplicate key '" + key.getValue() + "' in " + what);
            } else if (!allowed.contains(key.getValue())) {
                problem(key, "unknown key '" + key.getValue() + "' in " + what + " (expected one of "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            } else {
                fields.put(key.getValue(), tuple);
            }
        }
        return fields;
    }

    private String scalar(NodeTuple tuple) {
        return scalar(tuple.getValueNode(), "'" + ((ScalarNode) tuple.getKeyNode()).getValue() + "'");
    }

    private String scalar(Node node, String what) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        problem(node, what + " must be a single value");
        return null;
    }

    private Optional<Path> optionalPath(NodeTuple tuple) {
        return Optional.ofNullable(tuple).map(this::scalar).map(Path::of);
    }

    /** Parses a scalar, reporting a parse failure at the value; {@code message} replaces the parser's own. */
    private <T> T convert(Node node, Function<String, T> parser, String message) {
        String text = scalar(node, "this setting");
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problem(node, message != null ? message : e.getMessage());
            return null;
        }
    }

    private interface Builder<T> {
        T build();
    }

    private <T> T build(Node node, Builder<T> builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            problem(node, e.getMessage());
            return null;
        }
    }

    private static URI uri(String text) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL (" + e.getReason() + ")");
        }
    }

    private static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** A YAML value as a check parameter: Long, Double, Boolean, String, lists and maps of them. */
    private static Object javaValue(Node node) {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            if (tag.equals(Tag.INT)) {
                return Long.decode(s.getValue().replace("_", ""));
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(s.getValue());
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
            }
            return tag.equals(Tag.NULL) ? "" : s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(YamlConfigReader::javaValue).toList();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            out.put(((ScalarNode) t.getKeyNode()).getValue(), javaValue(t.getValueNode()));
        }
        return out;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private String where(Node node) {
        Optional<Mark> mark = node.getStartMark();
        return file + ":" + mark.map(m -> m.getLine() + 1).orElse(1) + ":" + mark.map(m -> m.getColumn() + 1).orElse(1);
    }

    private void problem(Node node, String message) {
        draft.problem(where(node), message);
    }
}
