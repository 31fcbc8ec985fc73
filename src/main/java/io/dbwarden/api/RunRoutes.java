package io.dbwarden.api;

import io.dbwarden.service.Runs;
import io.dbwarden.web.BadRequest;
import io.dbwarden.web.Role;
import io.dbwarden.web.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/runs}: "run now" for operators, and the record of every run. */
final class RunRoutes {

    private final Runs runs;

    RunRoutes(Runs runs) {
        this.runs = runs;
    }

    void mount(Routes routes) {
        routes.post(ApiV1.PREFIX + "/runs", Role.OPERATOR, this::start)
                .get(ApiV1.PREFIX + "/runs", Role.VIEWER, this::list)
                .get(ApiV1.PREFIX + "/runs/{id}", Role.VIEWER, this::get);
    }

    private void start(Context ctx) {
        QueryParams.of(ctx, Set.of());
        // "run everything" may be sent without a body at all, as curl -X POST does
        RunBody body = ctx.body().isBlank() ? RunBody.ALL : ctx.bodyAsClass(RunBody.class);
        long id = ServiceCall.call(() -> runs.start(body.scope(), TargetRoutes.actor(ctx)));
        ctx.status(202).header("Location", ctx.path() + "/" + id).json(Map.of("id", id));
    }

    private void list(Context ctx) {
        QueryParams query = QueryParams.of(ctx, Set.of("limit", "cursor"));
        int limit = query.number("limit", 1, Runs.MAX_PAGE).orElse(Paging.DEFAULT_LIMIT);
        List<RunJson> page = ServiceCall.call(() -> runs.list(limit, Paging.cursor(query))).stream()
                .map(RunJson::of).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runs", page);
        answer.put("next_cursor", page.size() < limit ? null : Paging.encode(page.getLast().id()));
        ctx.json(answer);
    }

    private void get(Context ctx) {
        QueryParams.of(ctx, Set.of());
        long id = runId(ctx.pathParam("id"));
        ctx.json(RunJson.of(ServiceCall.call(() -> runs.get(id))));
    }

    private static long runId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequest("a run id is a positive whole number, got '" + QueryParams.shorten(text) + "'");
    }
}
