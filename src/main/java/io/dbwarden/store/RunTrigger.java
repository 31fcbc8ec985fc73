package io.dbwarden.store;

import java.util.Locale;

/** What started a run. */
public enum RunTrigger {
    SCHEDULE, MANUAL, CLI;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunTrigger fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
