package io.dbwarden.app;

import java.util.Locale;

/** What an API token may do; each role includes the ones before it. */
public enum Role {
    /** Reads targets, checks, runs, findings, silences. */
    VIEWER,
    /** Also runs checks and creates or expires silences. */
    OPERATOR,
    /** Also changes targets and check settings. */
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    public static Role fromId(String id) {
        for (Role role : values()) {
            if (role.id().equals(id == null ? null : id.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (expected viewer, operator or admin)");
    }
}
