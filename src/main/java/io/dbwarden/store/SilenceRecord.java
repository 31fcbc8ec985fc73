package io.dbwarden.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A stored silence. Its state (pending, active, expired) is not stored: it follows from the clock. */
public record SilenceRecord(UUID id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt,
        String createdBy, String comment, Instant updatedAt) {
    public SilenceRecord {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("a silence cannot end before it starts");
        }
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
