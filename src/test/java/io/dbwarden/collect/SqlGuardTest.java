package io.dbwarden.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
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
            "SELECT $$ insert into $$ AS s",
            "SELECT 1 -- ; drop table x",
            "SELECT substring(x for 3) FROM t",
            "SELECT user /*!50700 , account_locked */ FROM mysql.user",
            "SELECT 1 /* plain comment: delete */"})
    void readOnlyStatementsPass(String sql) {
        assertThat(SqlGuard.refusal(sql)).isEmpty();
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
            "SELECT 1 /*! INTO OUTFILE '/tmp/x' */",
            "SELECT /*!50000 SLEEP(5) */ 1",
            "SELECT 1 /*M!100400 INTO DUMPFILE '/tmp/x' */",
            "",
            "   ;"})
    void writesLocksAndSideEffectsAreRefusedBeforeSending(String sql) {
        assertThat(SqlGuard.refusal(sql)).isPresent();
    }
}
