package io.dbwarden.store;

import java.sql.SQLException;

/**
 * Turns driver and Jdbi exceptions into a {@link StoreException} whose message is the database's own sentence,
 * without the statement's arguments that Jdbi's messages carry.
 */
final class Failures {

    /** H2's error code for a database file locked by another process. */
    static final int H2_DATABASE_IN_USE = 90020;

    private Failures() {
    }

    static StoreException of(Throwable e) {
        if (e instanceof StoreException s) {
            return s;
        }
        SQLException sql = sqlCause(e);
        String detail = sql != null ? sql.getMessage() : e.getMessage();
        return new StoreException("store operation failed: " + firstLine(detail), e);
    }

    static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
