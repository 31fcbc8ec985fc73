package io.dbwarden.release;

/** A release-data file that does not read: the message names the file, line and column. */
public final class ReleaseDataException extends IllegalArgumentException {

    private final int line;
    private final int column;

    ReleaseDataException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
