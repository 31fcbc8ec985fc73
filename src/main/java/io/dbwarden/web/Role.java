package io.dbwarden.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an API token may do, each role including the ones before it: a viewer reads, an operator also runs checks and
 * creates or expires silences, an admin also changes targets and settings.
 */
public enum Role implements RouteRole {
    VIEWER, OPERATOR, ADMIN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a caller with this role may use a route that needs {@code needed}. */
    public boolean allows(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    @JsonCreator
    public static Role fromId(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (expected " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    }
}
