package io.dbwarden.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Turns resolved YAML nodes into the Java values CEL accepts: Long, Double, Boolean, String, List, Map. */
final class YamlValues {

    private YamlValues() {}

    /** A value that has no CEL counterpart, with the node to point at. */
    static final class Unreadable extends Exception {
        final transient Node node;

        Unreadable(Node node, String message) {
            super(message, null, false, false);
            this.node = node;
        }
    }

    static Object toJava(Node node) throws Unreadable {
        if (node instanceof ScalarNode s) {
            return scalar(s);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            for (Node n : seq.getValue()) {
                Object value = toJava(n);
                list.add(value == null ? "" : value);
            }
            return List.copyOf(list);
        }
        MappingNode map = (MappingNode) node;
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new Unreadable(t.getKeyNode(), "keys must be plain words");
            }
            out.put(key.getValue(), toJava(t.getValueNode()));
        }
        return out;
    }

    private static Object scalar(ScalarNode s) throws Unreadable {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.INT)) {
            return integer(s, v);
        }
        if (tag.equals(Tag.FLOAT)) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> decimal(s, v);
            };
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        return v;
    }

    /** Integers as the (JSON) schema resolves them: decimal digits with an optional sign. */
    private static long integer(ScalarNode node, String text) throws Unreadable {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Unreadable(node, "number " + text + " does not fit in 64 bits");
        }
    }

    private static double decimal(ScalarNode node, String text) throws Unreadable {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new Unreadable(node, "'" + text + "' is not a number");
        }
    }
}
