package io.dbwarden.target;

/** A DSN could not be parsed or its password reference could not be resolved; the message never holds a password. */
public final class DsnException extends Exception {
    private static final long serialVersionUID = 1L;

    public DsnException(String message) {
        super(message);
    }
}
