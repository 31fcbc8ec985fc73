/**
 * The text guard: {@link io.dbwarden.sql.SqlGuard#refusal} refuses, before anything is sent, SQL that is not a single
 * read-only statement, reading it as each engine's own lexer does ({@code PostgresLexer} after PostgreSQL's
 * {@code scan.l}, {@code MysqlLexer} after MariaDB's {@code sql_lex.cc}) in every way a server of that engine may
 * read it, and deciding on the tokens ({@code ReadOnlyRules}, {@code ForbiddenFunctions}). What it cannot read with
 * certainty it refuses with a sentence.
 *
 * <p>The guard is the first word only: the session a query runs in is read-only and time-limited on the server,
 * which has the last word. The guard also stops what a read-only transaction allows but a check must never do.
 * Its readings are tested against real servers ({@code SqlGuardPostgresOracleTest}, {@code SqlGuardMariaDbOracleTest}).
 */
package io.dbwarden.sql;
