package io.dbwarden.web;

/** 403: the token is valid but its role is below the one the route needs. */
final class Forbidden extends ApiException {

    private static final long serialVersionUID = 1L;

    Forbidden(Caller caller, Role needed) {
        super("this needs the " + needed.id() + " role; token '" + caller.name() + "' has " + caller.role().id());
    }

    @Override
    public int status() {
        return 403;
    }
}
