package io.dbwarden.service;

/** A check file that did not load, at a 1-based line and column; {@link #toString()} is {@code file:line:col: message}. */
public record CatalogProblemView(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
