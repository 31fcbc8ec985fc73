package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.EffectiveSettings;
import java.util.Map;

/** What is in force for a check: enabled, its interval (and that interval's length in seconds), every param's value. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record EffectiveJson(boolean enabled, String interval, long intervalSeconds, Map<String, Object> params) {

    static EffectiveJson of(EffectiveSettings e) {
        return new EffectiveJson(e.enabled(), e.interval(), e.intervalLength().toSeconds(), e.params());
    }
}
