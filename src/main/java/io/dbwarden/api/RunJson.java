package io.dbwarden.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.RunDetail;
import io.dbwarden.service.RunView;
import java.time.Instant;
import java.util.List;

/**
 * A run: its trigger and scope, where it is ({@code queued}, {@code running}, {@code finished}, {@code interrupted},
 * {@code failed}), its progress, and, when read alone, its items so far ({@code items} is left out of lists).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunJson(long id, String trigger, String target, String check, String requestedBy, String status,
        Instant queuedAt, Instant startedAt, Instant finishedAt, Progress progress, String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RunItemJson> items) {

    /** Items whose outcome is recorded, of those planned ({@code total} is 0 until the run starts). */
    record Progress(int done, int total) {
    }

    static RunJson of(RunView r) {
        return of(r, null);
    }

    static RunJson of(RunDetail d) {
        return of(d.run(), d.items().stream().map(RunItemJson::of).toList());
    }

    private static RunJson of(RunView r, List<RunItemJson> items) {
        return new RunJson(r.id(), r.trigger(), r.target().orElse(null), r.check().orElse(null), r.requestedBy(),
                r.status(), r.queuedAt(), r.startedAt().orElse(null), r.finishedAt().orElse(null),
                new Progress(r.itemsDone(), r.itemsTotal()), r.error().orElse(null), items);
    }
}
