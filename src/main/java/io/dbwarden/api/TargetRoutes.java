package io.dbwarden.api;

import io.dbwarden.service.Inventory;
import io.dbwarden.web.Caller;
import io.dbwarden.web.Role;
import io.dbwarden.web.Routes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/targets}: the inventory. Viewers read, admins change, operators test connections. */
final class TargetRoutes {

    private final Inventory inventory;

    TargetRoutes(Inventory inventory) {
        this.inventory = inventory;
    }

    void mount(Routes routes) {
        routes.get(ApiV1.PREFIX + "/targets", Role.VIEWER, this::list)
                .post(ApiV1.PREFIX + "/targets", Role.ADMIN, this::create)
                .get(ApiV1.PREFIX + "/targets/{name}", Role.VIEWER, this::get)
                .put(ApiV1.PREFIX + "/targets/{name}", Role.ADMIN, this::update)
                .delete(ApiV1.PREFIX + "/targets/{name}", Role.ADMIN, this::delete)
                .post(ApiV1.PREFIX + "/targets/{name}/test", Role.OPERATOR, this::test);
    }

    private void list(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ctx.json(Map.of("targets", ServiceCall.call(inventory::list).stream().map(TargetJson::of).toList()));
    }

    private void create(Context ctx) {
        QueryParams.of(ctx, Set.of());
        TargetBody body = ctx.bodyAsClass(TargetBody.class);
        TargetJson created = TargetJson.of(ServiceCall.call(() -> inventory.create(body.forCreate(), actor(ctx))));
        ctx.status(201).header("Location", ctx.path() + "/" + created.name())
                .json(created);
    }

    private void get(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ctx.json(TargetJson.of(ServiceCall.call(() -> inventory.get(ctx.pathParam("name")))));
    }

    private void update(Context ctx) {
        QueryParams.of(ctx, Set.of());
        String name = ctx.pathParam("name");
        TargetBody body = ctx.bodyAsClass(TargetBody.class);
        ctx.json(TargetJson.of(ServiceCall.call(() -> inventory.update(name, body.forUpdate(name), actor(ctx)))));
    }

    private void delete(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ServiceCall.run(() -> inventory.delete(ctx.pathParam("name"), actor(ctx)));
        ctx.status(204);
    }

    private void test(Context ctx) {
        QueryParams.of(ctx, Set.of());
        ctx.json(ConnectionTestJson.of(ServiceCall.call(() -> inventory.testConnection(ctx.pathParam("name")))));
    }

    static String actor(Context ctx) {
        return Caller.of(ctx).name();
    }
}
