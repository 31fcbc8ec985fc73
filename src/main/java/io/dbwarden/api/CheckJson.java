package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.CheckView;
import java.util.List;
import java.util.Map;

/**
 * A check of the catalog: what its file declares ({@code interval}, {@code params} with their defaults), what is in
 * force for a target without a setting of its own ({@code effective}), and the operators' settings of it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CheckJson(String name, String engine, String category, String severity, String interval, String summary,
        String description, String remediation, String readMore, Map<String, Object> params, String source,
        EffectiveJson effective, List<SettingsJson> settings) {

    static CheckJson of(CheckView c) {
        return new CheckJson(c.name(), c.engine(), c.category(), c.severity(), c.interval(), c.summary(),
                c.description(), c.remediation(), c.readMore().orElse(null), c.params(), c.source(),
                EffectiveJson.of(c.effective()), c.settings().stream().map(SettingsJson::of).toList());
    }
}
