package io.dbwarden.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The operators' setting of one check, for every target ({@code target} empty) or one, and what is in force as a
 * result. Empty values inherit; a check nobody changed has no {@code updatedAt}.
 */
public record CheckSettingsView(String check, Optional<String> target, Optional<Boolean> enabled,
        Optional<String> interval, Map<String, Object> params, Optional<Instant> updatedAt,
        Optional<String> updatedBy, EffectiveSettings effective) {
}
