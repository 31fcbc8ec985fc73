package io.dbwarden.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Texts built to make a lexer and a server disagree: the tricks of issue 6, unusual characters where a comment may or
 * may not end, every pairing of something that may open a comment, literal or quoted name with something that may
 * close it around a forbidden payload, and random splices of such fragments (fixed seed, so every run sends the same texts). Most are not valid SQL; what matters is that
 * the ones a server reads as several statements, a write, a lock or a forbidden call are all refused by the guard.
 *
 * <p>Objects the texts name exist on the oracle's servers: table {@code t(n)} and sequence {@code s}.
 */
final class TrickyCorpus {

    /** Fixed so that every run sends the same texts. */
    static final long SEED = 6;

    /** Random splices per engine. */
    static final int SPLICES = 400;

    static final List<String> POSTGRESQL_TRICKS = List.of(
            // Issue 6, reproduction 1.
            "SELECT \"set_config\"('default_transaction_read_only', 'off', false) AS v",
            "WITH ins AS (--\rINSERT INTO t(n) VALUES (1) RETURNING n\n) SELECT count(*) AS c FROM ins",
            "SELECT 1 AS a --\r; COPY (SELECT 'x') TO '/tmp/dbwarden-oracle-file'",
            "SELECT \"pg_cancel_backend\"(pg_backend_pid())",
            "SELECT pg_stat_reset()",
            "SELECT pg_notify('c', 'x')",
            "SELECT query_to_xml('SELECT 1', true, false, '')",
            "SELECT rolname'\\', pg_sleep(0) -- ' FROM pg_roles",
            "SELECT x$a$ FROM (SELECT 1 AS x$a$) q WHERE pg_sleep(0) IS NOT NULL OR '$a$' = ''",
            "SELECT U&\"set\\005fconfig\"('application_name', 'x', false)",
            "SELECT U&\"set!005fconfig\" UESCAPE '!' ('application_name', 'x', false)",
            "SELECT pg_catalog.\"set_config\"('application_name', 'x', false)",
            // Reads that must stay reads.
            "SELECT 1",
            "SELECT n FROM t",
            "SELECT 'it''s' AS s",
            "SELECT E'it\\'s' AS s",
            "SELECT $$ ; DELETE FROM t $$ AS s",
            "SELECT $q$ it's $q$ AS s",
            "SELECT 'a'\n'b' AS s",
            "SELECT 'a' -- joined\n'b' AS s",
            "SELECT E'a'\n'\\'' AS s",
            "SELECT B'0101' AS b, X'1F' AS x, N'n' AS n, U&'\\0041' AS u",
            "SELECT 1 AS \"x\"\"y\"",
            "SELECT 1 /* a /* nested */ comment */ AS n",
            "SELECT 1 -- comment\r, 2 AS b",
            "SHOW work_mem",
            "SHOW ALL",
            "EXPLAIN SELECT n FROM t",
            "EXPLAIN (COSTS OFF, VERBOSE) SELECT pg_sleep(0)",
            "TABLE t",
            "VALUES (1), (2)",
            "(SELECT 1) UNION (SELECT 2)",
            "SELECT currval('s')",
            // Writes, locks, calls and second statements, plainly and hidden.
            "SELECT 1; SELECT 2",
            "SELECT 1;",
            "SELECT 1 INTO newt",
            "SELECT 1.INTO newt",
            "SELECT n INTO TEMP newt FROM t",
            "SELECT n FROM t FOR UPDATE",
            "SELECT n FROM t FOR NO KEY UPDATE",
            "SELECT n FROM t FOR KEY SHARE",
            "SELECT * FROM (SELECT n FROM t FOR SHARE) q",
            "WITH d AS (DELETE FROM t RETURNING n) SELECT n FROM d",
            "WITH u AS (UPDATE t SET n = 1 RETURNING n) SELECT n FROM u",
            "INSERT INTO t VALUES (1)",
            "EXPLAIN ANALYZE SELECT 1",
            "EXPLAIN (ANALYZE) SELECT 1",
            "EXPLAIN (\"analyze\") SELECT 1",
            "EXPLAIN (U&\"analyz\\0065\") SELECT 1",
            "SET statement_timeout = 0",
            "COPY t TO STDOUT",
            "SELECT nextval('s')",
            "SELECT setval('s', 5)",
            "SELECT pg_advisory_lock(1)",
            "SELECT txid_current()",
            "SELECT * FROM pg_sleep(0)",
            "SELECT E'a'\n'\\'' , pg_sleep(0) --'",
            "SELECT 'x\\'' , pg_sleep(0) , '\\'' AS s",
            "SELECT B'0''\\'' , pg_sleep(0) --'",
            "SELECT 1 /* a /* b */ */ , pg_sleep(0)",
            "SELECT 1 -- x\r, pg_sleep(0)",
            "SELECT 1 # 1, pg_sleep(0)",
            "SELECT '\\', pg_sleep(0), '\\' AS x",
            "SELECT 1 AS a\u000b, pg_sleep(0)",
            "SELECT 1 AS a\u00a0, pg_sleep(0)",
            "SELECT 1 AS a\u2028, pg_sleep(0)",
            "SELECT $1$a$ , pg_sleep(0) , $a$",
            "SELECT 1E'\\', pg_sleep(0) -- '");

    static final List<String> MYSQL_TRICKS = List.of(
            // Issue 6, reproduction 2.
            "SELECT 5 --\u2028 AS a, 'x' INTO OUTFILE '/tmp/dbwarden-oracle-f'\nFROM (SELECT 1 AS `\u2028`) q",
            "SELECT 5 --\u00a0 AS a, sleep(0) AS b FROM (SELECT 1 AS `\u00a0`) q",
            "SELECT `sleep`(0)",
            "SELECT `get_lock`('dbwarden_oracle', 0)",
            // Reads that must stay reads.
            "SELECT 1",
            "SELECT n FROM t",
            "SELECT 'it''s' AS s",
            "SELECT 'it\\'s' AS s",
            "SELECT \"it's\" AS s",
            "SELECT 1 AS `a``b`",
            "SELECT 1 /*!50700 , 2 */ AS x",
            "SELECT 1 /*M!100400 + 1 */ AS x",
            "SHOW /*M!100000 ALL SLAVES STATUS */ /*!80022 REPLICA STATUS */",
            "SHOW VARIABLES LIKE 'sql_mode'",
            "SELECT 1 # comment\r, sleep(0)",
            "SELECT 1 -- \n, 2 AS b",
            "SELECT 1 --\u0001, sleep(0)",
            "SELECT 1 --\u000b, sleep(0)",
            "SELECT 1 --\f, sleep(0)",
            "SELECT 1 --\u001f, sleep(0)",
            "SELECT 1 --\u007f, sleep(0)",
            "SELECT 1 --",
            "SELECT _utf8mb4'x' AS s, x'41' AS h, b'1' AS b, N'n' AS n",
            "SELECT 1e5 AS f, 1.5 AS d, .5 AS e",
            "SELECT $$ AS `dollar`",
            "(SELECT 1) UNION (SELECT 2)",
            "VALUES (1), (2)",
            "EXPLAIN SELECT n FROM t",
            "SELECT is_free_lock('dbwarden_oracle')",
            // Writes, locks, calls and second statements, plainly and hidden.
            "SELECT 1; SELECT 2",
            "SELECT 1;",
            "SELECT 1 INTO @x",
            "SELECT 1.INTO @x",
            "SELECT n FROM t INTO @x",
            "SELECT n FROM t FOR UPDATE",
            "SELECT n FROM t LOCK IN SHARE MODE",
            "SELECT NEXT VALUE FOR s",
            "SELECT NEXTVAL(s)",
            "SELECT SETVAL(s, 5)",
            "SELECT sleep(0)",
            "SELECT SLEEP (0)",
            "SELECT sleep/**/(0)",
            "SELECT benchmark(1, 1)",
            "SELECT release_all_locks()",
            "SELECT load_file('/nonexistent')",
            "SELECT \"sleep\"(0)",
            "DO sleep(0)",
            "SET @x = 1",
            "INSERT INTO t VALUES (1)",
            "ANALYZE SELECT 1",
            "SELECT 1 /*! , sleep(0) */",
            "SELECT 1 /*!50000 , sleep(0) */",
            "SELECT 1 /*!99999 , sleep(0) */",
            "SELECT 1 /*!100000 , sleep(0) */",
            "SELECT 1 /*!999999 , sleep(0) */",
            "SELECT 1 /*M! , sleep(0) */",
            "SELECT 1 /*M!100000 , sleep(0) */",
            "SELECT 1 /*M!999999 , sleep(0) */",
            "SELECT 1 /*!50000 '*/ , sleep(0) -- ' */",
            "SELECT 1 /*!99999 /* x */ , sleep(0) */",
            "SELECT 1 /*!50000 ; SELECT 2 */",
            "SELECT sleep /*!50000 + 0 */ (0)",
            "SELECT sleep /*!99999 + 0 */ (0)",
            "SELECT 'x\\', sleep(0) -- '",
            "SELECT \"x\\\", sleep(0) -- \"",
            "SELECT 'a\\'' , sleep(0) , '\\''",
            "SELECT 1 #\0, sleep(0)",
            "SELECT 1 --\0, sleep(0)",
            "SELECT 1 AS a\u00a0, sleep(0)",
            "SELECT 1 AS a\u000b, sleep(0)",
            "SELECT 1 AS a\u0085, sleep(0)");

    private static final List<String> POSTGRESQL_OPENERS = List.of("--", "-- x", "/*", "/* /* */", "'", "E'", "e'",
            "N'", "B'", "X'", "U&'", "$$", "$a$", "$_$", "\"", "U&\"", "#", "`", "\\", "x$a$", "E'\\'", "'\\'",
            "rolname'\\'", "1E'", "$1$a$", "\u000b", "\u00a0");
    private static final List<String> POSTGRESQL_CLOSERS = List.of("\n", "\r", "\r\n", "*/", "*/ */", "'", "\\'",
            "''", "$$", "$a$", "$_$", "\"", "`", "\n'", "' UESCAPE '!'", "");
    private static final List<String> POSTGRESQL_PAYLOADS = List.of("pg_sleep(0)", "\"pg_sleep\"(0) AS s",
            "n FROM t FOR UPDATE");
    private static final List<String> POSTGRESQL_FRAGMENTS = List.of(" ", "\n", "\r", "\t", "\u000b", "\f",
            "\u00a0", "\u2028", "--", "/*", "*/", "'", "''", "\\", "\\'", "E'", "e'", "B'", "X'", "N'", "U&'", "U&\"",
            "\"", "\"\"", "$$", "$a$", "x$a$", "$1", "#", "`", ";", ",", "(", ")", ".", "1", "1E", "n", "t", "AS x",
            "FROM t", "UESCAPE '!'", "pg_sleep(0)", "\"pg_sleep\"", "set_config('application_name', 'x', false)",
            "FOR UPDATE", "INTO newt", "INSERT INTO t VALUES (1)", "SELECT", "WITH w AS (", "DELETE FROM t",
            "RETURNING n", "COPY t TO STDOUT", "EXPLAIN", "ANALYZE", "(ANALYZE)");

    private static final List<String> MYSQL_OPENERS = List.of("--", "-- ", "--\t", "--\u000b", "--\f", "--\u0001",
            "--\u007f", "--\u00a0", "--\u2028", "#", "/*", "/*!", "/*!50000", "/*!99999", "/*!100000", "/*M!",
            "/*M!100000", "/*M!999999", "'", "\"", "`", "N'", "x'", "_utf8mb4'", "'\\'", "\"\\\"", "$$", "\\");
    private static final List<String> MYSQL_CLOSERS = List.of("\n", "\r", "*/", "'", "\\'", "''", "\"", "`",
            "\n*/", "' */", "");
    private static final List<String> MYSQL_PAYLOADS = List.of("sleep(0)", "`sleep`(0)", "1 INTO @x",
            "n FROM t FOR UPDATE");
    private static final List<String> MYSQL_FRAGMENTS = List.of(" ", "\n", "\r", "\t", "\u000b", "\f", "\u00a0",
            "\u2028", "--", "-- ", "#", "/*", "/*!", "/*!50000", "/*!99999", "/*M!", "/*M!100000", "*/", "'", "''",
            "\\", "\\'", "\"", "\"\"", "`", "``", "x'", "b'", "N'", "_utf8mb4'", "$$", ";", ",", "(", ")", ".", "1",
            "1e", "n", "t", "AS x", "FROM t", "sleep(0)", "sleep", "`sleep`", "get_lock('o', 0)", "FOR UPDATE",
            "LOCK IN SHARE MODE", "INTO @x", "INTO OUTFILE '/tmp/dbwarden-oracle-g'", "NEXT VALUE FOR s",
            "SELECT", "DO", "UNION SELECT");

    private TrickyCorpus() {}

    /**
     * Characters a lexer may or may not take for whitespace or a line end: the ASCII controls, space, DEL and the
     * Unicode spaces and separators.
     */
    static List<String> unusualCharacters() {
        List<String> characters = new ArrayList<>();
        for (char c = 0x01; c <= 0x20; c++) {
            characters.add(String.valueOf(c));
        }
        for (char c : new char[] {0x7f, 0x85, 0xa0, 0x1680, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff}) {
            characters.add(String.valueOf(c));
        }
        for (char c = 0x2000; c <= 0x200a; c++) {
            characters.add(String.valueOf(c));
        }
        return characters;
    }

    static List<String> postgresql() {
        List<String> aroundCharacters = new ArrayList<>();
        for (String c : unusualCharacters()) {
            aroundCharacters.add("SELECT 1 AS a --x" + c + ", pg_sleep(0) AS b");
            aroundCharacters.add("SELECT 1 AS a" + c + ", pg_sleep(0) AS b");
            aroundCharacters.add("SELECT 'a'" + c + "'b' AS s, 1 AS b");
        }
        return corpus(POSTGRESQL_TRICKS, aroundCharacters, POSTGRESQL_OPENERS, POSTGRESQL_CLOSERS,
                POSTGRESQL_PAYLOADS, POSTGRESQL_FRAGMENTS);
    }

    static List<String> mysql() {
        List<String> aroundCharacters = new ArrayList<>();
        for (String c : unusualCharacters()) {
            aroundCharacters.add("SELECT 1 AS a #x" + c + ", sleep(0) AS b");
            aroundCharacters.add("SELECT 1 AS a -- x" + c + ", sleep(0) AS b");
            aroundCharacters.add("SELECT 1 AS a" + c + ", sleep(0) AS b");
            // Issue 6's trick: if '--' and the character are no comment, the character is a column name.
            aroundCharacters.add("SELECT 1 --" + c + ", sleep(0) AS b FROM (SELECT 1 AS `" + c + "`) q");
        }
        return corpus(MYSQL_TRICKS, aroundCharacters, MYSQL_OPENERS, MYSQL_CLOSERS, MYSQL_PAYLOADS, MYSQL_FRAGMENTS);
    }

    private static List<String> corpus(List<String> tricks, List<String> aroundCharacters, List<String> openers,
                                       List<String> closers, List<String> payloads, List<String> fragments) {
        Set<String> texts = new LinkedHashSet<>(tricks);
        texts.addAll(aroundCharacters);
        for (String open : openers) {
            for (String close : closers) {
                for (String payload : payloads) {
                    texts.add("SELECT 1 AS a " + open + " , " + payload + " " + close);
                }
            }
        }
        Random random = new Random(SEED);
        for (int k = 0; k < SPLICES; k++) {
            StringBuilder text = new StringBuilder("SELECT ");
            int count = 2 + random.nextInt(6);
            for (int f = 0; f < count; f++) {
                text.append(fragments.get(random.nextInt(fragments.size())));
            }
            texts.add(text.toString());
        }
        return new ArrayList<>(texts);
    }
}
