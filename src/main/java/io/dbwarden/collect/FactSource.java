package io.dbwarden.collect;

import io.dbwarden.target.Target;
import io.dbwarden.version.ServerVersion;

/**
 * A built-in fact that does not come over the SQL session: the host's RAM, the server's TLS
 * certificate, release data. Asked only when a due check refers to its fact.
 */
@FunctionalInterface
public interface FactSource {
    FactOutcome read(Target target, ServerVersion version);
}
