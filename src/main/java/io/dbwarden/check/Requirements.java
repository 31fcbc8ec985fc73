package io.dbwarden.check;

import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import io.dbwarden.version.VersionConstraint;
import java.util.Optional;

/** What a server must be for a check to apply; an unmet requirement skips the check with a reason. */
public record Requirements(Optional<VersionConstraint> version, Optional<Flavor> flavor) {

    public static final Requirements NONE = new Requirements(Optional.empty(), Optional.empty());

    /** Empty when the server qualifies, else the reason the check does not apply. */
    public Optional<String> unmetBy(ServerVersion server) {
        if (flavor.isPresent() && flavor.get() != server.flavor()) {
            return Optional.of("applies to " + flavor.get().id() + " only; this server is " + server.flavor().id());
        }
        if (version.isPresent() && !version.get().matches(server)) {
            return Optional.of("requires version " + version.get() + "; this server is " + server.number());
        }
        return Optional.empty();
    }
}
