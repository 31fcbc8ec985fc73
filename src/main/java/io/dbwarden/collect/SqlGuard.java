package io.dbwarden.collect;

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

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z_0-9$]*");

    private SqlGuard() {}

    /** Empty when the SQL may run, else a sentence saying why it is refused. */
    public static Optional<String> refusal(String sql) {
        String code = stripLiteralsAndComments(sql).trim();
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

    /** Replaces string literals, quoted identifiers and comments with blanks so words inside them are ignored. */
    static String stripLiteralsAndComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-' || c == '#') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                Matcher executable = EXECUTABLE_COMMENT.matcher(sql);
                if (executable.find(i) && executable.start() == i) {
                    // MySQL runs /*! … */ and MariaDB /*M! … */: their contents are code, only the marker goes.
                    out.append(' ');
                    i = executable.end();
                    continue;
                }
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                out.append(' ');
            } else if (c == '*' && i + 1 < sql.length() && sql.charAt(i + 1) == '/') {
                out.append(' ');
                i += 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < sql.length()) {
                    if (sql.charAt(j) == '\\' && c == '\'') {
                        j += 2;
                        continue;
                    }
                    if (sql.charAt(j) == c) {
                        if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.append(c == '\'' ? "''" : "x");
                i = j + 1;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                out.append("''");
                i = end < 0 ? sql.length() : end + tag.length();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String dollarTag(String sql, int i) {
        Matcher m = Pattern.compile("\\$[A-Za-z_]*\\$").matcher(sql);
        return m.find(i) && m.start() == i ? m.group() : null;
    }
}
