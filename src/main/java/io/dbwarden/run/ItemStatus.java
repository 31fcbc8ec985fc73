package io.dbwarden.run;

import java.util.Locale;

/** How one (target, check) pair ended. A check that could not run is never a pass. */
public enum ItemStatus {
    OK, FINDINGS, ERROR, SKIPPED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
