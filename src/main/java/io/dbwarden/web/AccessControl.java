package io.dbwarden.web;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Set;

/**
 * Decides, before a matched route runs, whether its caller may: a token's role must allow the role the route was
 * mounted with. A refusal is thrown before the handler, so a denied request changes nothing.
 *
 * <p>Without tokens (only allowed on a loopback address, see {@link WebServer}) every caller is {@link Caller#LOCAL},
 * an admin: whoever can reach 127.0.0.1 already runs code on this machine. Web pages open in a browser on this
 * machine are kept out by the {@link LoopbackGuard}.
 */
final class AccessControl {

    static final String DENIED_ATTRIBUTE = "dbwarden.denied";

    private static final String BEARER = "Bearer";

    private final List<ApiToken> tokens;
    private final LoopbackGuard loopbackGuard;

    AccessControl(List<ApiToken> tokens, String listenHost) {
        this.tokens = List.copyOf(tokens);
        this.loopbackGuard = new LoopbackGuard(listenHost);
    }

    boolean open() {
        return tokens.isEmpty();
    }

    void enforce(Context ctx) {
        if (open()) {
            try {
                loopbackGuard.check(ctx);
            } catch (Forbidden e) {
                ctx.attribute(DENIED_ATTRIBUTE, e.reason());
                throw e;
            }
        }
        Set<RouteRole> marks = ctx.routeRoles();
        if (marks.contains(Access.PUBLIC)) {
            return;
        }
        // a route mounted without a role cannot exist through Routes; were one to appear, only an admin may call it
        Role needed = marks.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .findFirst().orElse(Role.ADMIN);
        Caller caller;
        try {
            caller = open() ? Caller.LOCAL : authenticate(ctx.header("Authorization"));
        } catch (Unauthorized e) {
            ctx.attribute(DENIED_ATTRIBUTE, e.reason());
            throw e;
        }
        ctx.attribute(Caller.ATTRIBUTE, caller);
        if (!caller.role().allows(needed)) {
            Forbidden refusal = Forbidden.role(caller, needed);
            ctx.attribute(DENIED_ATTRIBUTE, refusal.reason());
            throw refusal;
        }
    }

    Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw Unauthorized.missingToken();
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase(BEARER)) {
            throw Unauthorized.notBearer();
        }
        byte[] presented = TokenHash.sha256(header.substring(space + 1).strip());
        ApiToken found = null;
        // every hash is compared, also after a match, so the time taken says nothing about which token matched
        for (ApiToken token : tokens) {
            boolean equal = token.hash().matchesDigest(presented);
            if (equal && found == null) {
                found = token;
            }
        }
        if (found == null) {
            throw Unauthorized.invalidToken();
        }
        return new Caller(found.name(), found.role());
    }
}
