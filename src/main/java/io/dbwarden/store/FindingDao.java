package io.dbwarden.store;

import io.dbwarden.check.Category;
import io.dbwarden.check.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Findings and their history. Runs record findings through {@link RunDao#recordItems}; this class reads them and
 * applies what an evaluation or an operator did to them.
 */
public final class FindingDao {

    private static final String COLUMNS = "fingerprint, check_name, target_name, severity, category, labels, fields, "
            + "summary, description, remediation, read_more, state, first_seen, last_seen, resolved_at, reopened";

    private final Handles handles;

    FindingDao(Handles handles) {
        this.handles = handles;
    }

    public Optional<FindingRecord> find(String fingerprint) {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM findings WHERE fingerprint = :fp")
                .bind("fp", fingerprint).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Findings matching the query, most recently seen first. */
    public List<FindingRecord> list(FindingQuery q) {
        return handles.call(h -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM findings WHERE 1 = 1");
            q.target().ifPresent(t -> sql.append(" AND target_name = :target"));
            q.check().ifPresent(c -> sql.append(" AND check_name = :check"));
            q.severity().ifPresent(s -> sql.append(" AND severity = :severity"));
            q.category().ifPresent(c -> sql.append(" AND category = :category"));
            q.state().ifPresent(s -> sql.append(" AND state = :state"));
            sql.append(" ORDER BY last_seen DESC, fingerprint LIMIT :limit OFFSET :offset");
            Query query = h.createQuery(sql.toString()).bind("limit", q.limit()).bind("offset", q.offset());
            q.target().ifPresent(t -> query.bind("target", t));
            q.check().ifPresent(c -> query.bind("check", c));
            q.severity().ifPresent(s -> query.bind("severity", s.id()));
            q.category().ifPresent(c -> query.bind("category", c.id()));
            q.state().ifPresent(s -> query.bind("state", s.id()));
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    /** Open findings by severity, for metrics. */
    public Map<Severity, Integer> countOpenBySeverity() {
        return handles.call(h -> {
            Map<Severity, Integer> counts = new LinkedHashMap<>();
            for (Severity s : Severity.values()) {
                counts.put(s, 0);
            }
            h.createQuery("SELECT severity, COUNT(*) AS n FROM findings WHERE state = 'open' GROUP BY severity")
                    .map((rs, ctx) -> Map.entry(Severity.fromId(rs.getString("severity")), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    /** A finding's events, oldest first. */
    public List<HistoryEntry> history(String fingerprint) {
        return handles.call(h -> h.createQuery("SELECT fingerprint, run_id, event_at, event FROM finding_history "
                        + "WHERE fingerprint = :fp ORDER BY event_at, id").bind("fp", fingerprint)
                .map((rs, ctx) -> {
                    long run = rs.getLong("run_id");
                    Optional<Long> runId = rs.wasNull() ? Optional.empty() : Optional.of(run);
                    return new HistoryEntry(rs.getString("fingerprint"), runId, Times.instant(rs, "event_at"),
                            FindingEvent.fromId(rs.getString("event")));
                }).list());
    }

    /**
     * Marks the open findings of a check disabled, on one target or all, because an operator disabled the check; they
     * open again when a later evaluation finds them. Returns how many changed.
     */
    public int markDisabled(String check, Optional<String> target, Instant at) {
        return handles.call(h -> {
            Query query = h.createQuery("SELECT fingerprint FROM findings WHERE check_name = :check AND state = 'open'"
                    + (target.isPresent() ? " AND target_name = :target" : "")).bind("check", check);
            target.ifPresent(t -> query.bind("target", t));
            List<String> fingerprints = query.mapTo(String.class).list();
            PreparedBatch update = h.prepareBatch("UPDATE findings SET state = 'disabled' WHERE fingerprint = :fp");
            PreparedBatch history = h.prepareBatch("INSERT INTO finding_history (fingerprint, run_id, event_at, event) "
                    + "VALUES (:fp, NULL, :at, 'disabled')");
            for (String fp : fingerprints) {
                update.bind("fp", fp).add();
                history.bind("fp", fp).bind("at", at).add();
            }
            execute(update);
            execute(history);
            return fingerprints.size();
        });
    }

    /**
     * Applies one successful evaluation of a check on a target: what it found is opened, seen again or reopened; what
     * was open and it did not find is resolved. Runs on the caller's handle, inside its transaction.
     */
    static void applyEvaluation(Handle h, long runId, String check, String target, List<ObservedFinding> observed,
            Instant at) {
        Map<String, FindingState> existing = new LinkedHashMap<>();
        h.createQuery("SELECT fingerprint, state FROM findings WHERE check_name = :check AND target_name = :target")
                .bind("check", check).bind("target", target)
                .map((rs, ctx) -> Map.entry(rs.getString("fingerprint"), FindingState.fromId(rs.getString("state"))))
                .forEach(e -> existing.put(e.getKey(), e.getValue()));

        Map<String, ObservedFinding> found = new LinkedHashMap<>();
        observed.forEach(f -> found.putIfAbsent(f.fingerprint(), f));

        PreparedBatch insert = h.prepareBatch("INSERT INTO findings (" + COLUMNS + ") VALUES (:fp, :check, :target, "
                + ":severity, :category, :labels, :fields, :summary, :description, :remediation, :read_more, 'open', "
                + ":at, :at, NULL, 0)");
        PreparedBatch update = h.prepareBatch("UPDATE findings SET severity = :severity, category = :category, "
                + "labels = :labels, fields = :fields, summary = :summary, description = :description, "
                + "remediation = :remediation, read_more = :read_more, state = 'open', last_seen = :at, "
                + "resolved_at = NULL, reopened = reopened + :reopening WHERE fingerprint = :fp");
        PreparedBatch resolve = h.prepareBatch("UPDATE findings SET state = 'resolved', resolved_at = :at "
                + "WHERE fingerprint = :fp");
        PreparedBatch history = h.prepareBatch("INSERT INTO finding_history (fingerprint, run_id, event_at, event) "
                + "VALUES (:fp, :run, :at, :event)");
        for (ObservedFinding f : found.values()) {
            FindingState before = existing.get(f.fingerprint());
            FindingEvent event;
            if (before == null) {
                bindDetails(insert, f).bind("check", check).bind("target", target).bind("at", at).add();
                event = FindingEvent.OPENED;
            } else {
                event = switch (before) {
                    case OPEN -> FindingEvent.SEEN;
                    case RESOLVED -> FindingEvent.REOPENED;
                    case DISABLED -> FindingEvent.OPENED;
                };
                bindDetails(update, f).bind("at", at).bind("reopening", event == FindingEvent.REOPENED ? 1 : 0).add();
            }
            history.bind("fp", f.fingerprint()).bind("run", runId).bind("at", at).bind("event", event.id()).add();
        }
        existing.forEach((fp, state) -> {
            if (state == FindingState.OPEN && !found.containsKey(fp)) {
                resolve.bind("fp", fp).bind("at", at).add();
                history.bind("fp", fp).bind("run", runId).bind("at", at).bind("event", FindingEvent.RESOLVED.id()).add();
            }
        });
        execute(insert);
        execute(update);
        execute(resolve);
        execute(history);
    }

    private static PreparedBatch bindDetails(PreparedBatch batch, ObservedFinding f) {
        return batch.bind("fp", f.fingerprint()).bind("severity", f.severity().id()).bind("category", f.category().id())
                .bind("labels", Json.write(f.labels())).bind("fields", Json.write(f.fields()))
                .bind("summary", f.summary()).bind("description", f.description())
                .bind("remediation", f.remediation()).bind("read_more", f.readMore().orElse(null));
    }

    private static void execute(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static FindingRecord read(ResultSet rs) throws SQLException {
        return new FindingRecord(rs.getString("fingerprint"), rs.getString("check_name"), rs.getString("target_name"),
                Severity.fromId(rs.getString("severity")), Category.fromId(rs.getString("category")),
                Json.strings(rs.getString("labels")), Json.strings(rs.getString("fields")), rs.getString("summary"),
                rs.getString("description"), rs.getString("remediation"),
                Optional.ofNullable(rs.getString("read_more")), FindingState.fromId(rs.getString("state")),
                Times.instant(rs, "first_seen"), Times.instant(rs, "last_seen"),
                Times.optionalInstant(rs, "resolved_at"), rs.getInt("reopened"));
    }
}
