package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.host.HostSpec;
import java.net.URI;
import java.net.URISyntaxException;

/** Declared host facts of a target, in requests and answers alike; every field may be null. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record HostJson(Long memoryBytes, Integer cpus, String nodeExporter) {

    /** What the API's JSON calls the host facts, for messages about a bad one. */
    private static final HostSpec.Names API_NAMES = new HostSpec.Names("host.memory_bytes", "host.cpus", "host.node_exporter");

    static HostJson of(HostSpec host) {
        return new HostJson(host.memoryBytes(), host.cpus(),
                host.nodeExporter() == null ? null : host.nodeExporter().toString());
    }

    /** The facts as the engine takes them; a value it refuses is the caller's mistake, a 422 naming the field. */
    HostSpec toSpec() {
        URI exporter = null;
        if (nodeExporter != null) {
            try {
                exporter = new URI(nodeExporter.strip());
            } catch (URISyntaxException e) {
                throw ApiErrors.unprocessable("host.node_exporter is not a URL: " + e.getReason());
            }
        }
        try {
            return HostSpec.of(memoryBytes, cpus, exporter, API_NAMES);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.unprocessable(e.getMessage());
        }
    }
}
