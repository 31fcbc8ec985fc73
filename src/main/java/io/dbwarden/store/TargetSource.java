package io.dbwarden.store;

import java.util.Locale;

/** Where a stored target was declared: the configuration file (synchronized at start) or the API. */
public enum TargetSource {
    CONFIG, API;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TargetSource fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
