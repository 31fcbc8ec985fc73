package io.dbwarden.service;

import java.util.Objects;

/**
 * A request the service refuses, with a sentence for the person who made it and the reason, which an HTTP edge maps
 * to a status: {@link Reason#INVALID} to 422 (or 400), {@link Reason#NOT_FOUND} to 404, {@link Reason#CONFLICT} to
 * 409. Nothing was changed when it is thrown. Messages never hold secrets.
 */
public final class ServiceException extends RuntimeException {

    public enum Reason {
        /** The request is well-formed but its content is not acceptable (a DSN that does not parse, an unknown param). */
        INVALID,
        /** It names a target, check, run or finding that does not exist. */
        NOT_FOUND,
        /** It contradicts what exists (a target of that name already exists, or it is defined in the config file). */
        CONFLICT
    }

    private final Reason reason;

    public ServiceException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    static ServiceException invalid(String message) {
        return new ServiceException(Reason.INVALID, message);
    }

    static ServiceException notFound(String message) {
        return new ServiceException(Reason.NOT_FOUND, message);
    }

    static ServiceException conflict(String message) {
        return new ServiceException(Reason.CONFLICT, message);
    }
}
