package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.CheckSettingsView;
import java.time.Instant;
import java.util.Map;

/**
 * An operator's setting of a check, for every target ({@code target} null) or one; null values inherit. With it, what
 * is in force as a result.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SettingsJson(String check, String target, Boolean enabled, String interval, Map<String, Object> params,
        Instant updatedAt, String updatedBy, EffectiveJson effective) {

    static SettingsJson of(CheckSettingsView s) {
        return new SettingsJson(s.check(), s.target().orElse(null), s.enabled().orElse(null),
                s.interval().orElse(null), s.params(), s.updatedAt().orElse(null), s.updatedBy().orElse(null),
                EffectiveJson.of(s.effective()));
    }
}
