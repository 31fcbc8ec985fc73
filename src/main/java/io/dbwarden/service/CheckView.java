package io.dbwarden.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A check of the catalog as loaded now, with what is in force for every target and the per-target settings.
 *
 * @param interval  the interval the check file declares
 * @param params    the parameters the check file declares, with their defaults
 * @param source    the file it came from ({@code builtin:checks/…} or a path)
 * @param effective what is in force for a target without a setting of its own
 * @param settings  the operators' settings of this check: the global one first when there is one, then per target
 */
public record CheckView(String name, String engine, String category, String severity, String interval,
        String summary, String description, String remediation, Optional<String> readMore,
        Map<String, Object> params, String source, EffectiveSettings effective, List<CheckSettingsView> settings) {
}
