package io.dbwarden.sql;

import io.dbwarden.target.Engine;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before anything is sent, SQL that is not a single read-only statement. It reads the text as the
 * engine's own lexer does ({@link PostgresLexer}, {@link MysqlLexer}), in every way a server of that engine may read
 * it (sql_mode, {@code standard_conforming_strings}, version comments), and decides on the tokens of each reading
 * ({@link ReadOnlyRules}); what it cannot read with certainty it refuses. The session is read-only too and the server
 * has the last word; this guard is the first, and also stops what a read-only transaction allows but a check must
 * never do (terminate backends, take locks, write files, touch sequences).
 */
public final class SqlGuard {

    /**
     * Longest query text the guard reads, in characters. The largest built-in query is under 5,000 characters; the
     * bound keeps a hostile check file from making the load slow (each text is read in up to four modes).
     */
    static final int MAX_QUERY_CHARS = 100_000;

    private SqlGuard() {}

    /**
     * Empty when the SQL may run on the engine, else a sentence saying why it is refused. With no engine (an
     * invalid check file) the SQL must pass the reading of every engine.
     */
    public static Optional<String> refusal(String sql, Engine engine) {
        if (engine == null) {
            return refusal(sql, Engine.POSTGRESQL).or(() -> refusal(sql, Engine.MYSQL));
        }
        if (sql.length() > MAX_QUERY_CHARS) {
            return Optional.of("the query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        Optional<String> unreadable = unreadableCharacter(sql);
        if (unreadable.isPresent()) {
            return unreadable;
        }
        List<Reading> readings = engine == Engine.MYSQL ? MysqlLexer.readings(sql) : PostgresLexer.readings(sql);
        for (Reading reading : readings) {
            Optional<String> refusal = reading.refusal();
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /**
     * A NUL ends a MySQL comment but not the query, and PostgreSQL cannot receive one; a lone surrogate is sent as
     * '?'. Neither has a place in a check's SQL.
     */
    private static Optional<String> unreadableCharacter(String sql) {
        for (int k = 0; k < sql.length(); k++) {
            char c = sql.charAt(k);
            if (c == '\0') {
                return Optional.of("the query contains a NUL character at character " + (k + 1));
            }
            if (Character.isHighSurrogate(c) && k + 1 < sql.length() && Character.isLowSurrogate(sql.charAt(k + 1))) {
                k++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("the query is not valid Unicode (a lone surrogate at character " + (k + 1) + ")");
            }
        }
        return Optional.empty();
    }
}
