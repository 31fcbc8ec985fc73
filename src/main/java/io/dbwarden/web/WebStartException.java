package io.dbwarden.web;

/** The server could not start, with a sentence saying why and what to change. */
public final class WebStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WebStartException(String message) {
        super(message);
    }

    WebStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
