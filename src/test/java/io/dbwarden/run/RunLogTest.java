package io.dbwarden.run;

import static io.dbwarden.run.TestChecks.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Check;
import io.dbwarden.log.LogFormat;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {

    private static final String INLINE_PASSWORD = "Lq4-inline-Pw";
    private static final String FILE_PASSWORD = "Rt8-file-Pw";
    private static final String WRONG_PASSWORD = "Xz2-wrong-Pw";
    private static final Logger DBWARDEN = Logger.getLogger("io.dbwarden");

    private static PostgresServer pg;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previousLevel;

    @BeforeAll
    static void startServerWithPasswords() {
        pg = PostgresServer.builder()
                .hbaLine("host all inline 127.0.0.1/32 scram-sha-256")
                .hbaLine("host all byfile 127.0.0.1/32 scram-sha-256")
                .initSql("CREATE ROLE inline LOGIN PASSWORD '" + INLINE_PASSWORD + "'",
                        "CREATE ROLE byfile LOGIN PASSWORD '" + FILE_PASSWORD + "'")
                .start();
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @BeforeEach
    void captureEverythingDbwardenLogs() {
        previousLevel = DBWARDEN.getLevel();
        DBWARDEN.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        DBWARDEN.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        DBWARDEN.removeHandler(capture);
        DBWARDEN.setLevel(previousLevel);
    }

    private RunReport runAgainstPasswordProtectedTargets(Path dir) throws Exception {
        Path secret = dir.resolve("password");
        Files.writeString(secret, FILE_PASSWORD + "\n");
        Check check = check("log_check", "postgresql", "queries: { one: { sql: 'SELECT 1 AS n' } }",
                "size(one) == 1");
        String address = "127.0.0.1:" + pg.port();
        List<Target> targets = List.of(
                new Target("inline", Dsn.parse("postgresql://inline:" + INLINE_PASSWORD + "@" + address + "/postgres"),
                        Map.of()),
                new Target("byfile", Dsn.parse("postgresql://byfile@" + address + "/postgres?password=file:" + secret),
                        Map.of()),
                new Target("wrong", Dsn.parse("postgresql://inline:" + WRONG_PASSWORD + "@" + address + "/postgres"),
                        Map.of()));
        return EngineSetup.standard().build().run(List.of(check), targets, RunOptions.of(RunTrigger.MANUAL));
    }

    private List<String> lines(String event) {
        return records.stream().map(LogRecord::getMessage).filter(m -> m.startsWith(event + " ")).toList();
    }

    @Test
    void connectCollectAndEvaluateAreOneKeyValueLineEachPerTargetWithItsDurations(@TempDir Path dir) throws Exception {
        RunReport report = runAgainstPasswordProtectedTargets(dir);
        String run = "run=" + report.id();

        assertThat(lines("target_connected")).hasSize(2).allSatisfy(line -> assertThat(line).contains(run)
                .containsPattern("target=(inline|byfile) engine=postgresql endpoint=\\S+ millis=\\d+$"));
        assertThat(lines("facts_collected")).hasSize(2).allSatisfy(line -> assertThat(line)
                .containsPattern(" statements=\\d+ distinct_queries=1 connections=1 millis=\\d+ "));
        assertThat(lines("checks_evaluated")).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains(" checks=1 ok=0 findings=1 errors=0 skipped=0 ").containsPattern("millis=\\d+"));
        assertThat(lines("target_connect_failed")).singleElement().asString()
                .contains("target=wrong").contains("reason=authentication_failed").containsPattern("millis=\\d+");
        assertThat(lines("run_finished")).singleElement().asString().contains(run).contains("trigger=manual")
                .contains("targets=3 targets_failed=1 ok=0 findings=2 errors=1 skipped=0");
        assertThat(records).filteredOn(r -> r.getMessage().startsWith("target_connect_failed"))
                .singleElement().satisfies(r -> assertThat(r.getLoggerName()).isEqualTo("io.dbwarden.target"));
    }

    @Test
    void noLineHoldsAPasswordWhetherInlineByReferenceOrWrong(@TempDir Path dir) throws Exception {
        runAgainstPasswordProtectedTargets(dir);

        LogFormat format = new LogFormat();
        assertThat(records).isNotEmpty().allSatisfy(record -> assertThat(format.format(record))
                .doesNotContain(INLINE_PASSWORD).doesNotContain(FILE_PASSWORD).doesNotContain(WRONG_PASSWORD));
        assertThat(lines("target_connected")).as("a reference is not a secret: it says where the password came from")
                .anySatisfy(line -> assertThat(line).contains("password=file:"));
    }
}
