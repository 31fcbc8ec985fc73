package io.dbwarden.api;

import io.dbwarden.service.CheckSettings;
import io.dbwarden.web.Role;
import io.dbwarden.web.Routes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/checks}: the catalog, its problems, and the operators' settings (admins change them). */
final class CheckRoutes {

    private final CheckSettings checks;

    CheckRoutes(CheckSettings checks) {
        this.checks = checks;
    }

    void mount(Routes routes) {
        routes.get(ApiV1.PREFIX + "/checks", Role.VIEWER, this::list)
                .get(ApiV1.PREFIX + "/checks/{name}", Role.VIEWER, this::get)
                .get(ApiV1.PREFIX + "/checks/{name}/settings", Role.VIEWER, this::settings)
                .put(ApiV1.PREFIX + "/checks/{name}/settings", Role.ADMIN, this::putSettings);
    }

    private void list(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ctx.json(Map.of(
                "checks", ServiceCall.call(checks::list).stream().map(CheckJson::of).toList(),
                "problems", ServiceCall.call(checks::problems).stream().map(ProblemJson::of).toList()));
    }

    private void get(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ctx.json(CheckJson.of(ServiceCall.call(() -> checks.get(ctx.pathParam("name")))));
    }

    private void settings(Context ctx) {
        Optional<String> target = QueryParams.of(ctx, Set.of("target")).text("target");
        ctx.json(SettingsJson.of(ServiceCall.call(() -> checks.settings(ctx.pathParam("name"), target))));
    }

    private void putSettings(Context ctx) {
        Optional<String> target = QueryParams.of(ctx, Set.of("target")).text("target");
        SettingsBody body = ctx.bodyAsClass(SettingsBody.class);
        ctx.json(SettingsJson.of(ServiceCall.call(() -> checks.put(ctx.pathParam("name"), target, body.change(),
                TargetRoutes.actor(ctx)))));
    }
}
