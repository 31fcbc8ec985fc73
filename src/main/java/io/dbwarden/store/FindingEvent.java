package io.dbwarden.store;

import java.util.Locale;

/**
 * What a run (or an operator) did to a finding: found it for the first time (or again after its check was disabled),
 * found it still there, no longer found it, found it again after it was resolved, or disabled its check.
 */
public enum FindingEvent {
    OPENED, SEEN, RESOLVED, REOPENED, DISABLED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FindingEvent fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
