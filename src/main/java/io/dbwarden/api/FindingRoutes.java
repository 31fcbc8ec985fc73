package io.dbwarden.api;

import io.dbwarden.service.FindingFilter;
import io.dbwarden.service.FindingPage;
import io.dbwarden.service.Findings;
import io.dbwarden.service.ServiceException;
import io.dbwarden.web.BadRequest;
import io.dbwarden.web.Role;
import io.dbwarden.web.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/findings}: findings by filter, a page at a time, and each finding's history. */
final class FindingRoutes {

    private static final Set<String> FILTERS = Set.of("target", "check", "severity", "category", "state", "limit",
            "cursor", "page");

    private final Findings findings;

    FindingRoutes(Findings findings) {
        this.findings = findings;
    }

    void mount(Routes routes) {
        routes.get(ApiV1.PREFIX + "/findings", Role.VIEWER, this::list)
                .get(ApiV1.PREFIX + "/findings/{fingerprint}/history", Role.VIEWER, this::history);
    }

    private void list(Context ctx) {
        QueryParams query = QueryParams.of(ctx, FILTERS);
        int limit = query.number("limit", 1, FindingFilter.MAX_LIMIT).orElse(FindingFilter.DEFAULT_LIMIT);
        Optional<Long> cursor = Paging.cursor(query);
        Optional<Integer> page = query.number("page", 1, Integer.MAX_VALUE);
        if (cursor.isPresent() && page.isPresent()) {
            throw new BadRequest("give either 'cursor' or 'page', not both");
        }
        long offset = cursor.orElseGet(() -> (long) (page.orElse(1) - 1) * limit);
        if (offset > Integer.MAX_VALUE) {
            throw new BadRequest("the page starts beyond the last finding there can be");
        }
        FindingFilter filter;
        try {
            filter = FindingFilter.parse(query.text("target").orElse(null), query.text("check").orElse(null),
                    query.text("severity").orElse(null), query.text("category").orElse(null),
                    query.text("state").orElse(null), Integer.toString(limit), Long.toString(offset));
        } catch (ServiceException e) {
            // a filter value the service does not know is a malformed request, not a semantic refusal
            throw new BadRequest(e.getMessage());
        }
        FindingPage answer = ServiceCall.call(() -> findings.query(filter));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("findings", answer.findings().stream().map(FindingJson::of).toList());
        body.put("next_cursor", answer.nextOffset().map(next -> Paging.encode(next)).orElse(null));
        ctx.json(body);
    }

    private void history(Context ctx) {
        QueryParams.of(ctx, Set.of());
        String fingerprint = ctx.pathParam("fingerprint");
        FindingJson finding = FindingJson.of(ServiceCall.call(() -> findings.get(fingerprint)));
        ctx.json(new HistoryJson(finding, ServiceCall.call(() -> findings.history(fingerprint)).stream()
                .map(HistoryJson.Event::of).toList()));
    }
}
