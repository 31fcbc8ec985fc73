package io.dbwarden.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Silences, shared by every node of the service; what a silence means is the alert package's business. */
public final class SilenceDao {

    private static final String COLUMNS = "id, matchers, starts_at, ends_at, created_by, comment, updated_at";
    private static final TypeReference<List<SilenceMatcher>> MATCHERS = new TypeReference<>() { };

    private final Handles handles;

    SilenceDao(Handles handles) {
        this.handles = handles;
    }

    /** Stores the silence, replacing the one with the same id. */
    public void put(SilenceRecord s) {
        handles.call(h -> {
            int updated = h.createUpdate("UPDATE silences SET matchers = :matchers, starts_at = :starts, ends_at = :ends, "
                            + "created_by = :by, comment = :comment, updated_at = :updated WHERE id = :id")
                    .bind("id", s.id()).bind("matchers", Json.write(s.matchers())).bind("starts", s.startsAt())
                    .bind("ends", s.endsAt()).bind("by", s.createdBy()).bind("comment", s.comment())
                    .bind("updated", s.updatedAt()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO silences (" + COLUMNS + ") VALUES (:id, :matchers, :starts, :ends, :by, "
                                + ":comment, :updated)")
                        .bind("id", s.id()).bind("matchers", Json.write(s.matchers())).bind("starts", s.startsAt())
                        .bind("ends", s.endsAt()).bind("by", s.createdBy()).bind("comment", s.comment())
                        .bind("updated", s.updatedAt()).execute();
            }
            return null;
        });
    }

    public Optional<SilenceRecord> find(UUID id) {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM silences WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).findOne());
    }

    public List<SilenceRecord> list() {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM silences ORDER BY starts_at, id")
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Silences ending at or after {@code at}: every one that can be pending or active then (the end instant is
     * included, so the state rule decides that boundary, not this query).
     */
    public List<SilenceRecord> endingAtOrAfter(Instant at) {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM silences WHERE ends_at >= :at "
                        + "ORDER BY starts_at, id").bind("at", at).map((rs, ctx) -> read(rs)).list());
    }

    private static SilenceRecord read(ResultSet rs) throws SQLException {
        return new SilenceRecord(rs.getObject("id", UUID.class), Json.read(rs.getString("matchers"), MATCHERS),
                Times.instant(rs, "starts_at"), Times.instant(rs, "ends_at"), rs.getString("created_by"),
                rs.getString("comment"), Times.instant(rs, "updated_at"));
    }
}
