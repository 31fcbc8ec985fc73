package io.dbwarden.api;

import io.dbwarden.service.Audit;
import io.dbwarden.web.Role;
import io.dbwarden.web.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/audit}: every change to targets and settings, newest first. */
final class AuditRoutes {

    private final Audit audit;

    AuditRoutes(Audit audit) {
        this.audit = audit;
    }

    void mount(Routes routes) {
        routes.get(ApiV1.PREFIX + "/audit", Role.VIEWER, this::list);
    }

    private void list(Context ctx) {
        QueryParams query = QueryParams.of(ctx, Set.of("limit", "cursor"));
        int limit = query.number("limit", 1, Audit.MAX_PAGE).orElse(Paging.DEFAULT_LIMIT);
        List<AuditJson> page = ServiceCall.call(() -> audit.list(limit, Paging.cursor(query))).stream()
                .map(AuditJson::of).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entries", page);
        answer.put("next_cursor", page.size() < limit ? null : Paging.encode(page.getLast().id()));
        ctx.json(answer);
    }
}
