package io.dbwarden.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The audit log: append and read, newest first. Nothing changes or deletes an entry. */
public final class AuditDao {

    /** The most entries one read returns; older ones are read page by page with {@code beforeId}. */
    public static final int MAX_PAGE = 1000;

    private final Handles handles;

    AuditDao(Handles handles) {
        this.handles = handles;
    }

    /** Appends an entry and returns its id. */
    public long record(Instant at, String actor, String action, String subject, Optional<JsonNode> before,
            Optional<JsonNode> after) {
        Objects.requireNonNull(at, "at");
        requireText(actor, "actor");
        requireText(action, "action");
        requireText(subject, "subject");
        return handles.call(h -> h.createUpdate("INSERT INTO audit_log (logged_at, actor, action, subject, before_json, "
                        + "after_json) VALUES (:at, :actor, :action, :subject, :before, :after)")
                .bind("at", at).bind("actor", actor).bind("action", action).bind("subject", subject)
                .bind("before", before.map(Json::write).orElse(null)).bind("after", after.map(Json::write).orElse(null))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** Up to {@code limit} entries, newest first, older than entry {@code beforeId} when given. */
    public List<AuditEntry> list(int limit, Optional<Long> beforeId) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        return handles.call(h -> h.createQuery("SELECT id, logged_at, actor, action, subject, before_json, after_json "
                        + "FROM audit_log WHERE id < :before ORDER BY id DESC LIMIT :limit")
                .bind("before", beforeId.orElse(Long.MAX_VALUE)).bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("id"), Times.instant(rs, "logged_at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"),
                        Optional.ofNullable(rs.getString("before_json")).map(Json::tree),
                        Optional.ofNullable(rs.getString("after_json")).map(Json::tree)))
                .list());
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs its " + what);
        }
    }
}
