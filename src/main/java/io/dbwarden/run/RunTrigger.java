package io.dbwarden.run;

import java.util.Locale;

/** What started a run: the scheduler, someone asking for it now, or the one-shot command line. */
public enum RunTrigger {
    SCHEDULE, MANUAL, CLI;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The trigger whose {@link #id()} this is. */
    public static RunTrigger fromId(String id) {
        for (RunTrigger trigger : values()) {
            if (trigger.id().equals(id)) {
                return trigger;
            }
        }
        throw new IllegalArgumentException("unknown run trigger '" + id + "'; expected schedule, manual or cli");
    }
}
