package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.FindingHistoryEntry;
import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /findings/{fingerprint}/history}: the finding as it is now and its events, oldest first. */
record HistoryJson(FindingJson finding, List<Event> history) {

    /** One event: {@code opened}, {@code seen}, {@code resolved}, {@code reopened} or {@code disabled}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Event(Instant at, String event, Long runId) {

        static Event of(FindingHistoryEntry e) {
            return new Event(e.at(), e.event(), e.runId().orElse(null));
        }
    }
}
