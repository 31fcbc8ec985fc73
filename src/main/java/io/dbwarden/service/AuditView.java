package io.dbwarden.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One change: who ({@code actor}: a token name, {@code local}, {@code config}), what ({@code action}, e.g.
 * {@code target.update}), to what ({@code subject}, e.g. {@code target/db1}), and the subject before and after
 * (empty for a creation or a deletion). DSNs in it are redacted.
 */
public record AuditView(long id, Instant at, String actor, String action, String subject, Optional<JsonNode> before,
        Optional<JsonNode> after) {
}
