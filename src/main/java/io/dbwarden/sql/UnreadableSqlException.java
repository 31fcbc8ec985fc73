package io.dbwarden.sql;

/** The SQL cannot be read with certainty (unterminated quote or comment, unknown construct); the message says why. */
final class UnreadableSqlException extends Exception {
    UnreadableSqlException(String message) {
        super(message, null, false, false);
    }
}
