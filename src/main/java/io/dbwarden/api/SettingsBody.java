package io.dbwarden.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.SettingsChange;
import io.dbwarden.web.BadRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code PUT /checks/{name}/settings}: the whole new setting (what it leaves out inherits again). Whether
 * the interval and the param names are acceptable is the service's judgement (422).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SettingsBody(Boolean enabled, String interval, JsonNode params) {

    SettingsChange change() {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new BadRequest("\"params\" must be an object mapping param names to values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (params != null && params.isObject()) {
            params.properties().forEach(e -> values.put(e.getKey(), JsonValues.plain(e.getValue(), "params." + e.getKey())));
        }
        return new SettingsChange(Optional.ofNullable(enabled), Optional.ofNullable(interval), values);
    }
}
