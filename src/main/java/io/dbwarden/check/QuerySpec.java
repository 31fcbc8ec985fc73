package io.dbwarden.check;

import java.util.Objects;

/**
 * One named query of a check. {@code allDatabases} asks a PostgreSQL collector to run it in
 * every connectable database and add a {@code database} column.
 */
public record QuerySpec(String name, String sql, boolean allDatabases) {
    public QuerySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }
}
