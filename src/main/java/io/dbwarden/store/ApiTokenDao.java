package io.dbwarden.store;

import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens created through the API, by hash only (tokens from the configuration file are not stored). */
public final class ApiTokenDao {

    private final Handles handles;

    ApiTokenDao(Handles handles) {
        this.handles = handles;
    }

    public List<ApiToken> list() {
        return handles.call(h -> h.createQuery("SELECT name, role, token_hash FROM api_tokens ORDER BY name")
                .map((rs, ctx) -> new ApiToken(rs.getString("name"), Role.fromId(rs.getString("role")),
                        TokenHash.parse(rs.getString("token_hash"))))
                .list());
    }

    /** The token whose hash this is: how a request's bearer token is looked up after hashing it. */
    public Optional<ApiToken> findByHash(TokenHash hash) {
        return handles.call(h -> h.createQuery("SELECT name, role, token_hash FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", hash.toString())
                .map((rs, ctx) -> new ApiToken(rs.getString("name"), Role.fromId(rs.getString("role")),
                        TokenHash.parse(rs.getString("token_hash"))))
                .findOne());
    }

    /** Adds a token; false when its name or hash is taken. */
    public boolean create(ApiToken token, Instant at) {
        return handles.call(h -> {
            int taken = h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE name = :name OR token_hash = :hash")
                    .bind("name", token.name()).bind("hash", token.hash().toString()).mapTo(Integer.class).one();
            if (taken > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (:name, :role, :hash, :at)")
                    .bind("name", token.name()).bind("role", token.role().id()).bind("hash", token.hash().toString())
                    .bind("at", at).execute();
            return true;
        });
    }

    public boolean delete(String name) {
        return handles.call(h -> h.createUpdate("DELETE FROM api_tokens WHERE name = :name").bind("name", name)
                .execute() == 1);
    }
}
