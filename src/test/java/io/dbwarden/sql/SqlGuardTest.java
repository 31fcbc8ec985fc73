package io.dbwarden.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.target.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select rolname from pg_roles;",
            "WITH x AS (SELECT 1 AS update) SELECT * FROM x",
            "SHOW GLOBAL VARIABLES",
            "SELECT 'delete from t; drop table x' AS s",
            "SELECT replace(user, 'a', 'b') FROM mysql.user",
            "SELECT t.update, t.create FROM t",
            "SELECT 1 -- ; drop table x",
            "SELECT substring(x for 3) FROM t",
            "SELECT 1 /* plain comment: delete */"})
    void readOnlyStatementsPassOnBothEngines(String sql) {
        assertThat(SqlGuard.refusal(sql, Engine.POSTGRESQL)).isEmpty();
        assertThat(SqlGuard.refusal(sql, Engine.MYSQL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT $$ insert into $$ AS s",
            "SELECT $q$ it's; delete $q$ AS s",
            "SELECT E'it\\'s; delete' AS s",
            "SELECT 1 /* outer /* inner */ delete */"})
    void postgresqlQuotingIsReadAsPostgresqlReadsIt(String sql) {
        assertThat(SqlGuard.refusal(sql, Engine.POSTGRESQL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT user /*!50700 , account_locked */ FROM mysql.user",
            "SELECT 'it''s; delete' AS s",
            "SELECT 1 # ; drop table x"})
    void mysqlQuotingIsReadAsMysqlReadsIt(String sql) {
        assertThat(SqlGuard.refusal(sql, Engine.MYSQL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM t",
            "UPDATE t SET a = 1",
            "SELECT 1; DROP TABLE t",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
            "SELECT * FROM t FOR UPDATE",
            "SELECT pg_terminate_backend(123)",
            "SELECT set_config('x', 'y', false)",
            "SELECT * INTO OUTFILE '/tmp/x' FROM t",
            "SELECT nextval('s')",
            "SELECT pg_sleep(10)",
            "SELECT SLEEP(10)",
            "SELECT LOAD_FILE('/etc/passwd')",
            "CALL p()",
            "",
            "   ;"})
    void writesLocksAndSideEffectsAreRefusedOnBothEngines(String sql) {
        assertThat(SqlGuard.refusal(sql, Engine.POSTGRESQL)).isPresent();
        assertThat(SqlGuard.refusal(sql, Engine.MYSQL)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1 # 1, pg_terminate_backend(pid) FROM pg_stat_activity",
            "SELECT '\\', pg_reload_conf(), '\\' AS x",
            "SELECT 1 /* a /* b */ */ , pg_reload_conf()"})
    void postgresqlCallsHiddenByMysqlSyntaxAreRefused(String sql) {
        assertThat(SqlGuard.refusal(sql, Engine.POSTGRESQL)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1 --1, load_file('/etc/passwd')",
            "SELECT 1 /*! INTO OUTFILE '/tmp/x' */",
            "SELECT /*!50000 SLEEP(5) */ 1",
            "SELECT 1 /*M!100400 INTO DUMPFILE '/tmp/x' */",
            "SELECT $$, load_file('/etc/passwd'), $$"})
    void mysqlCallsHiddenByOtherSyntaxAreRefused(String sql) {
        assertThat(SqlGuard.refusal(sql, Engine.MYSQL)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MYSQL"})
    void withoutAnEngineBothReadingsMustPass(Engine ignored) {
        assertThat(SqlGuard.refusal("SELECT 1 # 1, pg_reload_conf()", null)).isPresent();
        assertThat(SqlGuard.refusal("SELECT 1", null)).isEmpty();
    }
}
