package io.dbwarden.web;

/** 409: The request clashes with the current state (a target name already taken, a run already going). */
public final class Conflict extends ApiException {

    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }
}
