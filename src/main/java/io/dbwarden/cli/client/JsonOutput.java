package io.dbwarden.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/** How the client prints what the server sent. */
final class JsonOutput {

    private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonOutput() {
    }

    static String pretty(JsonNode json) {
        try {
            return PRETTY.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    /** {@code env=prod,team=orders}, or {@code -} for none. */
    static String labels(JsonNode labels) {
        List<String> pairs = new ArrayList<>();
        labels.properties().forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return pairs.isEmpty() ? "-" : String.join(",", pairs);
    }

    /** The text of a field, or {@code -} when it is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
