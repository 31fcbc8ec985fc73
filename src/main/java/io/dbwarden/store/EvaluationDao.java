package io.dbwarden.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the scheduler and the metrics read from the run record: when each (target, check) pair was last evaluated,
 * and when each target was last reached. Both are computed from runs and their items, so they survive restarts and
 * are the same on every node.
 */
public final class EvaluationDao {

    private final Handles handles;

    EvaluationDao(Handles handles) {
        this.handles = handles;
    }

    /** A (target, check) pair. */
    public record Pair(String target, String check) {
    }

    /**
     * The start of the latest run, among those started at or after {@code since}, that recorded an item of each pair,
     * whatever the item's outcome.
     */
    public Map<Pair, Instant> lastEvaluations(Instant since) {
        return handles.call(h -> {
            Map<Pair, Instant> last = new HashMap<>();
            h.createQuery("SELECT i.target_name, i.check_name, MAX(r.started_at) AS at FROM run_items i "
                            + "JOIN runs r ON r.id = i.run_id WHERE r.started_at >= :since "
                            + "GROUP BY i.target_name, i.check_name")
                    .bind("since", since)
                    .map((rs, ctx) -> Map.entry(new Pair(rs.getString("target_name"), rs.getString("check_name")),
                            Times.instant(rs, "at")))
                    .forEach(e -> last.put(e.getKey(), e.getValue()));
            return last;
        });
    }

    /** The start of the latest run in which each target answered: it has an item that is not an error. */
    public Map<String, Instant> lastReached() {
        return handles.call(h -> {
            Map<String, Instant> last = new HashMap<>();
            h.createQuery("SELECT i.target_name, MAX(r.started_at) AS at FROM run_items i JOIN runs r ON r.id = i.run_id "
                            + "WHERE i.status <> 'error' GROUP BY i.target_name")
                    .map((rs, ctx) -> Map.entry(rs.getString("target_name"), Times.instant(rs, "at")))
                    .forEach(e -> last.put(e.getKey(), e.getValue()));
            return last;
        });
    }
}
