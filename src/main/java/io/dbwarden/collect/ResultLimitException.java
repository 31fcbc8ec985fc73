package io.dbwarden.collect;

import java.sql.SQLException;

/** A result broke one of the collector's named limits; the message names the limit, so a user can find it. */
final class ResultLimitException extends SQLException {

    /** SQLSTATE "program limit exceeded", as PostgreSQL reports its own limits. */
    private static final String PROGRAM_LIMIT_EXCEEDED = "54000";

    ResultLimitException(String message) {
        super(message, PROGRAM_LIMIT_EXCEEDED);
    }

    static ResultLimitException rows(long limit) {
        return new ResultLimitException("returned more than " + limit + " rows (MAX_ROWS)");
    }

    static ResultLimitException valueBytes(long limit, String column) {
        return new ResultLimitException("returned a value of more than " + limit + " bytes in column '" + column
                + "' (MAX_VALUE_BYTES)");
    }

    static ResultLimitException resultBytes(long limit) {
        return new ResultLimitException("returned more than " + limit + " bytes (MAX_RESULT_BYTES)");
    }
}
