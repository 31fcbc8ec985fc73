package io.dbwarden.check;

/** One thing wrong with a check file, at a 1-based line and column. */
public record CheckProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
