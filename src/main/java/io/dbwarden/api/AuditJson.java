package io.dbwarden.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.service.AuditView;
import java.time.Instant;

/** One change in the audit log: who, what, to what, when, and the subject before and after (null for none). */
record AuditJson(long id, Instant at, String actor, String action, String subject, JsonNode before, JsonNode after) {

    static AuditJson of(AuditView a) {
        return new AuditJson(a.id(), a.at(), a.actor(), a.action(), a.subject(), a.before().orElse(null),
                a.after().orElse(null));
    }
}
