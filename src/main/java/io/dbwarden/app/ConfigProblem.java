package io.dbwarden.app;

/**
 * One thing wrong with the configuration.
 *
 * @param where {@code file:line:col} for the configuration file, or the environment variable or flag that gave the value
 */
public record ConfigProblem(String where, String message) {
    @Override
    public String toString() {
        return where + ": " + message;
    }
}
