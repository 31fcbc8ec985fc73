package io.dbwarden.collect;

import io.dbwarden.target.Engine;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, before anything is sent, SQL that is not a single read-only statement. The session
 * is read-only too; this guard also stops what a read-only transaction allows but a check must
 * never do (terminate backends, take locks, write files, touch sequences).
 */
public final class SqlGuard {

    private static final Set<String> FIRST_WORDS = Set.of("select", "with", "show", "values", "table", "explain");

    /** Words that only a writing or locking statement needs; inside a read-only statement they betray a write. */
    private static final Set<String> FORBIDDEN_WORDS = Set.of(
            "insert", "update", "delete", "merge", "truncate", "drop", "create", "alter", "grant", "revoke",
            "copy", "call", "lock", "outfile", "dumpfile", "handler", "kill", "shutdown", "flush", "purge");

    private static final Pattern FORBIDDEN_FUNCTIONS = Pattern.compile(
            "\\b(pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|set_config|pg_advisory_\\w*"
                    + "|pg_try_advisory_\\w*|lo_\\w+|pg_switch_wal|pg_create_\\w+|pg_drop_\\w+|pg_replication_origin_\\w+"
                    + "|pg_logical_emit_message|pg_promote|pg_file_write|pg_read_file|pg_read_binary_file|pg_ls_dir"
                    + "|dblink\\w*|nextval|setval|txid_current|pg_current_xact_id|pg_sleep\\w*|pg_backup_\\w+"
                    + "|get_lock|release_lock|release_all_locks|load_file|sleep|benchmark|sys_exec|sys_eval)\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern LOCKING_CLAUSE = Pattern.compile(
            "\\bfor\\s+(update|share|no\\s+key\\s+update|key\\s+share)\\b|\\block\\s+in\\s+share\\s+mode\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern EXECUTABLE_COMMENT = Pattern.compile("/\\*M?!\\d*");

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z_0-9]*)?\\$");

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z_0-9$]*");

    private SqlGuard() {}

    /**
     * Empty when the SQL may run on the engine, else a sentence saying why it is refused. With no
     * engine (an invalid check file) the SQL must pass the reading of every engine.
     */
    public static Optional<String> refusal(String sql, Engine engine) {
        if (engine == null) {
            return refusal(sql, Engine.POSTGRESQL).or(() -> refusal(sql, Engine.MYSQL));
        }
        String code = stripLiteralsAndComments(sql, engine).trim();
        if (code.endsWith(";")) {
            code = code.substring(0, code.length() - 1).trim();
        }
        if (code.isEmpty()) {
            return Optional.of("the query is empty");
        }
        if (code.contains(";")) {
            return Optional.of("a query must be a single statement");
        }
        Matcher words = WORD.matcher(code);
        if (!words.find() || !FIRST_WORDS.contains(words.group().toLowerCase(Locale.ROOT))) {
            return Optional.of("only read-only statements (SELECT, WITH, SHOW, VALUES, TABLE) may run; this one starts with '"
                    + code.split("\\s+", 2)[0] + "'");
        }
        words.reset();
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            boolean afterDot = words.start() > 0 && code.charAt(words.start() - 1) == '.';
            if (!afterDot && FORBIDDEN_WORDS.contains(word) && !isColumnLike(code, words.end())) {
                return Optional.of("the query contains '" + word + "', which could change the server; checks only read");
            }
        }
        Matcher f = FORBIDDEN_FUNCTIONS.matcher(code);
        if (f.find()) {
            return Optional.of("the query calls " + f.group(1) + "(), which checks may not use");
        }
        if (LOCKING_CLAUSE.matcher(code).find()) {
            return Optional.of("the query takes row locks (FOR UPDATE / FOR SHARE); checks only read");
        }
        return Optional.empty();
    }

    /** {@code x.update}, {@code update = } or {@code update(} is a column or function named like a keyword. */
    private static boolean isColumnLike(String code, int end) {
        int i = end;
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        return i < code.length() && (code.charAt(i) == '.' || code.charAt(i) == ',' || code.charAt(i) == ')'
                || code.charAt(i) == '=' || code.charAt(i) == '(');
    }

    /**
     * Replaces string literals, quoted identifiers and comments with blanks so words inside them
     * are ignored, reading the SQL as the engine's own lexer does: what one engine treats as a
     * comment (MySQL's {@code #}) is an operator for the other, and a hidden call would run.
     */
    static String stripLiteralsAndComments(String sql, Engine engine) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean mysql = engine == Engine.MYSQL;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (mysql && (c == '#' || c == '-' && next == '-' && (i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2))))
                    || !mysql && c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                Matcher executable = EXECUTABLE_COMMENT.matcher(sql);
                if (mysql && executable.find(i) && executable.start() == i) {
                    // MySQL runs /*! … */ and MariaDB /*M! … */: their contents are code, only the marker goes.
                    out.append(' ');
                    i = executable.end();
                    continue;
                }
                i = mysql ? skipComment(sql, i) : skipNestedComment(sql, i);
                out.append(' ');
            } else if (mysql && c == '*' && next == '/') {
                out.append(' ');
                i += 2;
            } else if (c == '\'' || c == '"' || mysql && c == '`') {
                boolean escapes = mysql && c != '`'
                        || !mysql && c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                i = skipQuoted(sql, i, c, escapes);
                out.append(c == '\'' ? "''" : "x");
            } else if (!mysql && c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                out.append("''");
                i = end < 0 ? n : end + tag.length();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index after the quoted text starting at {@code start}; doubled quotes and, where the engine has them, backslashes escape. */
    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int j = start + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == quote && j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                j += 2;
            } else if (c == quote) {
                return j + 1;
            } else {
                j++;
            }
        }
        return sql.length();
    }

    private static int skipComment(String sql, int start) {
        int end = sql.indexOf("*/", start + 2);
        return end < 0 ? sql.length() : end + 2;
    }

    /** PostgreSQL block comments nest. */
    private static int skipNestedComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static String dollarTag(String sql, int i) {
        Matcher m = DOLLAR_TAG.matcher(sql);
        return m.find(i) && m.start() == i ? m.group() : null;
    }
}
