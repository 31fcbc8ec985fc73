package io.dbwarden.sql;

/**
 * What a real server made of a text, learned without running it.
 *
 * @param detail the server's error, the function called, the statement kind …
 */
record ServerReading(Verdict verdict, String detail) {

    enum Verdict {
        /** The server refused the text (syntax, unknown name …): it would run nothing. */
        REFUSED(false),
        /** A single statement that only reads. */
        READ(false),
        /**
         * A single statement returning rows whose details the oracle cannot learn without running it: on PostgreSQL
         * an EXPLAIN the guard refused (only accepted ones are run), on MariaDB what EXPLAIN does not take (SHOW …).
         */
        UNCHECKED(false),
        /** More than one statement. */
        SEVERAL_STATEMENTS(true),
        /** A write: INSERT/UPDATE/DELETE/MERGE, a data-modifying CTE, SELECT INTO, INTO OUTFILE / @var. */
        WRITE(true),
        /** FOR UPDATE / FOR SHARE / LOCK IN SHARE MODE. */
        LOCK(true),
        /** A call of a function the guard forbids. */
        FORBIDDEN_CALL(true),
        /** A statement that returns no rows and is not a read (SET, COPY, DO, CALL …). */
        NOT_A_QUERY(true),
        /** EXPLAIN ANALYZE: runs the statement it explains. */
        EXECUTES(true);

        final boolean dangerous;

        Verdict(boolean dangerous) {
            this.dangerous = dangerous;
        }
    }

    static ServerReading of(Verdict verdict, String detail) {
        return new ServerReading(verdict, detail);
    }
}
