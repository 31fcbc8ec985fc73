package io.dbwarden.api;

import io.dbwarden.service.Audit;
import io.dbwarden.service.CheckSettings;
import io.dbwarden.service.DbwardenService;
import io.dbwarden.service.Findings;
import io.dbwarden.service.Inventory;
import io.dbwarden.service.Runs;
import io.dbwarden.web.Role;
import io.dbwarden.web.Routes;
import java.util.Set;

/**
 * dbwarden's REST API, {@code /api/v1}: targets, checks and their settings, runs, findings and their history, the audit
 * log, and its own OpenAPI document. Handlers are thin: read and check the request, call one method of the
 * {@link DbwardenService}, shape the answer. Mount it with {@code WebServer.start(settings, routes ->
 * ApiV1.mount(routes, service))}.
 */
public final class ApiV1 {

    public static final String PREFIX = "/api/v1";

    private ApiV1() {
    }

    public static void mount(Routes routes, DbwardenService service) {
        mount(routes, service.inventory(), service.checks(), service.runs(), service.findings(), service.audit());
    }

    static void mount(Routes routes, Inventory inventory, CheckSettings checks, Runs runs, Findings findings,
            Audit audit) {
        OpenApiDocument openApi = OpenApiDocument.load();
        new TargetRoutes(inventory).mount(routes);
        new CheckRoutes(checks).mount(routes);
        new RunRoutes(runs).mount(routes);
        new FindingRoutes(findings).mount(routes);
        new AuditRoutes(audit).mount(routes);
        routes.get(OpenApiDocument.PATH, Role.VIEWER, ctx -> {
            QueryParams.of(ctx, Set.of());
            openApi.serve(ctx);
        });
    }
}
