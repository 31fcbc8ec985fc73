package io.dbwarden.service;

import io.dbwarden.app.CheckOverride;
import io.dbwarden.app.ChecksConfig;
import io.dbwarden.app.IntervalLengths;
import io.dbwarden.check.Catalog;
import io.dbwarden.check.Check;
import io.dbwarden.check.Interval;
import io.dbwarden.store.CheckSetting;
import io.dbwarden.target.Engine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog with every setting applied, at one moment: what is in force for each check on each target. One rule,
 * in one place: the check file, then the configuration file ({@code checks.disabled}, {@code checks.overrides}),
 * then the operators' global setting, then their setting for the target; each level changes only what it sets.
 * Parameters a setting names but the check no longer declares (its file changed) are ignored.
 */
final class EffectiveCatalog {

    private final Catalog catalog;
    private final ChecksConfig config;
    private final IntervalLengths lengths;
    private final Map<String, Map<Optional<String>, CheckSetting>> stored;

    private EffectiveCatalog(Catalog catalog, ChecksConfig config, IntervalLengths lengths,
            Map<String, Map<Optional<String>, CheckSetting>> stored) {
        this.catalog = catalog;
        this.config = config;
        this.lengths = lengths;
        this.stored = stored;
    }

    static EffectiveCatalog of(Catalog catalog, List<CheckSetting> settings, ChecksConfig config,
            IntervalLengths lengths) {
        Map<String, Map<Optional<String>, CheckSetting>> byCheck = new HashMap<>();
        for (CheckSetting s : settings) {
            byCheck.computeIfAbsent(s.check(), k -> new HashMap<>()).put(s.target(), s);
        }
        return new EffectiveCatalog(catalog, config, lengths, byCheck);
    }

    /** The same moment with {@code setting} stored in place of the one of its check and scope. */
    EffectiveCatalog with(CheckSetting setting) {
        Map<String, Map<Optional<String>, CheckSetting>> copy = new HashMap<>();
        stored.forEach((check, byScope) -> copy.put(check, new HashMap<>(byScope)));
        copy.computeIfAbsent(setting.check(), k -> new HashMap<>()).put(setting.target(), setting);
        return new EffectiveCatalog(catalog, config, lengths, copy);
    }

    Catalog catalog() {
        return catalog;
    }

    Optional<Check> find(String name) {
        return catalog.find(name);
    }

    List<Check> checksFor(Engine engine) {
        return catalog.all().stream().filter(c -> c.engine() == engine).toList();
    }

    /** What is in force for {@code check} on {@code target}, or for targets without a setting of their own. */
    EffectiveSettings settings(Check check, Optional<String> target) {
        boolean enabled = !config.disabled().contains(check.name());
        Interval interval = check.interval();
        Map<String, Object> params = new LinkedHashMap<>(check.params());
        Optional<CheckOverride> override = Optional.ofNullable(config.overrides().get(check.name()));
        if (override.isPresent()) {
            interval = override.get().interval().orElse(interval);
            mergeKnown(params, override.get().params());
        }
        List<CheckSetting> levels = new ArrayList<>();
        Map<Optional<String>, CheckSetting> ofCheck = stored.getOrDefault(check.name(), Map.of());
        Optional.ofNullable(ofCheck.get(Optional.empty())).ifPresent(levels::add);
        target.flatMap(t -> Optional.ofNullable(ofCheck.get(Optional.of(t)))).ifPresent(levels::add);
        for (CheckSetting level : levels) {
            enabled = level.enabled().orElse(enabled);
            interval = level.interval().orElse(interval);
            mergeKnown(params, level.params());
        }
        return new EffectiveSettings(enabled, interval.id(), lengths.lengthOf(interval),
                Collections.unmodifiableMap(params));
    }

    /** The check as it runs on {@code target}: with the parameters in force there. */
    Check runnable(Check check, String target) {
        return check.withParams(settings(check, Optional.of(target)).params());
    }

    /** The stored settings of a check: the global one first, then per target by name. */
    List<CheckSetting> storedSettings(String check) {
        List<CheckSetting> all = new ArrayList<>(stored.getOrDefault(check, Map.of()).values());
        all.sort((a, b) -> a.target().isEmpty() ? -1 : b.target().isEmpty() ? 1
                : a.target().get().compareTo(b.target().get()));
        return all;
    }

    private static void mergeKnown(Map<String, Object> params, Map<String, Object> changes) {
        changes.forEach((name, value) -> {
            if (params.containsKey(name)) {
                params.put(name, value);
            }
        });
    }
}
