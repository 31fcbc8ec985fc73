package io.dbwarden.web;

/** 403: the caller is known but may not do this, or the request comes from where an open server answers nothing. */
final class Forbidden extends ApiException {

    private static final long serialVersionUID = 1L;

    /** What the access log records about the refusal. */
    private final String reason;

    private Forbidden(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    static Forbidden role(Caller caller, Role needed) {
        return new Forbidden("this needs the " + needed.id() + " role; token '" + caller.name() + "' has "
                + caller.role().id(), "role");
    }

    static Forbidden foreignHost(String host) {
        return new Forbidden("this server has no API tokens, so it answers only requests addressed to a loopback "
                + "name, not '" + host + "'; configure tokens to serve it under another name", "foreign_host");
    }

    static Forbidden crossOrigin(String origin) {
        return new Forbidden("this server has no API tokens, so it refuses requests from other web origins, such as '"
                + origin + "'", "cross_origin");
    }

    String reason() {
        return reason;
    }

    @Override
    public int status() {
        return 403;
    }
}
