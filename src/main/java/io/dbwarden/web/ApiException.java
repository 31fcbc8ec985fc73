package io.dbwarden.web;

/**
 * A request the API refuses, with the status it answers and a message for the caller. Handlers throw a subclass;
 * the server turns it into the error body of the route's {@link ErrorFormat}. The message is shown as it is, so it
 * must name what is wrong and never carry a secret.
 */
public abstract class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ApiException(String message) {
        // an answer to a client, not a fault: no stack trace to fill or log
        super(message, null, false, false);
    }

    public abstract int status();
}
