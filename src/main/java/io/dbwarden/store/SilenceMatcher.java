package io.dbwarden.store;

import java.util.Objects;

/** One matcher of a silence in Alertmanager's API form; validating and compiling it is the alert package's job. */
public record SilenceMatcher(String name, String value, boolean isRegex, boolean isEqual) {
    public SilenceMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
