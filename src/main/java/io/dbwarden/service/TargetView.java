package io.dbwarden.service;

import io.dbwarden.host.HostSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A target as the service shows it. The DSN is redacted: an inline password is {@code ***}, a reference such as
 * {@code env:NAME} stays visible.
 *
 * @param source            {@code config} (from dbwarden.yaml, changed only there) or {@code api}
 * @param lastSuccessfulRun when a run last checked this target without a connection failure; empty if never
 */
public record TargetView(String name, String engine, String dsn, Map<String, String> labels, HostSpec host,
        String source, Instant createdAt, Instant updatedAt, Optional<Instant> lastSuccessfulRun) {
}
