package io.dbwarden.web;

/** 404: The thing the request names does not exist (an unknown target, check or run id). */
public final class NotFound extends ApiException {

    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }
}
