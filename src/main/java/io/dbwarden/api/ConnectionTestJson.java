package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.service.ConnectionTest;

/** The answer of {@code POST /targets/{name}/test}: a failed connection is a result (200), not an API error. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ConnectionTestJson(String target, boolean ok, String version, String error, long millis) {

    static ConnectionTestJson of(ConnectionTest t) {
        return new ConnectionTestJson(t.target(), t.ok(), t.version().orElse(null), t.error().orElse(null), t.millis());
    }
}
