package io.dbwarden.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbwarden.app.TargetDefinition;
import io.dbwarden.host.HostSpec;
import io.dbwarden.store.CheckSetting;
import io.dbwarden.check.Interval;
import java.util.LinkedHashMap;
import java.util.Map;

/** The before and after of audited changes, as JSON. A target's DSN is always the redacted one. */
final class AuditJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditJson() {
    }

    static JsonNode target(TargetDefinition t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("engine", t.engine().id());
        out.put("dsn", t.redactedDsn());
        out.put("labels", t.labels());
        out.put("host", host(t.host()));
        return MAPPER.valueToTree(out);
    }

    static JsonNode setting(CheckSetting s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", s.enabled().orElse(null));
        out.put("interval", s.interval().map(Interval::id).orElse(null));
        out.put("params", s.params());
        return MAPPER.valueToTree(out);
    }

    private static Map<String, Object> host(HostSpec host) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (host.memoryBytes() != null) {
            out.put("memory_bytes", host.memoryBytes());
        }
        if (host.cpus() != null) {
            out.put("cpus", host.cpus());
        }
        if (host.nodeExporter() != null) {
            out.put("node_exporter", host.nodeExporter().toString());
        }
        return out;
    }
}
