package io.dbwarden.collect;

import io.dbwarden.check.QuerySpec;

/** What makes two checks' queries the same query: identical SQL, run in the same databases. */
public record QueryKey(String sql, boolean allDatabases) {
    public static QueryKey of(QuerySpec spec) {
        return new QueryKey(spec.sql().strip(), spec.allDatabases());
    }
}
