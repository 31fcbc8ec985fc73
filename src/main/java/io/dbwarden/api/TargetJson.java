package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.TargetView;
import java.time.Instant;
import java.util.Map;

/** A target as the API shows it: the DSN redacted (a reference such as {@code env:NAME} stays visible). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TargetJson(String name, String engine, String dsn, Map<String, String> labels, HostJson host, String source,
        Instant createdAt, Instant updatedAt, Instant lastSuccessfulRun) {

    static TargetJson of(TargetView t) {
        return new TargetJson(t.name(), t.engine(), t.dsn(), t.labels(), HostJson.of(t.host()), t.source(),
                t.createdAt(), t.updatedAt(), t.lastSuccessfulRun().orElse(null));
    }
}
