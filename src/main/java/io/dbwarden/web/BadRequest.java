package io.dbwarden.web;

/** 400: The request is malformed: a body that is not valid JSON, a missing or mistyped field, a bad parameter. */
public final class BadRequest extends ApiException {

    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
