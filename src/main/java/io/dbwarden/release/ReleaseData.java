package io.dbwarden.release;

import io.dbwarden.version.Flavor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 * End-of-life dates and latest releases per release line, per product, each product with the
 * date up to which its data is complete ({@code as_of}). The built-in file ships in the jar as
 * {@code releases/releases.yaml}; {@link #parse} reads one strictly and names the line and column
 * of anything it rejects.
 */
public final class ReleaseData {

    public static final String BUILT_IN_RESOURCE = "/releases/releases.yaml";

    private static final Set<String> TOP_FIELDS = Set.of("format", "products");
    private static final Set<String> PRODUCT_FIELDS = Set.of("name", "as_of", "sources", "lines");
    private static final Set<String> LINE_FIELDS = Set.of("line", "eol", "latest", "track");
    private static final Set<String> TRACKS = Set.of("lts", "innovation", "short_term");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Map<String, Flavor> PRODUCTS = Map.of(
            "postgresql", Flavor.POSTGRESQL, "mysql", Flavor.MYSQL, "mariadb", Flavor.MARIADB, "percona", Flavor.PERCONA);

    private static volatile ReleaseData builtIn;

    private final Map<Flavor, ProductReleases> products;

    private ReleaseData(Map<Flavor, ProductReleases> products) {
        this.products = Map.copyOf(products);
    }

    /** The data shipped with dbwarden, read once. */
    public static ReleaseData builtIn() {
        ReleaseData data = builtIn;
        if (data == null) {
            try (InputStream in = ReleaseData.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in release data " + BUILT_IN_RESOURCE + " is missing from the jar");
                }
                data = parse("releases.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in release data: " + e.getMessage(), e);
            }
            builtIn = data;
        }
        return data;
    }

    public static ReleaseData parse(String yaml) {
        return parse("releases.yaml", yaml);
    }

    /** Reads release data; {@code file} names it in error messages. */
    public static ReleaseData parse(String file, String yaml) {
        return new Reader(file).read(yaml);
    }

    public Optional<ProductReleases> product(Flavor flavor) {
        return Optional.ofNullable(products.get(flavor));
    }

    public Collection<ProductReleases> products() {
        return products.values();
    }

    /** The oldest as-of date of all products: the whole file is complete up to this day. */
    public LocalDate asOf() {
        return products.values().stream().map(ProductReleases::asOf).min(LocalDate::compareTo).orElseThrow();
    }

    /** Walks the YAML node tree, so that every problem can be reported where it is. */
    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        ReleaseData read(String yaml) {
            Node root;
            try {
                LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false).build();
                Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
                root = composer.getSingleNode().orElseThrow(() -> new ReleaseDataException(file, 1, 1, "the file is empty"));
            } catch (MarkedYamlEngineException e) {
                Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
                throw new ReleaseDataException(file, mark == null ? 1 : mark.getLine() + 1,
                        mark == null ? 1 : mark.getColumn() + 1, "invalid YAML: " + (e.getProblem() == null ? e.getMessage() : e.getProblem()));
            } catch (ReleaseDataException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ReleaseDataException(file, 1, 1, "invalid YAML: " + e.getMessage());
            }
            Map<String, Node> top = fields(root, TOP_FIELDS, Set.of("format", "products"), "the release data");
            String format = scalar(top.get("format"), "format");
            if (!format.equals("1")) {
                throw problem(top.get("format"), "format " + format + " is not understood (expected 1)");
            }
            Node productsNode = top.get("products");
            if (!(productsNode instanceof MappingNode productMap) || productMap.getValue().isEmpty()) {
                throw problem(productsNode, "products must map product names (" + String.join(", ", PRODUCTS.keySet().stream().sorted().toList())
                        + ") to their release data");
            }
            Map<Flavor, ProductReleases> products = new EnumMap<>(Flavor.class);
            for (NodeTuple t : productMap.getValue()) {
                String key = scalar(t.getKeyNode(), "product name");
                Flavor flavor = PRODUCTS.get(key);
                if (flavor == null) {
                    throw problem(t.getKeyNode(), "unknown product '" + key + "' (expected one of "
                            + String.join(", ", PRODUCTS.keySet().stream().sorted().toList()) + ")");
                }
                products.put(flavor, product(flavor, key, t.getValueNode()));
            }
            return new ReleaseData(products);
        }

        private ProductReleases product(Flavor flavor, String key, Node node) {
            Map<String, Node> f = fields(node, PRODUCT_FIELDS, PRODUCT_FIELDS, "product " + key);
            String name = scalar(f.get("name"), "name");
            LocalDate asOf = date(f.get("as_of"), "as_of");
            if (!(f.get("sources") instanceof SequenceNode sourcesNode) || sourcesNode.getValue().isEmpty()) {
                throw problem(f.get("sources"), "sources must list at least one page the data was taken from");
            }
            List<String> sources = new ArrayList<>();
            for (Node s : sourcesNode.getValue()) {
                String url = scalar(s, "source");
                if (!url.startsWith("https://") && !url.startsWith("http://")) {
                    throw problem(s, "source '" + url + "' is not a URL");
                }
                sources.add(url);
            }
            if (!(f.get("lines") instanceof SequenceNode linesNode) || linesNode.getValue().isEmpty()) {
                throw problem(f.get("lines"), "lines must list the release lines of " + name);
            }
            List<ReleaseLine> lines = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Node lineNode : linesNode.getValue()) {
                ReleaseLine line = line(flavor, name, lineNode);
                if (!seen.add(line.line())) {
                    throw problem(lineNode, "line " + line.line() + " of " + name + " is listed twice");
                }
                lines.add(line);
            }
            return new ProductReleases(flavor, name, asOf, sources, lines);
        }

        private ReleaseLine line(Flavor flavor, String product, Node node) {
            Map<String, Node> f = fields(node, LINE_FIELDS, Set.of("line", "eol"), "a release line");
            String line = scalar(f.get("line"), "line");
            if (!LineNumbers.isLine(flavor, line)) {
                throw problem(f.get("line"), "'" + line + "' is not a " + product + " release line (e.g. "
                        + (flavor == Flavor.POSTGRESQL ? "\"17\" or \"9.6\"" : "\"8.0\" or \"10.11\"") + ")");
            }
            Optional<LocalDate> eol = isNull(f.get("eol")) ? Optional.empty() : Optional.of(date(f.get("eol"), "eol"));
            Optional<String> latest = Optional.empty();
            if (f.containsKey("latest") && !isNull(f.get("latest"))) {
                String v = scalar(f.get("latest"), "latest");
                if (LineNumbers.releaseIn(flavor, line, v) < 0) {
                    throw problem(f.get("latest"), "latest '" + v + "' is not a release of line " + line
                            + (flavor == Flavor.POSTGRESQL && !line.contains(".")
                            ? " (expected " + line + ".N)" : " (expected " + line + ".N"
                            + (flavor == Flavor.PERCONA ? " or " + line + ".N-B" : "") + ")"));
                }
                latest = Optional.of(v);
            }
            Optional<String> track = Optional.empty();
            if (f.containsKey("track")) {
                String t = scalar(f.get("track"), "track");
                if (!TRACKS.contains(t)) {
                    throw problem(f.get("track"), "track '" + t + "' is not one of " + String.join(", ", TRACKS.stream().sorted().toList()));
                }
                track = Optional.of(t);
            }
            return new ReleaseLine(line, eol, latest, track);
        }

        private Map<String, Node> fields(Node node, Set<String> allowed, Set<String> required, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw problem(node, what + " must be a mapping of fields (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                String key = scalar(t.getKeyNode(), "field name");
                if (!allowed.contains(key)) {
                    throw problem(t.getKeyNode(), "unknown field '" + key + "' in " + what + " (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                out.put(key, t.getValueNode());
            }
            for (String r : required.stream().sorted().toList()) {
                if (!out.containsKey(r)) {
                    throw problem(node, what + " lacks the field '" + r + "'");
                }
            }
            return out;
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
        }

        /** The scalar's text as written: a plain 10.10 stays "10.10", never the number 10.1. */
        private String scalar(Node node, String what) {
            if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
                throw problem(node, what + " must be a single value");
            }
            return s.getValue().trim();
        }

        private LocalDate date(Node node, String what) {
            String text = scalar(node, what);
            if (!DATE.matcher(text).matches()) {
                throw problem(node, what + " '" + text + "' is not a date written YYYY-MM-DD");
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw problem(node, what + " '" + text + "' is not a real date");
            }
        }

        private ReleaseDataException problem(Node node, String message) {
            Optional<Mark> mark = node == null ? Optional.empty() : node.getStartMark();
            return new ReleaseDataException(file, mark.map(m -> m.getLine() + 1).orElse(1),
                    mark.map(m -> m.getColumn() + 1).orElse(1), message);
        }
    }
}
