package io.dbwarden.web;

/** 401: the request carries no valid token. Answered with a {@code WWW-Authenticate: Bearer} challenge. */
final class Unauthorized extends ApiException {

    private static final long serialVersionUID = 1L;

    /** RFC 6750 error code for a token that was sent but is not known, or {@code null} when none was sent. */
    private final String bearerError;

    private Unauthorized(String message, String bearerError) {
        super(message);
        this.bearerError = bearerError;
    }

    static Unauthorized missingToken() {
        return new Unauthorized("this server needs an API token: send 'Authorization: Bearer <token>'", null);
    }

    static Unauthorized notBearer() {
        return new Unauthorized("only bearer tokens are accepted: send 'Authorization: Bearer <token>'",
                "invalid_request");
    }

    static Unauthorized invalidToken() {
        return new Unauthorized("the API token is not valid", "invalid_token");
    }

    String challenge() {
        return bearerError == null
                ? "Bearer realm=\"dbwarden\""
                : "Bearer realm=\"dbwarden\", error=\"" + bearerError + "\"";
    }

    /** What the access log records about the refusal. */
    String reason() {
        return bearerError == null ? "missing_token" : bearerError;
    }

    @Override
    public int status() {
        return 401;
    }
}
