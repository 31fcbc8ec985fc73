package io.dbwarden.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.target.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

    private static String refusal(String sql, Engine engine) {
        return SqlGuard.refusal(sql, engine).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select rolname from pg_roles;",
            "WITH x AS (SELECT 1 AS update) SELECT * FROM x",
            "SHOW GLOBAL VARIABLES",
            "SELECT 'delete from t; drop table x' AS s",
            "SELECT replace(user, 'a', 'b') FROM mysql.user",
            "SELECT t.update, t.create, t.into FROM t",
            "SELECT 1 -- ; drop table x",
            "SELECT substring(x for 3) FROM t",
            "SELECT 1 /* plain comment: delete */",
            "(SELECT 1) UNION (SELECT 2)",
            "VALUES (1), (2)",
            "TABLE t",
            "EXPLAIN SELECT 1",
            "SELECT 1 AS \"x\"\"y\"",
            "SELECT 'it''s' AS s"})
    void readOnlyStatementsPassOnBothEngines(String sql) {
        assertThat(refusal(sql, Engine.POSTGRESQL)).isNull();
        assertThat(refusal(sql, Engine.MYSQL)).isNull();
        assertThat(refusal(sql, null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ;",
            "-- nothing but a comment",
            "SELECT 1;;",
            "DELETE FROM t",
            "UPDATE t SET a = 1",
            "SELECT 1; DROP TABLE t",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
            "SELECT * FROM t FOR UPDATE",
            "SELECT * FROM (SELECT * FROM t FOR UPDATE) s",
            "SELECT * FROM t FOR SHARE",
            "SELECT * FROM t FOR NO KEY UPDATE",
            "SELECT * FROM t FOR KEY SHARE",
            "SELECT pg_terminate_backend(123)",
            "SELECT set_config('x', 'y', false)",
            "SELECT * INTO OUTFILE '/tmp/x' FROM t",
            "SELECT 1 INTO newtable",
            "SELECT 1.INTO newtable",
            "SELECT nextval('s')",
            "SELECT pg_sleep(10)",
            "SELECT pg_sleep_for('1 minute')",
            "SELECT SLEEP(10)",
            "SELECT LOAD_FILE('/etc/passwd')",
            "SELECT lo_import('/etc/passwd')",
            "SELECT pg_advisory_lock(1)",
            "SELECT txid_current()",
            "SELECT dblink_exec('dbname=x', 'DELETE FROM t')",
            "EXPLAIN ANALYZE SELECT 1",
            "EXPLAIN ANALYSE SELECT 1",
            "EXPLAIN (ANALYZE) DELETE FROM t",
            "EXPLAIN (FORMAT JSON, analyze true) SELECT 1",
            "CALL p()",
            "SET statement_timeout = 0",
            "DO $$ BEGIN PERFORM pg_sleep(1); END $$"})
    void writesLocksAndSideEffectsAreRefusedOnBothEngines(String sql) {
        assertThat(refusal(sql, Engine.POSTGRESQL)).isNotNull();
        assertThat(refusal(sql, Engine.MYSQL)).isNotNull();
    }

    @Test
    void aRefusalSaysWhatAndWhere() {
        assertThat(refusal("SELECT 1; DELETE FROM t", Engine.POSTGRESQL))
                .isEqualTo("a query must be a single statement; the ';' at character 9 is followed by more");
        assertThat(refusal("DELETE FROM t", Engine.POSTGRESQL)).isEqualTo(
                "only read-only statements (SELECT, WITH, SHOW, VALUES, TABLE, EXPLAIN) may run; this one starts with 'DELETE'");
        assertThat(refusal("SELECT pg_catalog.PG_SLEEP(5)", Engine.POSTGRESQL)).isEqualTo(
                "the query calls pg_sleep() at character 19, which checks may not use: it waits, burns CPU or takes locks");
        assertThat(refusal("SELECT 'x", Engine.POSTGRESQL)).isEqualTo("the string at character 8 is never closed");
    }

    // Issue 6, reproduction 1: PostgreSQL writes through quoted names and comments that end at a carriage return.

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT \"set_config\"('default_transaction_read_only', 'off', false) AS v",
            "WITH ins AS (--\rINSERT INTO t(n) VALUES (1) RETURNING n\n) SELECT count(*) AS c FROM ins",
            "SELECT 1 AS a --\r; COPY (SELECT 'x') TO '/tmp/file'",
            "SELECT \"pg_cancel_backend\"(pg_backend_pid())",
            "SELECT pg_catalog.\"set_config\"('a', 'b', false)",
            "SELECT U&\"set\\005fconfig\"('a', 'b', false)",
            "SELECT U&\"set!005fconfig\" UESCAPE '!' ('a', 'b', false)",
            "SELECT u&\"pg_\\+000073leep\"(1)",
            "SELECT pg_stat_reset()",
            "SELECT pg_stat_reset_shared('bgwriter')",
            "SELECT pg_stat_statements_reset()",
            "SELECT pg_notify('c', 'x')",
            "SELECT pg_replication_slot_advance('s', '0/0')",
            "SELECT * FROM pg_logical_slot_get_changes('s', NULL, NULL)",
            "SELECT * FROM pg_logical_slot_peek_changes('s', NULL, NULL)",
            "SELECT query_to_xml('DELETE FROM t RETURNING 1', true, false, '')",
            "SELECT \"ts_stat\"('SELECT 1')",
            "SELECT pg_log_backend_memory_contexts(1)",
            "SELECT pg_import_system_collations('pg_catalog')",
            "SELECT pg_current_xact_id()"})
    void postgresqlCallsAndWritesHiddenByQuotingAreRefused(String sql) {
        assertThat(refusal(sql, Engine.POSTGRESQL)).isNotNull();
    }

    @Test
    void aPostgresqlPrefixMakesAnEscapeStringOnlyWhereATokenStarts() {
        // rolname'\' is the name rolname and the plain string '\': the call after it is code.
        assertThat(refusal("SELECT rolname'\\', pg_sleep(1) -- ' FROM pg_roles", Engine.POSTGRESQL))
                .contains("pg_sleep()");
        assertThat(refusal("SELECT E'it\\'s; delete' AS s", Engine.POSTGRESQL)).isNull();
        assertThat(refusal("SELECT 1E'\\', pg_sleep(1) -- '", Engine.POSTGRESQL)).isNull();
    }

    @Test
    void aDollarQuoteStartsOnlyWhereATokenStarts() {
        assertThat(refusal("SELECT x$a$ FROM t WHERE pg_sleep(1) IS NULL OR '$a$' = ''", Engine.POSTGRESQL))
                .contains("pg_sleep()");
        assertThat(refusal("SELECT $a$ ; DROP TABLE t $a$ AS s", Engine.POSTGRESQL)).isNull();
        assertThat(refusal("SELECT 1 AS x, $q$ it's; delete $q$ AS s", Engine.POSTGRESQL)).isNull();
        assertThat(refusal("SELECT $a$ x $b$ y $a$", Engine.POSTGRESQL)).isNull();
    }

    @Test
    void postgresqlLiteralsJoinedAcrossNewlinesKeepTheFirstOnesEscapes() {
        // Read as one E-string, \' is a quote; read as a fresh plain string, the call would hide in it.
        assertThat(refusal("SELECT E'a'\n'\\'' , pg_sleep(1) --'", Engine.POSTGRESQL)).contains("pg_sleep()");
        assertThat(refusal("SELECT 'a' -- joined\n'b' AS s", Engine.POSTGRESQL)).isNull();
    }

    @Test
    void postgresqlIsReadWithStandardConformingStringsOnAndOff() {
        String sql = "SELECT 'x\\'' , pg_sleep(1) , '\\'' AS s";
        assertThat(refusal(sql, Engine.POSTGRESQL)).contains("pg_sleep()")
                .endsWith("(with standard_conforming_strings off)");
        // A bit string ends at its first quote: no doubled quote hides the rest.
        assertThat(refusal("SELECT B'0''\\'' , pg_sleep(1) --'", Engine.POSTGRESQL)).contains("pg_sleep()");
    }

    @Test
    void postgresqlCommentsNestAndEndAtEitherNewline() {
        assertThat(refusal("SELECT 1 /* outer /* inner */ delete */", Engine.POSTGRESQL)).isNull();
        assertThat(refusal("SELECT 1 /* a /* b */ */ , pg_reload_conf()", Engine.POSTGRESQL)).contains("pg_reload_conf");
        assertThat(refusal("SELECT 1 -- x\r, pg_sleep(1)", Engine.POSTGRESQL)).contains("pg_sleep()");
        assertThat(refusal("SELECT 1 /* never closed", Engine.POSTGRESQL)).contains("never closed");
    }

    @Test
    void explainRunsNothingUnlessAnalyzeSaysSo() {
        assertThat(refusal("EXPLAIN (COSTS OFF) SELECT 1", Engine.POSTGRESQL)).isNull();
        assertThat(refusal("EXPLAIN (\"analyze\") SELECT 1", Engine.POSTGRESQL)).contains("runs the statement");
        assertThat(refusal("EXPLAIN (U&\"analyz\\0065\") SELECT 1", Engine.POSTGRESQL)).contains("runs the statement");
        assertThat(refusal("SELECT s.analyze FROM s", Engine.POSTGRESQL)).isNull();
    }

    // Issue 6, reproduction 2: MariaDB file writes and calls behind comments and backticks.

    @Test
    void aMysqlDashDashBeforeAUnicodeSpaceIsNotTakenForAComment() {
        String sql = "SELECT 5 --\u2028 AS a, 'x' INTO OUTFILE '/tmp/f'\nFROM (SELECT 1 AS `\u2028`) q";
        assertThat(refusal(sql, Engine.MYSQL)).contains("'--' at character 10 is followed by U+2028");
        assertThat(refusal("SELECT 1 --\u00a0, load_file('/etc/passwd')", Engine.MYSQL)).isNotNull();
        assertThat(refusal("SELECT 1 --\t, load_file('/etc/passwd')", Engine.MYSQL)).isNull();
        assertThat(refusal("SELECT 1 --\u000b, load_file('/etc/passwd')", Engine.MYSQL)).isNull();
        assertThat(refusal("SELECT 1 --1, load_file('/etc/passwd')", Engine.MYSQL)).contains("load_file()");
        assertThat(refusal("SELECT 1 --", Engine.MYSQL)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT `sleep`(3)",
            "SELECT `get_lock`('x', 0)",
            "SELECT `mysql`.`sleep`(3)",
            "SELECT \"sleep\"(3)",
            "SELECT 1 INTO @x",
            "SELECT 1 INTO DUMPFILE '/tmp/x'",
            "SELECT * FROM t LOCK IN SHARE MODE",
            "SELECT NEXT VALUE FOR s",
            "SELECT s.nextval",
            "SELECT NEXTVAL(s)",
            "SELECT benchmark(1000000000, md5('x'))",
            "SELECT master_pos_wait('f', 4)",
            "SELECT ['x']",
            "SELECT 1 /*! INTO OUTFILE '/tmp/x' */",
            "SELECT /*!50000 SLEEP(5) */ 1",
            "SELECT 1 /*M!100400 INTO DUMPFILE '/tmp/x' */",
            "SELECT $$, load_file('/etc/passwd'), $$",
            "SELECT sleep /*!50000 + 0 */ (1)",
            "SELECT sleep /*!50000 + 0 */ /*M!100000 + 0 */ (1)",
            "SELECT 1 /*!50000 ; */ /*!50000 SELECT 2 */"})
    void mysqlCallsAndWritesHiddenFromANaiveReadingAreRefused(String sql) {
        assertThat(refusal(sql, Engine.MYSQL)).isNotNull();
    }

    @Test
    void mysqlIsReadInEverySqlMode() {
        assertThat(refusal("SELECT \"sleep\"(3)", Engine.MYSQL)).endsWith("(with sql_mode ANSI_QUOTES)");
        assertThat(refusal("SELECT 'x\\', sleep(1) -- '", Engine.MYSQL))
                .contains("sleep()").endsWith("(with sql_mode NO_BACKSLASH_ESCAPES)");
        // Under NO_BACKSLASH_ESCAPES the string ends at \' and the last quote opens one that never closes.
        assertThat(refusal("SELECT 'it\\'s; delete' AS s", Engine.MYSQL))
                .isEqualTo("the string at character 22 is never closed (with sql_mode NO_BACKSLASH_ESCAPES)");
    }

    @Test
    void mysqlVersionCommentsAreReadAsCodeAndAsComments() {
        assertThat(refusal("SELECT user /*!50700 , account_locked */ FROM mysql.user", Engine.MYSQL)).isNull();
        assertThat(refusal("SHOW /*M!100000 ALL SLAVES STATUS */ /*!80022 REPLICA STATUS */", Engine.MYSQL)).isNull();
        assertThat(refusal("SELECT 1 /*!50000 '*/ , sleep(1) -- ' */", Engine.MYSQL))
                .contains("ends at different places");
        assertThat(refusal("SELECT 1 /*!50000 /*!50000 1 */ */", Engine.MYSQL)).contains("inside another one");
        assertThat(refusal("SELECT 1 /*!50000 , 2", Engine.MYSQL)).contains("never closed");
        assertThat(refusal("SELECT 1 # comment\r, sleep(1)", Engine.MYSQL)).isNull();
    }

    @Test
    void postgresqlSyntaxThatHidesACallFromMysqlIsReadAsPostgresqlReadsIt() {
        assertThat(refusal("SELECT 1 # 1, pg_terminate_backend(pid) FROM pg_stat_activity", Engine.POSTGRESQL))
                .contains("pg_terminate_backend()");
        assertThat(refusal("SELECT '\\', pg_reload_conf(), '\\' AS x", Engine.POSTGRESQL)).contains("pg_reload_conf()");
    }

    @Test
    void optimizerHintsAreRefusedBecauseTheyCanChangeSettings() {
        assertThat(refusal("SELECT /*+ SET_VAR(max_execution_time=0) */ sleep(1)", Engine.MYSQL))
                .startsWith("the optimizer hint comment /*+ at character 8");
        assertThat(refusal("SELECT /*+ MAX_EXECUTION_TIME(0) */ 1", Engine.MYSQL)).isNotNull();
        assertThat(refusal("/*+ Set(statement_timeout 0) */ SELECT 1", Engine.POSTGRESQL)).isNotNull();
        assertThat(refusal("SELECT 1 /* + not a hint */", Engine.POSTGRESQL)).isNull();
    }

    @Test
    void withoutAnEngineEveryReadingMustPass() {
        assertThat(refusal("SELECT 1 # 1, pg_reload_conf()", null)).isNotNull();
        assertThat(refusal("SELECT 1", null)).isNull();
    }

    @Test
    void textTheServersCannotReceiveIsRefused() {
        assertThat(refusal("SELECT 1 #\0, sleep(1)", Engine.MYSQL)).contains("NUL character at character 11");
        assertThat(refusal("SELECT '\ud800'", Engine.POSTGRESQL)).contains("not valid Unicode");
        assertThat(refusal("SELECT '\ud83d\ude00' AS smile", Engine.POSTGRESQL)).isNull();
    }

    @Test
    void limitsAreNamedInTheRefusal() {
        String longQuery = "SELECT '" + "x".repeat(SqlGuard.MAX_QUERY_CHARS) + "'";
        assertThat(refusal(longQuery, Engine.POSTGRESQL)).isEqualTo("the query is longer than 100000 characters");
        String manyComments = "SELECT sleep " + "/*!50000 + 0 */ ".repeat(TokenGraph.MAX_BRANCHING + 1) + "(1)";
        assertThat(refusal(manyComments, Engine.MYSQL)).contains("more than " + TokenGraph.MAX_BRANCHING + " others");
    }
}
