package io.dbwarden.sql;

/**
 * Optimizer hints live in comments that start {@code /*+}, and some change settings for the statement: MySQL 8's
 * {@code SET_VAR(…)} and {@code MAX_EXECUTION_TIME(…)} would lift the server-side time limit, pg_hint_plan's
 * {@code Set(…)} changes planner settings. A check has no use for them, so such a comment is refused wherever it is.
 */
final class Hints {

    private Hints() {}

    /** Refuses the text if the comment starting at {@code slash} is a hint. */
    static void refuseAt(String sql, int slash) throws UnreadableSqlException {
        if (slash + 2 < sql.length() && sql.charAt(slash + 2) == '+') {
            throw new UnreadableSqlException("the optimizer hint comment /*+ at character " + (slash + 1)
                    + " may change settings for the statement; checks may not use hints");
        }
    }
}
