package io.dbwarden.web;

import io.javalin.http.Context;

/**
 * Who made a request: the name of the token it carried and that token's role. On a loopback server without tokens
 * every request comes from {@link #LOCAL}, an admin.
 */
public record Caller(String name, Role role) {

    /** Every caller of a loopback server that has no tokens configured. */
    public static final Caller LOCAL = new Caller("local", Role.ADMIN);

    static final String ATTRIBUTE = "dbwarden.caller";

    /** The caller of a request that passed access control, for audit records; only routes that need a role have one. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller on " + ctx.method() + " " + ctx.path()
                    + ": only routes mounted with a role have one");
        }
        return caller;
    }
}
