package io.dbwarden.collect;

import java.util.Objects;

/** What makes two checks' queries the same query: identical SQL (outer whitespace aside), run in the same databases. */
public record QueryKey(String sql, boolean allDatabases) {
    public QueryKey {
        sql = Objects.requireNonNull(sql, "sql").strip();
    }
}
