package io.dbwarden.version;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The product behind an engine: MySQL, MariaDB and Percona Server all speak the mysql engine. */
public enum Flavor {
    MYSQL, MARIADB, PERCONA, POSTGRESQL, MONGODB;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Flavor fromId(String id) {
        for (Flavor f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown flavor '" + id + "' (expected "
                + Arrays.stream(values()).map(Flavor::id).collect(Collectors.joining(", ")) + ")");
    }
}
