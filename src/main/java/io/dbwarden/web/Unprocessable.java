package io.dbwarden.web;

/** 422: The request is well formed but its content is invalid (a target whose DSN cannot work, a bad interval). */
public final class Unprocessable extends ApiException {

    private static final long serialVersionUID = 1L;

    public Unprocessable(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 422;
    }
}
