package io.dbwarden.store;

import java.util.Locale;

/** Where a run is in its life. Only QUEUED and RUNNING change; the other three are final. */
public enum RunStatus {
    QUEUED, RUNNING, FINISHED,
    /** Stopped before the end: the service shut down, or its node stopped sending heartbeats. */
    INTERRUPTED,
    /** Could not run at all, e.g. the catalog or inventory could not be read. */
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    static RunStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
