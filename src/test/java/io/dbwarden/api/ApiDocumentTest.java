package io.dbwarden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbwarden.web.ErrorFormat;
import io.dbwarden.web.Role;
import io.dbwarden.web.Routes;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the mounted routes describe the same API: same operations, same roles. */
class ApiDocumentTest {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    /** Records what {@link ApiV1} mounts, as "METHOD path" with the role each needs. */
    private static final class RecordedRoutes implements Routes {
        final Map<String, Role> routes = new LinkedHashMap<>();

        private Routes add(String method, String path, Role role) {
            assertThat(routes.put(method + " " + path, role)).as("mounted twice: %s %s", method, path).isNull();
            return this;
        }

        @Override
        public Routes get(String path, Role role, Handler handler) {
            return add("GET", path, role);
        }

        @Override
        public Routes post(String path, Role role, Handler handler) {
            return add("POST", path, role);
        }

        @Override
        public Routes put(String path, Role role, Handler handler) {
            return add("PUT", path, role);
        }

        @Override
        public Routes patch(String path, Role role, Handler handler) {
            return add("PATCH", path, role);
        }

        @Override
        public Routes delete(String path, Role role, Handler handler) {
            return add("DELETE", path, role);
        }

        @Override
        public Routes errorFormat(String pathPrefix, ErrorFormat format) {
            return this;
        }
    }

    private static Map<String, Role> mounted() {
        RecordedRoutes routes = new RecordedRoutes();
        ApiV1.mount(routes, null, null, null, null, null);
        return routes.routes;
    }

    private static Map<String, String> documented() {
        ObjectNode document = OpenApiDocument.load().document();
        Map<String, String> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (OPERATIONS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        op.getValue().path("x-dbwarden-role").asText(null));
            }
        }));
        return operations;
    }

    @Test
    void everyMountedRouteIsDocumentedAndEveryDocumentedOperationIsMounted() {
        assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(mounted().keySet());
    }

    @Test
    void theRoleEachOperationDocumentsIsTheRoleItIsMountedWith() {
        Map<String, String> documented = documented();
        mounted().forEach((route, role) -> assertThat(documented.get(route)).as(route).isEqualTo(role.id()));
    }

    @Test
    void theIssueListsEveryRouteThatIsMounted() {
        assertThat(mounted().keySet()).containsExactlyInAnyOrder(
                "GET /api/v1/targets", "POST /api/v1/targets",
                "GET /api/v1/targets/{name}", "PUT /api/v1/targets/{name}", "DELETE /api/v1/targets/{name}",
                "POST /api/v1/targets/{name}/test",
                "GET /api/v1/checks", "GET /api/v1/checks/{name}",
                "GET /api/v1/checks/{name}/settings", "PUT /api/v1/checks/{name}/settings",
                "POST /api/v1/runs", "GET /api/v1/runs", "GET /api/v1/runs/{id}",
                "GET /api/v1/findings", "GET /api/v1/findings/{fingerprint}/history",
                "GET /api/v1/audit", "GET /api/v1/openapi.json");
    }

    @Test
    void everyReferenceInTheDocumentPointsAtSomethingItDefines() {
        ObjectNode document = OpenApiDocument.load().document();
        List<String> dangling = new ArrayList<>();
        collectRefs(document, new HashSet<>()).forEach(ref -> {
            if (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()) {
                dangling.add(ref);
            }
        });
        assertThat(dangling).isEmpty();
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndDocumentsTheRefusalsEveryRouteCanGive() {
        ObjectNode document = OpenApiDocument.load().document();
        Set<String> ids = new HashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!OPERATIONS.contains(op.getKey())) {
                return;
            }
            String where = op.getKey() + " " + path.getKey();
            assertThat(ids.add(op.getValue().path("operationId").asText())).as("operationId of " + where).isTrue();
            assertThat(op.getValue().path("responses").has("401")).as("401 of " + where).isTrue();
            assertThat(op.getValue().path("responses").has("403")).as("403 of " + where).isTrue();
        }));
    }

    @Test
    void theContractCheckAcceptsADocumentedAnswerAndRefusesOneThatBreaksTheSchema() {
        OpenApiContract.check("POST", "/api/v1/runs", 202, "{\"id\": 7}");
        OpenApiContract.check("GET", "/api/v1/targets/db1", 404, "{\"error\": \"no target named 'db1'\"}");

        assertThatThrownBy(() -> OpenApiContract.check("POST", "/api/v1/runs", 202, "{\"id\": \"7\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not match the document");
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/targets", 200, "{\"targets\": [{}]}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not match the document");
        assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/targets", 418, "{\"error\": \"tea\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("undocumented status");
        assertThatThrownBy(() -> OpenApiContract.check("PATCH", "/api/v1/targets", 200, "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("undocumented operation");
    }

    @Test
    void theDocumentIsOpenApi31() {
        assertThat(OpenApiDocument.load().document().path("openapi").asText()).isEqualTo("3.1.0");
    }

    private static Set<String> collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
        return refs;
    }
}
