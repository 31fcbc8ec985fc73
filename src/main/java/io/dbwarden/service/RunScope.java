package io.dbwarden.service;

import java.util.Objects;
import java.util.Optional;

/**
 * What a "run now" checks: everything, one target, one check (on every target it applies to), or one check on one
 * target. Names are validated when the run is started.
 */
public record RunScope(Optional<String> target, Optional<String> check) {

    public static final RunScope ALL = new RunScope(Optional.empty(), Optional.empty());

    public RunScope {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(check, "check");
    }

    public static RunScope target(String name) {
        return new RunScope(Optional.of(name), Optional.empty());
    }

    public static RunScope check(String name) {
        return new RunScope(Optional.empty(), Optional.of(name));
    }
}
