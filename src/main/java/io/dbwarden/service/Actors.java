package io.dbwarden.service;

/** Who asks for a change: a token's name, {@code local}, {@code scheduler}; recorded with runs and in the audit log. */
final class Actors {

    /** The audit log's column; a longer name is not one a token or a person has. */
    static final int MAX_LENGTH = 128;
    static final String SCHEDULER = "scheduler";
    static final String CONFIG = "config";

    private Actors() {
    }

    static String require(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > MAX_LENGTH) {
            throw ServiceException.invalid("a change needs who makes it: a name of 1 to " + MAX_LENGTH + " characters");
        }
        return actor;
    }
}
