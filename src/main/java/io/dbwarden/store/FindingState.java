package io.dbwarden.store;

import java.util.Locale;

/** A finding's state: open until a later successful evaluation no longer finds it, or its check is disabled. */
public enum FindingState {
    OPEN, RESOLVED, DISABLED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FindingState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
