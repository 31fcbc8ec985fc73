package io.dbwarden.store;

import io.dbwarden.app.TargetDefinition;
import java.time.Instant;
import java.util.Objects;

/**
 * A target as the store holds it. The definition's DSN is the connectable one (an encrypted inline password is
 * decrypted); show {@link TargetDefinition#redactedDsn()} to people.
 */
public record StoredTarget(TargetDefinition definition, TargetSource source, Instant createdAt, Instant updatedAt) {
    public StoredTarget {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String name() {
        return definition.name();
    }
}
