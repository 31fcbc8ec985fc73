package io.dbwarden.store;

import io.dbwarden.app.Names;
import io.dbwarden.check.Check;
import io.dbwarden.check.Interval;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's change to one check, for every target ({@code target} empty) or one. Empty values inherit: a
 * per-target setting without {@code enabled} takes the global one, which takes the check file's.
 *
 * @param params parameter overrides, values as check files hold them (Long, Double, Boolean, String, lists, maps)
 */
public record CheckSetting(String check, Optional<String> target, Optional<Boolean> enabled,
        Optional<Interval> interval, Map<String, Object> params, Instant updatedAt, String updatedBy) {

    public CheckSetting {
        if (check == null || !Check.NAME.matcher(check).matches()) {
            throw new IllegalArgumentException("'" + check + "' is not a check name (" + Check.NAME.pattern() + ")");
        }
        target.ifPresent(Names::requireTarget);
        Objects.requireNonNull(enabled, "enabled");
        Objects.requireNonNull(interval, "interval");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedBy == null || updatedBy.isBlank()) {
            throw new IllegalArgumentException("a check setting needs who changed it");
        }
    }
}
