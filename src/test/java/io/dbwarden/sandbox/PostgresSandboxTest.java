package io.dbwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.checks.CheckRun;
import io.dbwarden.collect.QueryKey;
import io.dbwarden.collect.QueryOutcome;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile check queries against a private PostgreSQL, run by a superuser account (the worst case) straight through
 * the collector: the server, not the text guard, keeps them from writing, outliving their time limit, running a
 * second statement, calling a planted function or exhausting memory. Reproductions 1, 3, 4 and 5 of issue 6.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSandboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The statement timeout plus the watchdog's margin, plus time for a loaded machine to answer. */
    private static final Duration ABOUT_THE_TIMEOUT = Duration.ofMillis(4_500);

    private PostgresServer server;
    private Path files;

    @BeforeAll
    void startServer() throws Exception {
        files = ServerSessions.writableByTheServer();
        server = PostgresServer.builder()
                .setting("wal_level", "logical")
                .initSql("CREATE TABLE t (n int)",
                        "CREATE ROLE mallory LOGIN",
                        "CREATE DATABASE planted OWNER mallory",
                        "CREATE ROLE monitor LOGIN IN ROLE pg_monitor",
                        "SELECT pg_create_logical_replication_slot('slot', 'test_decoding')")
                .start();
        // a database owner plants a function that beats pg_catalog.format(text, VARIADIC "any") on its argument
        // types, and makes sessions in their database look in public first
        server.executeIn("planted",
                "SET ROLE mallory",
                "CREATE FUNCTION public.format(text, name, name) RETURNS text LANGUAGE sql AS $$ SELECT 'PLANTED' $$",
                "ALTER DATABASE planted SET search_path = public, pg_catalog");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        ServerSessions.deleteTree(files);
    }

    @AfterEach
    void nothingOfDbwardenIsLeftOnTheServer() throws InterruptedException {
        ServerSessions.awaitNone("dbwarden sessions in pg_stat_activity", () -> server.query("postgres",
                "SELECT pid, state, query FROM pg_stat_activity WHERE application_name = 'dbwarden'"));
    }

    private String dsn() {
        return server.dsn("postgres");
    }

    private List<Map<String, Object>> rowsOfT() {
        return server.query("postgres", "SELECT n FROM t");
    }

    @Test
    void aQueryThatSwitchesReadOnlyOffDoesNotLetTheNextOneWrite() throws Exception {
        // reproduction 1: a quoted set_config escapes a blocklist, and '--' comments end at '\r' for the server
        String readOnlyOff = "SELECT \"set_config\"('default_transaction_read_only', 'off', false) AS v";
        String write = "WITH ins AS (--\rINSERT INTO public.t(n) VALUES (1) RETURNING n\n) SELECT count(*) AS c FROM ins";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, readOnlyOff, write);

        assertThat(result.rows(readOnlyOff)).containsExactly(Map.of("v", "off"));
        assertThat(result.failure(write)).contains("in a read-only transaction");
        assertThat(rowsOfT()).isEmpty();
    }

    @Test
    void aQueryCannotMakeItsOwnTransactionWritable() throws Exception {
        String readWrite = "SELECT \"set_config\"('transaction_read_only', 'off', false) AS v";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, readWrite);

        assertThat(result.failure(readWrite)).contains("transaction read-write mode");
    }

    @Test
    void aSecondStatementTheDriverWouldSendIsRefusedAndWritesNoFile() throws Exception {
        Path file = files.resolve("split.txt");
        String twoStatements = "SELECT 1 AS a; COPY (SELECT 'x') TO '" + file + "'";
        String hiddenByCarriageReturn = "SELECT 1 AS a --\r; COPY (SELECT 'x') TO '" + file + "'";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, twoStatements, hiddenByCarriageReturn);

        assertThat(result.failure(twoStatements)).isEqualTo("query refused: it holds more than one statement");
        assertThat(result.failure(hiddenByCarriageReturn)).isEqualTo("query refused: it holds more than one statement");
        assertThat(file).doesNotExist();
        assertTheServerCouldHaveWritten(files.resolve("control-split.txt"));
    }

    @Test
    void aSecondStatementTheDriverDoesNotSeeIsRefusedByTheServerAndWritesNoFile() throws Exception {
        // pgjdbc takes "\u00a0$a$" for the start of a dollar quote; the server reads an identifier, then ';'
        Path file = files.resolve("hidden.txt");
        String hidden = "SELECT 1 AS \u00a0$a$; COPY (SELECT 'x') TO '" + file + "' --$a$";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, hidden);

        assertThat(result.failure(hidden)).contains("cannot insert multiple commands into a prepared statement");
        assertThat(file).doesNotExist();
        assertTheServerCouldHaveWritten(files.resolve("control-hidden.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"COPY (SELECT 'x') TO '%s'", "DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO ''%s'''; END $$"})
    void aStatementThatReturnsNoRowsIsRefusedBeforeItRuns(String template) throws Exception {
        Path file = files.resolve("lone-" + Math.abs(template.hashCode()) + ".txt");
        String command = template.formatted(file);

        Collection.Result result = Collection.run(dsn(), TIMEOUT, command);

        assertThat(result.failure(command)).startsWith("query refused: the server describes it as returning no rows");
        assertThat(file).doesNotExist();
        assertTheServerCouldHaveWritten(files.resolve("control-lone.txt"));
    }

    /** The same COPY, sent by the harness's own superuser session, does write: the refusals above are dbwarden's. */
    private void assertTheServerCouldHaveWritten(Path control) {
        server.execute("COPY (SELECT 'x') TO '" + control + "'");
        assertThat(control).exists();
    }

    @Test
    void aTimeoutSwitchedOffByOneQueryStillEndsTheNextWithinTheTimeout() throws Exception {
        // reproduction 4: with --statement-timeout 2s, dbwarden used to wait 7 s and leave pg_sleep running
        String timeoutOff = "SELECT \"set_config\"('statement_timeout', '0', false) AS v";
        String sleep = "SELECT \"pg_sleep\"(20) AS s";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, timeoutOff, sleep);

        assertThat(result.rows(timeoutOff)).containsExactly(Map.of("v", "0"));
        assertThat(result.failure(sleep)).isEqualTo("the query ran longer than the statement timeout (2s) and was cancelled");
        assertThat(result.took()).isLessThan(ABOUT_THE_TIMEOUT);
    }

    @Test
    void aTimeoutSwitchedOffInsideTheQueryItselfStillEndsIt() throws Exception {
        String both = "SELECT \"set_config\"('statement_timeout', '0', false) AS v, \"pg_sleep\"(20) AS s";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, both);

        assertThat(result.failure(both)).isEqualTo("the query ran longer than the statement timeout (2s) and was cancelled");
        assertThat(result.took()).isLessThan(ABOUT_THE_TIMEOUT);
    }

    @Test
    void aQueryThatCancelsItsOwnBackendFailsAloneAndTheSessionGoesOn() throws Exception {
        String cancelSelf = "SELECT \"pg_cancel_backend\"(pg_backend_pid()) AS c";
        String next = "SELECT 1 AS one";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, cancelSelf, next);

        assertThat(result.outcome(cancelSelf)).isInstanceOf(QueryOutcome.Failed.class);
        assertThat(result.rows(next)).containsExactly(Map.of("one", 1L));
    }

    @Test
    void aQueryStillRunningWhenItsThreadIsInterruptedIsCancelledOnTheServer() throws Exception {
        String sleep = "SELECT pg_sleep(60) AS s";
        AtomicReference<Collection.Result> result = new AtomicReference<>();
        Thread collecting = Thread.ofVirtual().start(() -> {
            try {
                result.set(Collection.run(dsn(), Duration.ofMinutes(2), sleep));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ServerSessions.awaitSome("the query running on the server", this::runningSleeps);

        collecting.interrupt();
        collecting.join(ServerSessions.SESSION_END);

        assertThat(collecting.isAlive()).as("collection still waiting after the interrupt").isFalse();
        assertThat(result.get().outcome(sleep)).isInstanceOf(QueryOutcome.Failed.class);
        ServerSessions.awaitNone("pg_sleep still running", this::runningSleeps);
    }

    private List<Map<String, Object>> runningSleeps() {
        return server.query("postgres", "SELECT pid FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE 'SELECT pg_sleep(60)%'");
    }

    @Test
    void aFunctionPlantedByADatabaseOwnerIsNotCalled() throws Exception {
        // reproduction 3: all_databases queries run in every database, including one another role owns
        String sql = "SELECT format('%s in %s', current_user::name, current_database()::name) AS f";
        QueryKey everywhere = new QueryKey(sql, true);

        Collection.Result result = Collection.run(dsn(), TIMEOUT, List.of(everywhere));

        assertThat(((QueryOutcome.Rows) result.outcomes().get(everywhere)).rows())
                .contains(Map.of("database", "planted", "f", "postgres in planted"))
                .noneMatch(row -> row.containsValue("PLANTED"));
        // the same text in an ordinary session in that database calls the planted function
        assertThat(server.query("planted", sql)).containsExactly(Map.of("f", "PLANTED"));
    }

    @Test
    void namesResolveInTheSystemCatalogOnlyWhateverTheQuerySets() throws Exception {
        String pathOff = "SELECT \"set_config\"('search_path', 'public', false) AS v";
        String path = "SELECT current_setting('search_path') AS p";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, pathOff, path);

        assertThat(result.rows(path)).containsExactly(Map.of("p", "pg_catalog, pg_temp"));
    }

    @Test
    void aNotificationFromAQueryIsNeverDelivered() throws Exception {
        String notify = "SELECT pg_notify('dbwarden_test', 'x') AS n";
        try (Connection listener = server.connect("postgres"); Statement st = listener.createStatement()) {
            st.execute("LISTEN dbwarden_test");

            Collection.run(dsn(), TIMEOUT, notify);

            st.execute("SELECT 1"); // notifications arrive with the next exchange
            assertThat(listener.unwrap(org.postgresql.PGConnection.class).getNotifications()).isEmpty();
            server.execute("NOTIFY dbwarden_test");
            st.execute("SELECT 1");
            assertThat(listener.unwrap(org.postgresql.PGConnection.class).getNotifications()).hasSize(1);
        }
    }

    @Test
    void anAdvisoryLockTakenByAQueryIsReleasedBeforeTheNextQuery() throws Exception {
        String lock = "SELECT pg_advisory_lock(4242) AS l";
        String held = "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, lock, held);

        assertThat(result.rows(lock)).hasSize(1);
        assertThat(result.rows(held)).containsExactly(Map.of("n", 0L));
    }

    @Test
    void aWriteHiddenInQueryToXmlIsRefusedByTheServer() throws Exception {
        String hidden = "SELECT query_to_xml('INSERT INTO public.t VALUES (2) RETURNING n', true, false, '') AS x";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, hidden);

        assertThat(result.failure(hidden)).contains("INSERT is not allowed in a non-volatile function");
        assertThat(rowsOfT()).isEmpty();
    }

    /**
     * What a read-only transaction does not stop (a superuser runs all of these): the least-privilege account the
     * README recommends is refused them by the server. For a superuser they stay the text guard's job.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "SELECT pg_stat_reset() AS r",
            "SELECT pg_stat_reset_shared('bgwriter') AS r",
            "SELECT pg_replication_slot_advance('slot', pg_current_wal_lsn()) AS r",
            "SELECT * FROM pg_logical_slot_get_changes('slot', NULL, NULL)",
            "SELECT pg_drop_replication_slot('slot') AS r",
            "SELECT pg_reload_conf() AS r",
            "SELECT pg_switch_wal() AS r",
            "SELECT pg_read_file('/etc/hostname') AS r",
            "SELECT lo_import('/etc/hostname') AS r"})
    void theLeastPrivilegeAccountIsRefusedWhatAReadOnlyTransactionAllows(String sql) throws Exception {
        Collection.Result result = Collection.run(
                "postgresql://monitor@127.0.0.1:" + server.port() + "/postgres", TIMEOUT, sql);

        assertThat(result.failure(sql)).startsWith("privilege missing: ");
        assertThat(server.query("postgres", "SELECT count(*) AS n FROM pg_replication_slots WHERE slot_name = 'slot'"))
                .containsExactly(Map.of("n", 1L));
    }

    @Test
    void aResultOverTheByteLimitFailsThatQueryAloneWithTheLimitNamed() throws Exception {
        // reproduction 5a on PostgreSQL: 60 values of 15 MB; pgjdbc stops before holding them and drops the session
        String huge = "SELECT repeat('x', 15000000) AS s FROM generate_series(1, 60)";
        String next = "SELECT 1 AS one";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, huge, next);

        assertThat(result.failure(huge)).isEqualTo("query failed: returned more than 16777216 bytes (MAX_RESULT_BYTES)");
        assertThat(result.rows(next)).containsExactly(Map.of("one", 1L));
        assertThat(result.stats().connections()).as("a new session replaced the dropped one").isEqualTo(2);
    }

    @Test
    void aValueOverTheValueLimitFailsThatQueryWithTheLimitNamed() throws Exception {
        String big = "SELECT repeat('é', 600000) AS s";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, big);

        assertThat(result.failure(big))
                .isEqualTo("query failed: returned a value of more than 1048576 bytes in column 's' (MAX_VALUE_BYTES)");
    }

    @Test
    void checkQueriesAreCountedOnceAndTheirIsolationApart() throws Exception {
        Collection.Result result = Collection.run(dsn(), TIMEOUT, "SELECT 1 AS a", "SELECT 2 AS b");

        // the version query and the two check queries
        assertThat(result.stats().statements()).isEqualTo(3);
        // the version query's rollback; per check query: begin with its limits, describe, rollback
        assertThat(result.stats().isolationRoundTrips()).isEqualTo(1 + 2 * 3);
    }

    @Test
    void aRunOfTheWholeCatalogLeavesNoSessionBehind() throws Exception {
        RunReport report = CheckRun.against(dsn()).run();

        assertThat(report.items()).isNotEmpty().allMatch(i -> i.status() != ItemStatus.ERROR, "no check erred");
        // @AfterEach asserts pg_stat_activity holds no dbwarden session
    }

    @Test
    void theHarnessCanSeeADbwardenSessionWhileOneIsOpen() throws Exception {
        // keeps the @AfterEach check honest: it does find a dbwarden session when there is one
        try (Connection open = new io.dbwarden.target.TargetConnector().open(Collection.target(dsn()))) {
            assertThat(server.query("postgres", "SELECT pid FROM pg_stat_activity WHERE application_name = 'dbwarden'"))
                    .hasSize(1);
        }
    }

    @Test
    void theSessionItselfRefusesWritesOutsideAnyQuery() throws Exception {
        try (Connection session = new io.dbwarden.target.TargetConnector().open(Collection.target(dsn()));
             Statement st = session.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO public.t VALUES (3)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
        }
        assertThat(rowsOfT()).isEmpty();
    }
}
