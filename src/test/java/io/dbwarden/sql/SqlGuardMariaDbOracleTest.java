package io.dbwarden.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.sql.ServerReading.Verdict;
import io.dbwarden.target.Engine;
import io.dbwarden.testing.MariaDbServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard against a private MariaDB 10.11 as the oracle ({@link MariaDbOracle}): every text of the
 * {@link TrickyCorpus} and every built-in query is read by the server in the sql_modes that change its lexer, and the
 * guard must never accept one the server reads as several statements, a statement without a result (INTO, SET, DO,
 * a write), a lock or a forbidden call.
 */
class SqlGuardMariaDbOracleTest {

    private static final String DATABASE = "oracle";
    private static final List<String> SQL_MODES = List.of("", "ANSI_QUOTES", "NO_BACKSLASH_ESCAPES",
            "ANSI_QUOTES,NO_BACKSLASH_ESCAPES");

    private static MariaDbServer server;

    @BeforeAll
    static void start() {
        server = MariaDbServer.builder().initSql("CREATE DATABASE " + DATABASE,
                "CREATE TABLE " + DATABASE + ".t (n int)", "CREATE SEQUENCE " + DATABASE + ".s").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theOracleTellsReadsFromSecondStatementsWritesLocksAndCalls() throws Exception {
        Map<String, Verdict> expected = Map.ofEntries(
                Map.entry("SELECT n FROM t", Verdict.READ),
                Map.entry("SHOW VARIABLES LIKE 'sql_mode'", Verdict.UNCHECKED),
                Map.entry("SELECT 1; SELECT 2", Verdict.SEVERAL_STATEMENTS),
                Map.entry("SELECT 1 garbage garbage", Verdict.REFUSED),
                Map.entry("SELECT 1 INTO @x", Verdict.NOT_A_QUERY),
                Map.entry("SELECT n FROM t INTO OUTFILE '/tmp/dbwarden-oracle-h'", Verdict.NOT_A_QUERY),
                Map.entry("INSERT INTO t VALUES (1)", Verdict.NOT_A_QUERY),
                Map.entry("SELECT n FROM t LOCK IN SHARE MODE", Verdict.LOCK),
                Map.entry("SELECT `sleep`(0)", Verdict.FORBIDDEN_CALL),
                Map.entry("SELECT NEXT VALUE FOR s", Verdict.FORBIDDEN_CALL),
                Map.entry("SELECT 1 --\u2028, sleep(0) AS b FROM (SELECT 1 AS `\u2028`) q", Verdict.FORBIDDEN_CALL),
                Map.entry("SELECT 1 --1, sleep(0) AS b", Verdict.FORBIDDEN_CALL),
                Map.entry("SELECT nosuchcolumn FROM t", Verdict.REFUSED));
        try (MariaDbOracle oracle = new MariaDbOracle(server, DATABASE, "")) {
            for (Map.Entry<String, Verdict> e : expected.entrySet()) {
                assertThat(oracle.read(e.getKey()).verdict()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(server.query("SELECT count(*) AS c FROM " + DATABASE + ".t").get(0).get("c")).isEqualTo(0L);
    }

    @Test
    void mariaDbStartsADashDashCommentWhereTheGuardDoes() throws Exception {
        try (MariaDbOracle oracle = new MariaDbOracle(server, DATABASE, "")) {
            for (String c : TrickyCorpus.unusualCharacters()) {
                String sql = "SELECT 1 AS a --" + c + ", sleep(0) AS b";
                if (SqlGuard.refusal(sql, Engine.MYSQL).isEmpty()) {
                    // The guard reads a comment that hides the call; so must the server.
                    assertThat(oracle.read(sql).verdict()).as(OracleTally.quoted(sql)).isEqualTo(Verdict.READ);
                }
            }
        }
    }

    @Test
    void theGuardAcceptsNothingMariaDbReadsAsSeveralStatementsOrAWrite() throws Exception {
        long started = System.nanoTime();
        List<String> corpus = TrickyCorpus.mysql();
        OracleTally tally = new OracleTally("MariaDB 10.11");
        for (String mode : SQL_MODES) {
            String session = mode.isEmpty() ? "default sql_mode" : "sql_mode +" + mode;
            try (MariaDbOracle oracle = new MariaDbOracle(server, DATABASE, mode)) {
                for (String sql : corpus) {
                    tally.record(session, sql, SqlGuard.refusal(sql, Engine.MYSQL).orElse(null), oracle.read(sql));
                }
            }
        }
        System.out.println(tally.summary() + "  in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(tally.violations()).isEmpty();
        for (Verdict dangerous : List.of(Verdict.SEVERAL_STATEMENTS, Verdict.NOT_A_QUERY, Verdict.LOCK,
                Verdict.FORBIDDEN_CALL)) {
            assertThat(tally.refused(dangerous)).as("texts the server reads as " + dangerous).isPositive();
        }
        assertThat(tally.accepted(Verdict.READ)).as("reads the guard accepts").isGreaterThan(20);
        assertThat(server.query("SELECT count(*) AS c FROM " + DATABASE + ".t").get(0).get("c")).isEqualTo(0L);
    }

    @Test
    void everyBuiltInMysqlQueryIsAcceptedAndReadAsARead() throws Exception {
        List<String> queries = BuiltinQueries.of(Engine.MYSQL);
        OracleTally tally = new OracleTally("built-in MySQL queries");
        try (MariaDbOracle oracle = new MariaDbOracle(server, DATABASE, "")) {
            for (String sql : queries) {
                String refusal = SqlGuard.refusal(sql, Engine.MYSQL).orElse(null);
                assertThat(refusal).as(sql).isNull();
                tally.record("built-in", sql, refusal, oracle.read(sql));
            }
        }
        System.out.println(tally.summary());
        assertThat(tally.violations()).isEmpty();
        assertThat(tally.accepted(Verdict.READ) + tally.accepted(Verdict.UNCHECKED) + tally.accepted(Verdict.REFUSED))
                .isEqualTo(queries.size());
    }
}
