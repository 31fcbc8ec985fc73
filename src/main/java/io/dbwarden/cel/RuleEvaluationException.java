package io.dbwarden.cel;

/** A rule that failed while running, e.g. a division by zero or an exceeded iteration budget. */
public final class RuleEvaluationException extends Exception {
    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
