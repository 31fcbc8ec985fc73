package io.dbwarden.app;

import io.dbwarden.check.Interval;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration file's change to one check: another interval and/or other parameter values. Parameter values are
 * what a check file's {@code params} hold (Long, Double, Boolean, String, lists and maps of them), because they are
 * merged into those; whether a name is one of the check's parameters is known only once the catalog is loaded.
 */
public record CheckOverride(Optional<Interval> interval, Map<String, Object> params) {

    public CheckOverride {
        Objects.requireNonNull(interval, "interval");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
