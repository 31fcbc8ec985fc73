package io.dbwarden.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One change in the audit log: who ({@code actor}, a token name or {@code config}), what ({@code action}, e.g.
 * {@code target.update}), to what ({@code subject}, e.g. {@code target/db1}), and the subject before and after as
 * JSON (empty for a creation or a deletion). Secrets never go in: callers pass redacted DSNs.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, Optional<JsonNode> before,
        Optional<JsonNode> after) {
}
