package io.dbwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dbwarden.web.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Holds every answer of the real server to the OpenAPI document: the route and status must be documented, and the
 * body must validate against the documented JSON Schema (2020-12, as OpenAPI 3.1 uses).
 */
final class OpenApiContract {

    private static final String BASE = "https://dbwarden.invalid/openapi.json";
    private static final ObjectNode DOCUMENT = OpenApiDocument.load().document();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(Map.of(BASE, DOCUMENT.toString())));

    private OpenApiContract() {
    }

    /** Fails the test when the answer to {@code method path} is not what the document promises. */
    static void check(String method, String path, int status, String body) {
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String template = template(rawPath);
        String where = method + " " + path + " -> " + status;
        JsonNode operation = DOCUMENT.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("undocumented operation: " + where).isFalse();
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        assertThat(response.isMissingNode()).as("undocumented status: " + where + " " + body).isFalse();
        String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        if (response.has("$ref")) {
            pointer = response.path("$ref").asText().substring(1);
            response = DOCUMENT.at(pointer);
        }
        JsonNode content = response.path("content").path("application/json");
        if (content.isMissingNode()) {
            assertThat(body).as("a body where none is documented: " + where).isEmpty();
            return;
        }
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(BASE + "#" + pointer
                + "/content/application~1json/schema"));
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + where + ": " + body, e);
        }
        List<Error> errors = schema.validate(json);
        assertThat(errors).as("answer of " + where + " does not match the document: " + body).isEmpty();
    }

    /** The documented path template a concrete path falls under, e.g. /api/v1/targets/db1 -> /api/v1/targets/{name}. */
    private static String template(String path) {
        var names = DOCUMENT.path("paths").fieldNames();
        while (names.hasNext()) {
            String template = names.next();
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (path.matches(regex)) {
                return template;
            }
        }
        throw new AssertionError("no documented path matches " + path);
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
