package io.dbwarden.app;

import java.util.Objects;

/** One API token: who it is (for the audit log), what it may do, and its hash. */
public record ApiToken(String name, Role role, TokenHash hash) {

    public ApiToken {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        if (name == null || !Names.TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("token name '" + name + "' must match " + Names.TOKEN.pattern());
        }
    }

    /** Parses the environment's compact form {@code NAME:ROLE:sha256:HEX}. */
    static ApiToken parseCompact(String text) {
        String[] parts = text.strip().split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a token must be written NAME:ROLE:sha256:HEX, e.g. ci:operator:sha256:…");
        }
        return new ApiToken(parts[0], Role.fromId(parts[1]), TokenHash.parse(parts[2]));
    }
}
