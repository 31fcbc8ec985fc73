package io.dbwarden.collect;

import java.util.List;
import java.util.Map;

/** What one distinct query produced on one target: its rows, or why it has none. */
public sealed interface QueryOutcome {

    /** Rows whose values are already CEL values. */
    record Rows(List<Map<String, Object>> rows) implements QueryOutcome {
        public Rows {
            rows = List.copyOf(rows);
        }
    }

    /** The query failed; {@code permissionDenied} tells a missing privilege apart from other failures. */
    record Failed(String message, boolean permissionDenied) implements QueryOutcome {}
}
