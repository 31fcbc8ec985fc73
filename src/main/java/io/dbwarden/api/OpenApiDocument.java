package io.dbwarden.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbwarden.web.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The hand-written OpenAPI 3.1 document of {@code /api/v1} ({@code api/openapi.yaml} on the class path), read once and
 * served as JSON. Its {@code servers} entry is filled in per request with the route prefix the server runs under, so
 * the document's paths resolve wherever it is served.
 */
final class OpenApiDocument {

    static final String RESOURCE = "api/openapi.yaml";
    static final String PATH = ApiV1.PREFIX + "/openapi.json";

    private final ObjectNode document;

    private OpenApiDocument(ObjectNode document) {
        this.document = document;
    }

    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            LoadSettings settings = LoadSettings.builder().setLabel(RESOURCE).setAllowDuplicateKeys(false).build();
            Object yaml = new Load(settings).loadFromString(text);
            return new OpenApiDocument(Json.MAPPER.valueToTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The document as written, without a server: what the route tests compare the routes with. */
    ObjectNode document() {
        return document.deepCopy();
    }

    void serve(Context ctx) {
        String path = ctx.path();
        String prefix = path.substring(0, path.length() - PATH.length());
        ObjectNode served = document.deepCopy();
        served.set("servers", Json.MAPPER.valueToTree(List.of(Map.of("url", prefix.isEmpty() ? "/" : prefix))));
        ctx.json(served);
    }
}
