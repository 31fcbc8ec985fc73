package io.dbwarden.sql;

import io.dbwarden.sql.ServerReading.Verdict;
import io.dbwarden.testing.MariaDbServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a private MariaDB server how it reads a text, without running it, in one sql_mode. The text goes, unchanged,
 * in a COM_STMT_PREPARE packet: a server-side prepare never executes and, without multi-statement support, fails
 * with a syntax error where a second statement starts. The prepare also says how many columns the statement returns:
 * none for {@code SELECT … INTO}, SET, DO, writes. For a statement that returns rows, {@code EXPLAIN EXTENDED} and
 * the note it leaves (the server's own rewrite of the query) name the functions it calls and its locking clause;
 * EXPLAIN plans and reads nothing. Statements EXPLAIN does not take (SHOW, ANALYZE …) are left
 * {@link Verdict#UNCHECKED}: the prepare proves them single statements that return rows, no more.
 */
final class MariaDbOracle implements AutoCloseable {

    /** ER_PARSE_ERROR: "… near '<rest of the text>' at line N"; the rest is cut at 80 characters. */
    private static final int PARSE_ERROR = 1064;
    private static final Pattern NEAR = Pattern.compile("near '(.*)' at line \\d+$", Pattern.DOTALL);
    /** How many places of the "near" text are tried as the start of a second statement. */
    private static final int NEAR_CANDIDATES = 8;
    /** ER_YES note code of EXPLAIN EXTENDED: the query as the server rewrote it. */
    private static final int REWRITTEN_QUERY_NOTE = 1003;
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");

    private final MysqlWire wire;

    /** {@code sqlModeFlags}: added to the server's sql_mode, e.g. "ANSI_QUOTES"; empty for the default. */
    MariaDbOracle(MariaDbServer server, String database, String sqlModeFlags) throws IOException {
        wire = new MysqlWire(server.host(), server.port(), server.user(), database);
        List<String> session = new ArrayList<>(List.of("SET SESSION max_statement_time = 2"));
        if (!sqlModeFlags.isEmpty()) {
            session.add("SET SESSION sql_mode = CONCAT(@@global.sql_mode, '," + sqlModeFlags + "')");
        }
        for (String sql : session) {
            MysqlWire.Answer answer = wire.query(sql);
            if (answer.failed()) {
                throw new IllegalStateException(sql + ": " + answer.errorMessage());
            }
        }
    }

    ServerReading read(String sql) throws IOException {
        MysqlWire.Answer prepared = wire.prepare(sql);
        if (prepared.failed()) {
            if (prepared.errorCode() == PARSE_ERROR && secondStatementAt(sql, prepared.errorMessage()).isPresent()) {
                return ServerReading.of(Verdict.SEVERAL_STATEMENTS, prepared.errorMessage());
            }
            return ServerReading.of(Verdict.REFUSED, prepared.errorCode() + " " + prepared.errorMessage());
        }
        if (prepared.columns() == 0) {
            return ServerReading.of(Verdict.NOT_A_QUERY, "prepared with no result columns");
        }
        Optional<String> rewritten = rewritten(sql);
        if (rewritten.isEmpty()) {
            return ServerReading.of(Verdict.UNCHECKED, "returns rows; EXPLAIN does not take it (SHOW, ANALYZE …)");
        }
        String code = withoutQuotedParts(rewritten.get());
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            if (ForbiddenFunctions.reason(call.group(1)).isPresent()) {
                return ServerReading.of(Verdict.FORBIDDEN_CALL, rewritten.get());
            }
        }
        if (code.contains(" for update") || code.contains(" lock in share mode")) {
            return ServerReading.of(Verdict.LOCK, rewritten.get());
        }
        return ServerReading.of(Verdict.READ, rewritten.get());
    }

    /**
     * Where, by the server's reading, a second statement starts: a place where the error's text starts such that the
     * text before it holds a {@code ;} and prepares as a statement, and the text from it prepares as one too. (A
     * prepared statement tolerates a trailing {@code ;;}, so the {@code ;} cannot be probed more directly.)
     */
    private Optional<Integer> secondStatementAt(String sql, String error) throws IOException {
        Matcher near = NEAR.matcher(error);
        if (!near.find() || near.group(1).isEmpty()) {
            return Optional.empty();
        }
        int from = 0;
        for (int tries = 0; tries < NEAR_CANDIDATES; tries++) {
            int at = sql.indexOf(near.group(1), from);
            if (at < 0) {
                return Optional.empty();
            }
            String before = sql.substring(0, at);
            if (before.contains(";") && !wire.prepare(before).failed() && !wire.prepare(sql.substring(at)).failed()) {
                return Optional.of(at);
            }
            from = at + 1;
        }
        return Optional.empty();
    }

    /** The query as the server rewrote it, from EXPLAIN EXTENDED, which plans it and runs nothing. */
    private Optional<String> rewritten(String sql) throws IOException {
        MysqlWire.Rows explained = wire.rows("EXPLAIN EXTENDED " + sql);
        if (explained.answer().failed()) {
            return Optional.empty();
        }
        for (List<String> warning : wire.rows("SHOW WARNINGS").rows()) {
            if (warning.get(1).equals(String.valueOf(REWRITTEN_QUERY_NOTE))) {
                return Optional.of(warning.get(2));
            }
        }
        return Optional.empty();
    }

    /** The rewritten query with its string literals and backquoted names (aliases repeat the original text) blanked. */
    private static String withoutQuotedParts(String rewritten) {
        StringBuilder out = new StringBuilder(rewritten.length());
        int i = 0;
        while (i < rewritten.length()) {
            char c = rewritten.charAt(i);
            if (c == '\'' || c == '`') {
                int j = i + 1;
                while (j < rewritten.length()) {
                    char d = rewritten.charAt(j);
                    if (c == '\'' && d == '\\') {
                        j += 2;
                    } else if (d == c && j + 1 < rewritten.length() && rewritten.charAt(j + 1) == c) {
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        j++;
                    }
                }
                out.append(' ');
                i = j + 1;
            } else {
                out.append(Character.toLowerCase(c));
                i++;
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
