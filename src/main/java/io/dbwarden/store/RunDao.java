package io.dbwarden.store;

import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunTrigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Runs and their items. A run is queued, started by one node, records its items as they finish (each batch with its
 * findings, in one transaction), and ends finished, interrupted or failed.
 */
public final class RunDao {

    /** The most runs one read returns. */
    public static final int MAX_PAGE = 1000;
    /** Errors are sentences for people; longer ones are cut to the column's size. */
    static final int MAX_ERROR_LENGTH = 4000;
    private static final String COLUMNS = "id, trigger_kind, scope_target, scope_check, requested_by, status, queued_at, "
            + "started_at, finished_at, items_total, items_done, node_id, heartbeat_at, error";

    private final Handles handles;

    RunDao(Handles handles) {
        this.handles = handles;
    }

    /** Queues a run and returns its id. */
    public long create(RunRequest request, Instant at) {
        return handles.call(h -> h.createUpdate("INSERT INTO runs (trigger_kind, scope_target, scope_check, requested_by, "
                        + "status, queued_at) VALUES (:trigger, :target, :check, :by, 'queued', :at)")
                .bind("trigger", request.trigger().id()).bind("target", request.target().orElse(null))
                .bind("check", request.check().orElse(null)).bind("by", request.requestedBy()).bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<RunRecord> find(long id) {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM runs WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).findOne());
    }

    /** Up to {@code limit} runs, newest first, older than run {@code beforeId} when given. */
    public List<RunRecord> list(int limit, Optional<Long> beforeId) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM runs WHERE id < :before "
                        + "ORDER BY id DESC LIMIT :limit").bind("before", beforeId.orElse(Long.MAX_VALUE))
                .bind("limit", limit).map((rs, ctx) -> read(rs)).list());
    }

    /** Runs that are queued or running, oldest first. */
    public List<RunRecord> active() {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM runs WHERE status IN ('queued', 'running') "
                + "ORDER BY id").map((rs, ctx) -> read(rs)).list());
    }

    /** Moves a queued run to running on {@code nodeId}; false when it was not queued (another node took it). */
    public boolean start(long id, String nodeId, int itemsTotal, Instant at) {
        if (itemsTotal < 0) {
            throw new IllegalArgumentException("itemsTotal must not be negative");
        }
        return handles.call(h -> h.createUpdate("UPDATE runs SET status = 'running', node_id = :node, started_at = :at, "
                        + "heartbeat_at = :at, items_total = :total WHERE id = :id AND status = 'queued'")
                .bind("id", id).bind("node", nodeId).bind("total", itemsTotal).bind("at", at).execute() == 1);
    }

    /** Tells that the run is still being worked on; false when it is no longer running. */
    public boolean heartbeat(long id, Instant at) {
        return handles.call(h -> h.createUpdate("UPDATE runs SET heartbeat_at = :at WHERE id = :id AND status = 'running'")
                .bind("id", id).bind("at", at).execute() == 1);
    }

    /**
     * Records finished items of a running run in one transaction: the items, the findings of each successful
     * evaluation (opened, seen, reopened, resolved) with their history, and the run's progress. Nothing is written when
     * anything fails, or when the run is no longer running (e.g. it was marked interrupted meanwhile).
     */
    public void recordItems(long runId, List<ItemResult> results, Instant at) {
        handles.call(h -> {
            int progressed = h.createUpdate("UPDATE runs SET items_done = items_done + :n, heartbeat_at = :at "
                            + "WHERE id = :id AND status = 'running'")
                    .bind("n", results.size()).bind("at", at).bind("id", runId).execute();
            if (progressed != 1) {
                throw new StoreException("run " + runId + " is not running; its results are not recorded");
            }
            insertItems(h, runId, results);
            for (ItemResult result : results) {
                if (result.evaluated()) {
                    FindingDao.applyEvaluation(h, runId, result.check(), result.target(), result.findings(), at);
                }
            }
            return null;
        });
    }

    private static void insertItems(Handle h, long runId, List<ItemResult> results) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO run_items (run_id, target_name, check_name, status, reason, "
                + "millis) VALUES (:run, :target, :check, :status, :reason, :millis)");
        for (ItemResult r : results) {
            batch.bind("run", runId).bind("target", r.target()).bind("check", r.check()).bind("status", r.status().id())
                    .bind("reason", r.reason().orElse(null)).bind("millis", r.millis()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /**
     * Ends a queued or running run as finished, interrupted or failed; false when it had already ended.
     *
     * @param error why it was interrupted or failed
     */
    public boolean finish(long id, RunStatus status, Optional<String> error, Instant at) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a run ends finished, interrupted or failed, not " + status.id());
        }
        return handles.call(h -> h.createUpdate("UPDATE runs SET status = :status, finished_at = :at, error = :error "
                        + "WHERE id = :id AND status IN ('queued', 'running')")
                .bind("id", id).bind("status", status.id()).bind("at", at)
                .bind("error", error.map(RunDao::cut).orElse(null)).execute() == 1);
    }

    /**
     * Marks running runs whose last heartbeat is older than {@code heartbeatBefore} interrupted: their node died. Returns
     * their ids.
     */
    public List<Long> interruptStale(Instant heartbeatBefore, Instant at) {
        return handles.call(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM runs WHERE status = 'running' AND heartbeat_at < :before")
                    .bind("before", heartbeatBefore).mapTo(Long.class).list();
            for (long id : ids) {
                h.createUpdate("UPDATE runs SET status = 'interrupted', finished_at = :at, error = :error "
                                + "WHERE id = :id AND status = 'running'")
                        .bind("id", id).bind("at", at)
                        .bind("error", "its node stopped sending heartbeats (last before " + heartbeatBefore + ")")
                        .execute();
            }
            return ids;
        });
    }

    public List<ItemRecord> items(long runId) {
        return handles.call(h -> h.createQuery("SELECT run_id, target_name, check_name, status, reason, millis "
                        + "FROM run_items WHERE run_id = :id ORDER BY target_name, check_name").bind("id", runId)
                .map((rs, ctx) -> new ItemRecord(rs.getLong("run_id"), rs.getString("target_name"),
                        rs.getString("check_name"), ItemStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                        Optional.ofNullable(rs.getString("reason")), rs.getLong("millis")))
                .list());
    }

    private static String cut(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…" : text;
    }

    private static RunRecord read(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getLong("id"), RunTrigger.fromId(rs.getString("trigger_kind")),
                Optional.ofNullable(rs.getString("scope_target")), Optional.ofNullable(rs.getString("scope_check")),
                rs.getString("requested_by"), RunStatus.fromId(rs.getString("status")), Times.instant(rs, "queued_at"),
                Times.optionalInstant(rs, "started_at"), Times.optionalInstant(rs, "finished_at"),
                rs.getInt("items_total"), rs.getInt("items_done"), Optional.ofNullable(rs.getString("node_id")),
                Times.optionalInstant(rs, "heartbeat_at"), Optional.ofNullable(rs.getString("error")));
    }
}
