package io.dbwarden.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.sql.ServerReading.Verdict;
import io.dbwarden.target.Engine;
import io.dbwarden.testing.PostgresServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard against a private PostgreSQL 15 as the oracle ({@link PostgresOracle}): every text of the
 * {@link TrickyCorpus} and every built-in query is read by the server, with {@code standard_conforming_strings} on
 * and off, and the guard must never accept one the server reads as several statements, a write, a lock, EXPLAIN
 * ANALYZE or a forbidden call.
 */
class SqlGuardPostgresOracleTest {

    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServer.builder().initSql("CREATE TABLE t (n int)", "CREATE SEQUENCE s").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theOracleTellsReadsFromSecondStatementsWritesLocksAndCalls() throws Exception {
        Map<String, Verdict> expected = Map.ofEntries(
                Map.entry("SELECT n FROM t", Verdict.READ),
                Map.entry("SHOW work_mem", Verdict.READ),
                Map.entry("EXPLAIN SELECT pg_sleep(0)", Verdict.READ),
                Map.entry("SELECT 1; SELECT 2", Verdict.SEVERAL_STATEMENTS),
                Map.entry("WITH d AS (DELETE FROM t RETURNING n) SELECT n FROM d", Verdict.WRITE),
                Map.entry("INSERT INTO t VALUES (1)", Verdict.WRITE),
                Map.entry("SELECT n FROM t FOR SHARE", Verdict.LOCK),
                Map.entry("SELECT \"set_config\"('application_name', 'x', false)", Verdict.FORBIDDEN_CALL),
                Map.entry("SELECT n FROM t WHERE n = nextval('s')", Verdict.FORBIDDEN_CALL),
                Map.entry("SELECT 1 INTO newt", Verdict.NOT_A_QUERY),
                Map.entry("COPY t TO STDOUT", Verdict.NOT_A_QUERY),
                Map.entry("SELECT nosuchcolumn FROM t", Verdict.REFUSED));
        try (PostgresOracle oracle = new PostgresOracle(server, true)) {
            for (Map.Entry<String, Verdict> e : expected.entrySet()) {
                assertThat(oracle.read(e.getKey(), true).verdict()).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(oracle.read("EXPLAIN ANALYZE SELECT 1", true).verdict()).isEqualTo(Verdict.EXECUTES);
        }
        assertThat(server.query("postgres", "SELECT count(*) AS c FROM t").get(0).get("c")).isEqualTo(0L);
    }

    @Test
    void theGuardAcceptsNothingPostgresqlReadsAsSeveralStatementsOrAWrite() throws Exception {
        long started = System.nanoTime();
        List<String> corpus = TrickyCorpus.postgresql();
        OracleTally tally = new OracleTally("PostgreSQL 15");
        for (boolean standardConformingStrings : new boolean[] {true, false}) {
            String session = "standard_conforming_strings " + (standardConformingStrings ? "on" : "off");
            try (PostgresOracle oracle = new PostgresOracle(server, standardConformingStrings)) {
                for (String sql : corpus) {
                    String refusal = SqlGuard.refusal(sql, Engine.POSTGRESQL).orElse(null);
                    tally.record(session, sql, refusal, oracle.read(sql, refusal == null));
                }
            }
        }
        System.out.println(tally.summary() + "  in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(tally.violations()).isEmpty();
        for (Verdict dangerous : List.of(Verdict.SEVERAL_STATEMENTS, Verdict.WRITE, Verdict.LOCK,
                Verdict.FORBIDDEN_CALL, Verdict.NOT_A_QUERY)) {
            assertThat(tally.refused(dangerous)).as("texts the server reads as " + dangerous).isPositive();
        }
        assertThat(tally.accepted(Verdict.READ)).as("reads the guard accepts").isGreaterThan(20);
    }

    @Test
    void everyBuiltInPostgresqlQueryIsAcceptedAndReadAsARead() throws Exception {
        List<String> queries = BuiltinQueries.of(Engine.POSTGRESQL);
        OracleTally tally = new OracleTally("built-in PostgreSQL queries");
        try (PostgresOracle oracle = new PostgresOracle(server, true)) {
            for (String sql : queries) {
                String refusal = SqlGuard.refusal(sql, Engine.POSTGRESQL).orElse(null);
                assertThat(refusal).as(sql).isNull();
                tally.record("built-in", sql, refusal, oracle.read(sql, true));
            }
        }
        System.out.println(tally.summary());
        assertThat(tally.violations()).isEmpty();
        assertThat(tally.accepted(Verdict.READ) + tally.accepted(Verdict.UNCHECKED) + tally.accepted(Verdict.REFUSED))
                .isEqualTo(queries.size());
    }
}
