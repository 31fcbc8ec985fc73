package io.dbwarden.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The JSON plumbing the JSON, SARIF and catalog output share: one pretty, stable layout. */
final class Json {

    // Map values converted with valueToTree (check params) come out sorted; nodes built by hand keep their order.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final ObjectWriter WRITER = MAPPER.writer(printer());

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Writes {@code null} rather than leaving the key out, so every record has the same keys. */
    static ObjectNode putOptional(ObjectNode node, String key, Optional<String> value) {
        if (value.isPresent()) {
            node.put(key, value.get());
        } else {
            node.putNull(key);
        }
        return node;
    }

    static ObjectNode strings(Map<String, String> map) {
        ObjectNode node = object();
        map.forEach(node::put);
        return node;
    }

    /** A map of typed values (strings, numbers, booleans, null, lists, maps), keeping its order. */
    static ObjectNode values(Map<String, ?> map) {
        ObjectNode node = object();
        map.forEach((k, v) -> node.set(k, MAPPER.valueToTree(v)));
        return node;
    }

    static void write(JsonNode node, PrintStream out) {
        try {
            out.println(WRITER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static DefaultPrettyPrinter printer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
