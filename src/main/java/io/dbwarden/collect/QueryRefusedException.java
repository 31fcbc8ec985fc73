package io.dbwarden.collect;

import java.sql.SQLException;

/** A check query that was not run, because the server or the driver showed it is not one row-returning statement. */
final class QueryRefusedException extends SQLException {

    /** SQLSTATE "syntax error or access rule violation": the statement is not one a check may run. */
    private static final String NOT_ALLOWED = "42000";

    QueryRefusedException(String reason) {
        super(reason, NOT_ALLOWED);
    }
}
