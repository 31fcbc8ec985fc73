package io.dbwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.checks.CheckRun;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunReport;
import io.dbwarden.target.TargetConnector;
import io.dbwarden.testing.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile check queries against a private MariaDB, run by an account with every privilege (FILE included, the
 * worst case) straight through the collector: the server keeps them from writing files or rows, outliving their
 * time limit, running a second statement or exhausting memory. Reproductions 2 and 5a of issue 6.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbSandboxTest {

    private static final String USER = "dbwarden";
    private static final String PASSWORD = "sandbox-pw";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The statement timeout plus the watchdog's margin, plus time for a loaded machine to answer. */
    private static final Duration ABOUT_THE_TIMEOUT = Duration.ofMillis(3_500);

    private MariaDbServer server;
    private Path files;

    @BeforeAll
    void startServer() throws Exception {
        files = ServerSessions.writableByTheServer();
        server = MariaDbServer.builder()
                .option("secure_file_priv", files.toString())
                .initSql("CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'",
                        "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1'",
                        "CREATE DATABASE d",
                        "CREATE TABLE d.t (n int) ENGINE=InnoDB",
                        "CREATE SEQUENCE d.s")
                .start();
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
        ServerSessions.awaitNone("dbwarden sessions in the process list", this::sessionsOfDbwarden);
    }

    private List<Map<String, Object>> sessionsOfDbwarden() {
        return server.query("SELECT ID, COMMAND, INFO FROM information_schema.PROCESSLIST WHERE USER = '" + USER + "'");
    }

    private String dsn() {
        return "mysql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "/";
    }

    /** In database d, where the sequence engine's seq_1_to_N tables can be read. */
    private String dsnInD() {
        return dsn() + "d";
    }

    @Test
    void intoOutfileBehindALineSeparatorIsRefusedAndWritesNoFile() throws Exception {
        // reproduction 2: MariaDB does not take "--" followed by U+2028 for a comment, so this is one SELECT … INTO
        Path file = files.resolve("u2028.txt");
        String hidden = "SELECT 5 --\u2028 AS a, 'x' INTO OUTFILE '" + file + "'\nFROM (SELECT 1 AS `\u2028`) q";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, hidden);

        assertThat(result.failure(hidden)).startsWith("query refused: the server describes it as returning no rows");
        assertThat(file).doesNotExist();
        assertTheServerCouldHaveWritten(files.resolve("control-u2028.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "SELECT 'x' INTO DUMPFILE '%s'",
            "SELECT 'x' FROM dual INTO OUTFILE '%s'",
            "SELECT 'x' INTO OUTFILE '%s' FROM dual",
            "SELECT 1 INTO @v FROM dual /* %s */",
            "SET SESSION max_statement_time = 0 /* %s */",
            "DO SLEEP(0) /* %s */"})
    void aStatementThatReturnsNoRowsIsRefusedBeforeItRuns(String template) throws Exception {
        Path file = files.resolve("into-" + Math.abs(template.hashCode()) + ".txt");
        String command = template.formatted(file);

        Collection.Result result = Collection.run(dsn(), TIMEOUT, command);

        assertThat(result.failure(command)).startsWith("query refused: the server describes it as returning no rows");
        assertThat(file).doesNotExist();
    }

    @Test
    void aSecondStatementIsASyntaxErrorAndNeitherRuns() throws Exception {
        Path file = files.resolve("second.txt");
        String two = "SELECT 1 AS a; SELECT 'x' INTO OUTFILE '" + file + "'";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, two);

        assertThat(result.failure(two)).contains("You have an error in your SQL syntax");
        assertThat(file).doesNotExist();
    }

    /** The same SELECT … INTO OUTFILE, sent by the harness's own root session, does write: the refusals are dbwarden's. */
    private void assertTheServerCouldHaveWritten(Path control) {
        server.execute("SELECT 'x' INTO OUTFILE '" + control + "'");
        assertThat(control).exists();
    }

    @Test
    void writesThroughASequenceAreRefusedEvenWhenTheQueryAsksForAWritableTransaction() throws Exception {
        String next = "SELECT NEXTVAL(d.s) AS v";
        String readWrite = "SET STATEMENT tx_read_only = 0 FOR SELECT NEXTVAL(d.s) AS v";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, next, readWrite);

        assertThat(result.failure(next)).contains("READ ONLY transaction");
        assertThat(result.failure(readWrite)).contains("READ ONLY transaction");
        assertThat(server.query("SELECT next_not_cached_value AS v FROM d.s")).containsExactly(Map.of("v", 1L));
    }

    @Test
    void aBacktickQuotedSleepIsEndedByTheServersTimeLimit() throws Exception {
        String sleep = "SELECT `sleep`(5) AS s";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, sleep);

        assertThat(result.failure(sleep)).isEqualTo("the query ran longer than the statement timeout (1s) and was cancelled");
        assertThat(result.took()).isLessThan(ABOUT_THE_TIMEOUT);
    }

    @Test
    void aQueryThatLiftsTheServersTimeLimitIsKilledByTheWatchdog() throws Exception {
        // a statement's own SET STATEMENT wins over the one dbwarden puts around it; KILL QUERY still ends it
        String lifted = "SET STATEMENT max_statement_time = 0 FOR SELECT SLEEP(20) AS s";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, lifted);

        assertThat(result.failure(lifted)).isEqualTo("the query ran longer than the statement timeout (1s) and was cancelled");
        assertThat(result.took()).isLessThan(ABOUT_THE_TIMEOUT);
    }

    @Test
    void aUserLockOutlivesTheRollbackButNotTheSession() throws Exception {
        // MariaDB ties GET_LOCK to the session, not the transaction: it is held until dbwarden closes the session
        String lock = "SELECT `get_lock`('dbwarden_test', 0) AS l";
        String held = "SELECT IS_USED_LOCK('dbwarden_test') = CONNECTION_ID() AS held";

        Collection.Result result = Collection.run(dsn(), TIMEOUT, lock, held);

        assertThat(result.rows(lock)).containsExactly(Map.of("l", 1L));
        assertThat(result.rows(held)).containsExactly(Map.of("held", 1L));
        ServerSessions.awaitNone("dbwarden sessions", this::sessionsOfDbwarden);
        assertThat(server.query("SELECT IS_FREE_LOCK('dbwarden_test') AS free")).containsExactly(Map.of("free", 1));
    }

    @Test
    void hugeValuesFailThatQueryAloneWithTheLimitNamed() throws Exception {
        // reproduction 5a: 60 values of 15 MB used to end in OutOfMemoryError and no report for any target
        String huge = "SELECT REPEAT('x', 15000000) AS s FROM seq_1_to_60";
        String next = "SELECT 1 AS one";

        Collection.Result result = Collection.run(dsnInD(), Duration.ofSeconds(30), huge, next);

        assertThat(result.failure(huge))
                .isEqualTo("query failed: returned a value of more than 1048576 bytes in column 's' (MAX_VALUE_BYTES)");
        assertThat(result.rows(next)).containsExactly(Map.of("one", 1L));
        assertThat(result.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aResultOverTheByteLimitFailsThatQueryAloneWithTheLimitNamed() throws Exception {
        String many = "SELECT REPEAT('x', 1000000) AS s FROM seq_1_to_60";
        String next = "SELECT 1 AS one";

        Collection.Result result = Collection.run(dsnInD(), Duration.ofSeconds(30), many, next);

        assertThat(result.failure(many)).isEqualTo("query failed: returned more than 16777216 bytes (MAX_RESULT_BYTES)");
        assertThat(result.rows(next)).containsExactly(Map.of("one", 1L));
        assertThat(result.stats().connections()).as("the session survived").isEqualTo(1);
    }

    @Test
    void checkQueriesAreCountedOnceAndTheirIsolationApart() throws Exception {
        Collection.Result result = Collection.run(dsn(), TIMEOUT, "SELECT 1 AS a", "SELECT 2 AS b");

        // the version query and the two check queries
        assertThat(result.stats().statements()).isEqualTo(3);
        // per check query: START TRANSACTION READ ONLY, the server's description, ROLLBACK
        assertThat(result.stats().isolationRoundTrips()).isEqualTo(2 * 3);
    }

    @Test
    void aRunOfTheWholeCatalogLeavesNoSessionBehind() {
        RunReport report = CheckRun.against(dsn()).run();

        assertThat(report.items()).isNotEmpty().allMatch(i -> i.status() != ItemStatus.ERROR, "no check erred");
        // @AfterEach asserts the process list holds no dbwarden session
    }

    @Test
    void theHarnessCanSeeADbwardenSessionWhileOneIsOpen() throws Exception {
        // keeps the @AfterEach check honest: it does find a dbwarden session when there is one
        try (Connection open = new TargetConnector().open(Collection.target(dsn()))) {
            assertThat(sessionsOfDbwarden()).hasSize(1);
        }
    }
}
