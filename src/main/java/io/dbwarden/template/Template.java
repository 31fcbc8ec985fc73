package io.dbwarden.template;

import io.dbwarden.target.Engine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A check's summary, description or remediation with its placeholders, parsed once by the one definition of
 * their syntax:
 * <ul>
 * <li>{@code {{field}}} is replaced by the finding's field as it is;</li>
 * <li>{@code {{field | ident}}}, {@code {{field | literal}}}, {@code {{a, b | qualified}}} and
 * {@code {{field | shell}}} quote it for the check's engine (filters chain left to right:
 * {@code {{schema, table | qualified | literal}}}), so names read from a server are never pasted into SQL
 * raw;</li>
 * <li>{@code {{#field}}…{{/field}}} keeps its text only when the field is set (not empty and not false),
 * {@code {{^field}}…{{/field}}} only when it is not, so a rule chooses between fixes without writing
 * SQL itself.</li>
 * </ul>
 */
public final class Template {

    /** Fields every finding fills besides what its rule returns. */
    public static final Set<String> STANDARD_FIELDS = Set.of("target", "engine", "check", "severity");
    /** A placeholder starting with this names one of the check's params: {@code {{params.max_days}}}. */
    public static final String PARAMS_PREFIX = "params.";

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    /** A field the template reads, with the placeholder that reads it as written, for messages. */
    public record Reference(String field, String placeholder) {}

    private sealed interface Part permits Text, Placeholder, Section {}

    private record Text(String text) implements Part {}

    private record Placeholder(List<String> fields, List<Filter> filters) implements Part {}

    private record Section(String field, boolean inverted, List<Part> body) implements Part {}

    private final Engine engine;
    private final List<Part> parts;
    private final List<Reference> references;

    private Template(Engine engine, List<Part> parts, List<Reference> references) {
        this.engine = engine;
        this.parts = parts;
        this.references = List.copyOf(references);
    }

    /** Parses {@code text} for a check of {@code engine}, whose quoting rules the filters apply. */
    public static Template parse(String text, Engine engine) throws TemplateSyntaxException {
        List<Reference> references = new ArrayList<>();
        Deque<List<Part>> open = new ArrayDeque<>();
        Deque<Section> sections = new ArrayDeque<>();
        Deque<Integer> sectionStarts = new ArrayDeque<>();
        List<Part> current = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int start = text.indexOf(OPEN, at);
            if (start < 0) {
                current.add(new Text(text.substring(at)));
                break;
            }
            if (start > at) {
                current.add(new Text(text.substring(at, start)));
            }
            int end = text.indexOf(CLOSE, start + OPEN.length());
            if (end < 0) {
                throw new TemplateSyntaxException(start, "'{{' is never closed by '}}'");
            }
            String written = text.substring(start, end + CLOSE.length());
            String inner = text.substring(start + OPEN.length(), end).strip();
            at = end + CLOSE.length();
            if (inner.startsWith("#") || inner.startsWith("^")) {
                String field = fieldName(inner.substring(1).strip(), written, start);
                references.add(new Reference(field, written));
                Section section = new Section(field, inner.startsWith("^"), new ArrayList<>());
                current.add(section);
                open.push(current);
                sections.push(section);
                sectionStarts.push(start);
                current = section.body();
            } else if (inner.startsWith("/")) {
                String field = inner.substring(1).strip();
                if (sections.isEmpty() || !sections.peek().field().equals(field)) {
                    throw new TemplateSyntaxException(start, "'" + written + "' closes no open section"
                            + (sections.isEmpty() ? "" : " ('{{/" + sections.peek().field() + "}}' is expected)"));
                }
                sections.pop();
                sectionStarts.pop();
                current = open.pop();
            } else {
                current.add(placeholder(inner, written, start, engine, references));
            }
        }
        if (!sections.isEmpty()) {
            throw new TemplateSyntaxException(sectionStarts.peek(), "section '" + sections.peek().field()
                    + "' is never closed by '{{/" + sections.peek().field() + "}}'");
        }
        return new Template(engine, current, references);
    }

    private static Placeholder placeholder(String inner, String written, int start, Engine engine,
            List<Reference> references) throws TemplateSyntaxException {
        String[] pieces = inner.split("\\|", -1);
        List<String> fields = new ArrayList<>();
        for (String f : pieces[0].split(",", -1)) {
            fields.add(fieldName(f.strip(), written, start));
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 1; i < pieces.length; i++) {
            String id = pieces[i].strip();
            Filter filter = Filter.fromId(id).orElseThrow(() -> new TemplateSyntaxException(start,
                    "unknown filter '" + id + "' in '" + written + "' (known filters: " + Filter.known() + ")"));
            if (!filter.appliesTo(engine)) {
                throw new TemplateSyntaxException(start, "filter '" + id + "' in '" + written + "' quotes SQL, and "
                        + engine.id() + " checks have none");
            }
            if (filter == Filter.QUALIFIED && i > 1) {
                throw new TemplateSyntaxException(start, "'qualified' in '" + written
                        + "' joins the placeholder's fields, so it must be the first filter");
            }
            filters.add(filter);
        }
        if (fields.size() > 1 && (filters.isEmpty() || filters.get(0) != Filter.QUALIFIED)) {
            throw new TemplateSyntaxException(start, "'" + written
                    + "' names several fields: only '| qualified' joins fields into one name");
        }
        fields.forEach(f -> references.add(new Reference(f, written)));
        return new Placeholder(List.copyOf(fields), List.copyOf(filters));
    }

    private static String fieldName(String field, String written, int start) throws TemplateSyntaxException {
        if (!FIELD.matcher(field).matches()) {
            throw new TemplateSyntaxException(start, "placeholder '" + written + "' is not a field name");
        }
        return field;
    }

    /** Every field the template reads, in order, once per placeholder or section that reads it. */
    public List<Reference> references() {
        return references;
    }

    /** The text with every placeholder filled from {@code values}; a field without a value counts as empty. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        render(parts, values, out);
        return out.toString().strip();
    }

    private void render(List<Part> list, Map<String, String> values, StringBuilder out) {
        for (Part part : list) {
            switch (part) {
                case Text t -> out.append(t.text());
                case Placeholder p -> out.append(fill(p, values));
                case Section s -> {
                    if (isSet(values.get(s.field())) != s.inverted()) {
                        render(s.body(), values, out);
                    }
                }
            }
        }
    }

    private String fill(Placeholder p, Map<String, String> values) {
        List<String> args = p.fields().stream().map(f -> values.getOrDefault(f, "")).toList();
        if (p.filters().isEmpty()) {
            return args.get(0);
        }
        String text = p.filters().get(0).apply(engine, args);
        for (Filter next : p.filters().subList(1, p.filters().size())) {
            text = next.apply(engine, List.of(text));
        }
        return text;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty() && !value.equals("false");
    }
}
