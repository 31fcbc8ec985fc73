package io.dbwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbwarden.app.StoreLocation;
import io.dbwarden.app.TargetDefinition;
import io.dbwarden.check.Category;
import io.dbwarden.check.Interval;
import io.dbwarden.check.Severity;
import io.dbwarden.host.HostSpec;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store must do, whatever its database: one subclass per database runs all of it (the db-scheduler habit).
 */
abstract class StoreContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> TABLES = List.of("finding_history", "findings", "run_items", "runs",
            "check_settings", "targets", "audit_log", "api_tokens", "silences", "scheduled_tasks");

    @TempDir
    Path tempDir;
    Store store;

    /** Where this database's store lives; the same for every test of the class, emptied between tests. */
    abstract StoreLocation location();

    Store open(Optional<Path> keyFile) {
        return Store.open(location(), keyFile, Map.<String, String>of()::get);
    }

    @BeforeEach
    void openStore() {
        store = open(Optional.empty());
    }

    @AfterEach
    void emptyAndClose() throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                st.execute("DELETE FROM " + table);
            }
        } finally {
            store.close();
        }
    }

    // ---- migrations and restarts

    @Test
    void migrationsApplyOnceAndReopeningTheStoreAppliesNothingAgain() throws Exception {
        store.close();
        store = open(Optional.empty());
        store.close();
        store = open(Optional.empty());
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'SQL'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success")).isEqualTo(1);
    }

    @Test
    void aClosedAndReopenedStoreHasLostNothing() throws Exception {
        store.targets().create(target("db1"), TargetSource.API, T0);
        store.checkSettings().put(setting("mysql_a", Optional.of("db1"), Optional.of(false)));
        long run = startedRun(2);
        store.runs().recordItems(run, List.of(ItemResult.findings("db1", "mysql_a", 12, List.of(finding("f1", "mysql_a", "db1"))),
                ItemResult.failed("db1", "mysql_b", ItemStatus.SKIPPED, "version too old", 0)), T0.plusSeconds(1));
        store.runs().finish(run, RunStatus.FINISHED, Optional.empty(), T0.plusSeconds(2));
        store.audit().record(T0, "ops", "target.create", "target/db1", Optional.empty(),
                Optional.of(new ObjectMapper().readTree("{\"name\":\"db1\"}")));
        store.tokens().create(new ApiToken("ci", Role.OPERATOR, TokenHash.of("t")), T0);
        SilenceRecord silence = silence(UUID.randomUUID(), T0, T0.plus(Duration.ofHours(1)));
        store.silences().put(silence);

        store.close();
        store = open(Optional.empty());

        assertThat(store.targets().find("db1")).map(StoredTarget::definition).contains(target("db1"));
        assertThat(store.checkSettings().find("mysql_a", Optional.of("db1"))).map(CheckSetting::enabled).contains(Optional.of(false));
        RunRecord stored = store.runs().find(run).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(stored.itemsDone()).isEqualTo(2);
        assertThat(store.runs().items(run)).extracting(ItemRecord::status).containsExactly(ItemStatus.FINDINGS, ItemStatus.SKIPPED);
        assertThat(store.findings().find("f1")).map(FindingRecord::state).contains(FindingState.OPEN);
        assertThat(store.audit().list(10, Optional.empty())).singleElement()
                .satisfies(a -> assertThat(a.after()).map(n -> n.get("name").asText()).contains("db1"));
        assertThat(store.tokens().findByHash(TokenHash.of("t"))).map(ApiToken::role).contains(Role.OPERATOR);
        assertThat(store.silences().find(silence.id())).contains(silence);
    }

    // ---- targets

    @Test
    void aTargetIsCreatedReadUpdatedAndDeleted() {
        TargetDefinition db1 = new TargetDefinition("db1", "postgresql://monitor@db1:5432/postgres?password=env:DB1_PW",
                Map.of("env", "prod", "team", "orders"), new HostSpec(64L << 30, 16, URI.create("http://db1:9100/metrics")));
        assertThat(store.targets().create(db1, TargetSource.API, T0)).isTrue();
        assertThat(store.targets().create(db1, TargetSource.API, T0)).as("a second target of the same name").isFalse();

        StoredTarget stored = store.targets().find("db1").orElseThrow();
        assertThat(stored.definition()).isEqualTo(db1);
        assertThat(stored.source()).isEqualTo(TargetSource.API);
        assertThat(stored.createdAt()).isEqualTo(T0);

        TargetDefinition moved = new TargetDefinition("db1", "mysql://monitor@db1b/", Map.of(), HostSpec.none());
        assertThat(store.targets().update(moved, T0.plusSeconds(60))).isTrue();
        StoredTarget updated = store.targets().find("db1").orElseThrow();
        assertThat(updated.definition()).isEqualTo(moved);
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.targets().update(target("nope"), T0)).isFalse();

        store.checkSettings().put(setting("mysql_a", Optional.of("db1"), Optional.of(false)));
        store.checkSettings().put(setting("mysql_a", Optional.empty(), Optional.of(true)));
        assertThat(store.targets().delete("db1")).isTrue();
        assertThat(store.targets().find("db1")).isEmpty();
        assertThat(store.targets().delete("db1")).isFalse();
        assertThat(store.checkSettings().list()).as("the deleted target's settings go, global ones stay")
                .extracting(CheckSetting::target).containsExactly(Optional.empty());
    }

    @Test
    void aDsnWithAnInlinePasswordIsRefusedWithoutAKeyFileAndNothingIsStored() {
        TargetDefinition inline = new TargetDefinition("db1", "postgresql://monitor:Sup3rSecret@db1/postgres", Map.of(), null);
        assertThatThrownBy(() -> store.targets().create(inline, TargetSource.API, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target 'db1': the DSN holds a password inline, which is stored only encrypted and no secret "
                        + "key file is configured (secrets.key_file); give the password by reference instead: "
                        + "?password=env:NAME or ?password=file:PATH");
        assertThat(store.targets().list()).isEmpty();
        TargetDefinition param = new TargetDefinition("db2", "mysql://monitor@db2/?password=Sup3rSecret", Map.of(), null);
        assertThatThrownBy(() -> store.targets().create(param, TargetSource.API, T0))
                .hasMessageNotContaining("Sup3rSecret");
    }

    @Test
    void withAKeyFileAnInlinePasswordIsStoredEncryptedAndReadBackWhole() throws Exception {
        Path key = tempDir.resolve("secret.key");
        Files.write(key, new byte[32]);
        store.close();
        store = open(Optional.of(key));
        TargetDefinition inline = new TargetDefinition("db1", "postgresql://monitor:Sup3rSecret@db1/postgres", Map.of(), null);
        assertThat(store.targets().create(inline, TargetSource.API, T0)).isTrue();

        assertThat(store.targets().find("db1")).map(t -> t.definition().dsn()).contains(inline.dsn());
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT dsn, dsn_sealed FROM targets")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("dsn")).isEqualTo("postgresql://monitor:***@db1/postgres");
            assertThat(rs.getString("dsn_sealed")).startsWith("v1:").doesNotContain("Sup3rSecret");
        }

        Path otherKey = tempDir.resolve("other.key");
        Files.writeString(otherKey, java.util.Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}) + "\n");
        try (Store wrongKey = open(Optional.of(otherKey))) {
            assertThatThrownBy(() -> wrongKey.targets().find("db1")).isInstanceOf(StoreException.class)
                    .hasMessage("cannot decrypt the DSN of target 'db1': the secret key file is not the one it was stored with");
        }
        try (Store noKey = open(Optional.empty())) {
            assertThatThrownBy(() -> noKey.targets().list()).isInstanceOf(StoreException.class)
                    .hasMessageContaining("has an encrypted DSN and no secret key file is configured");
        }
    }

    @Test
    void aKeyFileThatIsNotAKeyIsAClearError() throws Exception {
        Path key = tempDir.resolve("bad.key");
        Files.writeString(key, "my-password\n");
        assertThatThrownBy(() -> open(Optional.of(key))).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("secret key file " + key + " is not a key: expected 32 bytes")
                .hasMessageNotContaining("my-password");
    }

    @Test
    void theConfigurationFilesTargetsAreSynchronizedWithoutTouchingApiTargets() {
        store.targets().create(target("api1"), TargetSource.API, T0);
        store.targets().create(target("gone"), TargetSource.CONFIG, T0);
        store.targets().create(target("same"), TargetSource.CONFIG, T0);
        store.targets().create(target("changed"), TargetSource.CONFIG, T0);

        TargetDao.ConfigSync sync = store.targets().syncConfigured(List.of(target("same"),
                new TargetDefinition("changed", "mysql://m@new/", Map.of(), null), target("new"), target("api1")), T0.plusSeconds(5));

        assertThat(sync.created()).containsExactly("new");
        assertThat(sync.updated()).containsExactly("changed");
        assertThat(sync.deleted()).containsExactly("gone");
        assertThat(sync.conflicts()).containsExactly("api1");
        assertThat(store.targets().list()).extracting(StoredTarget::name).containsExactly("api1", "changed", "new", "same");
        assertThat(store.targets().find("api1")).map(StoredTarget::source).contains(TargetSource.API);
    }

    // ---- check settings

    @Test
    void checkSettingsAreStoredPerCheckForAllTargetsOrOne() {
        CheckSetting global = new CheckSetting("postgresql_x", Optional.empty(), Optional.empty(),
                Optional.of(Interval.parse("6h")), Map.of("ignore_users", List.of("replicator"), "limit", 3L), T0, "ops");
        CheckSetting onDb1 = setting("postgresql_x", Optional.of("db1"), Optional.of(false));
        store.checkSettings().put(global);
        store.checkSettings().put(onDb1);

        assertThat(store.checkSettings().find("postgresql_x", Optional.empty())).contains(global);
        assertThat(store.checkSettings().forCheck("postgresql_x")).containsExactlyInAnyOrder(global, onDb1);

        CheckSetting reenabled = new CheckSetting("postgresql_x", Optional.of("db1"), Optional.of(true),
                Optional.of(Interval.parse("frequent")), Map.of(), T0.plusSeconds(1), "admin");
        store.checkSettings().put(reenabled);
        assertThat(store.checkSettings().find("postgresql_x", Optional.of("db1"))).contains(reenabled);
        assertThat(store.checkSettings().delete("postgresql_x", Optional.of("db1"))).isTrue();
        assertThat(store.checkSettings().list()).containsExactly(global);
    }

    // ---- runs

    @Test
    void aRunIsQueuedStartedOnceAndFinishedOnce() {
        long id = store.runs().create(new RunRequest(RunTrigger.MANUAL, Optional.of("db1"), Optional.empty(), "ops"), T0);
        RunRecord queued = store.runs().find(id).orElseThrow();
        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(queued.target()).contains("db1");
        assertThat(queued.queuedAt()).isEqualTo(T0);
        assertThat(store.runs().active()).extracting(RunRecord::id).containsExactly(id);

        assertThat(store.runs().start(id, "node-a", 3, T0.plusSeconds(1))).isTrue();
        assertThat(store.runs().start(id, "node-b", 3, T0.plusSeconds(1))).as("another node cannot take it").isFalse();
        assertThat(store.runs().heartbeat(id, T0.plusSeconds(2))).isTrue();
        RunRecord running = store.runs().find(id).orElseThrow();
        assertThat(running.nodeId()).contains("node-a");
        assertThat(running.itemsTotal()).isEqualTo(3);
        assertThat(running.heartbeatAt()).contains(T0.plusSeconds(2));

        assertThat(store.runs().finish(id, RunStatus.FINISHED, Optional.empty(), T0.plusSeconds(3))).isTrue();
        assertThat(store.runs().finish(id, RunStatus.FAILED, Optional.of("late"), T0.plusSeconds(4))).isFalse();
        assertThat(store.runs().heartbeat(id, T0.plusSeconds(5))).isFalse();
        assertThat(store.runs().find(id).orElseThrow().finishedAt()).contains(T0.plusSeconds(3));
        assertThat(store.runs().active()).isEmpty();
        assertThatThrownBy(() -> store.runs().finish(id, RunStatus.RUNNING, Optional.empty(), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunWhoseNodeStoppedSendingHeartbeatsIsMarkedInterrupted() {
        long stale = startedRun(1);
        long fresh = store.runs().create(new RunRequest(RunTrigger.SCHEDULE, Optional.empty(), Optional.empty(), "scheduler"), T0);
        store.runs().start(fresh, "node-b", 1, T0.plusSeconds(50));

        assertThat(store.runs().interruptStale(T0.plusSeconds(30), T0.plusSeconds(60))).containsExactly(stale);

        RunRecord interrupted = store.runs().find(stale).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(interrupted.finishedAt()).contains(T0.plusSeconds(60));
        assertThat(interrupted.error()).hasValueSatisfying(e -> assertThat(e).contains("stopped sending heartbeats"));
        assertThat(store.runs().find(fresh).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThatThrownBy(() -> store.runs().recordItems(stale, List.of(ItemResult.ok("db1", "mysql_a", 1)), T0.plusSeconds(61)))
                .isInstanceOf(StoreException.class).hasMessage("run " + stale + " is not running; its results are not recorded");
        assertThat(store.runs().items(stale)).isEmpty();
    }

    @Test
    void runsAreListedNewestFirstPageByPage() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.runs().create(new RunRequest(RunTrigger.CLI, Optional.empty(), Optional.empty(), "cli"), T0));
        }
        List<RunRecord> first = store.runs().list(2, Optional.empty());
        assertThat(first).extracting(RunRecord::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(store.runs().list(2, Optional.of(ids.get(3)))).extracting(RunRecord::id).containsExactly(ids.get(2), ids.get(1));
    }

    // ---- findings

    @Test
    void aFindingIsOpenedSeenResolvedAndReopenedByLaterEvaluations() {
        record(ItemResult.findings("db1", "mysql_a", 5, List.of(finding("a", "mysql_a", "db1"), finding("b", "mysql_a", "db1"))), T0);
        record(ItemResult.findings("db1", "mysql_a", 5, List.of(finding("a", "mysql_a", "db1"))), T0.plusSeconds(10));
        FindingRecord resolved = store.findings().find("b").orElseThrow();
        assertThat(resolved.state()).isEqualTo(FindingState.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(T0.plusSeconds(10));
        assertThat(resolved.lastSeen()).isEqualTo(T0);

        long third = record(ItemResult.findings("db1", "mysql_a", 5,
                List.of(finding("a", "mysql_a", "db1"), finding("b", "mysql_a", "db1"))), T0.plusSeconds(20));
        FindingRecord b = store.findings().find("b").orElseThrow();
        assertThat(b.state()).isEqualTo(FindingState.OPEN);
        assertThat(b.reopened()).isEqualTo(1);
        assertThat(b.resolvedAt()).isEmpty();
        assertThat(b.firstSeen()).isEqualTo(T0);
        assertThat(b.lastSeen()).isEqualTo(T0.plusSeconds(20));
        assertThat(store.findings().history("b")).extracting(HistoryEntry::event)
                .containsExactly(FindingEvent.OPENED, FindingEvent.RESOLVED, FindingEvent.REOPENED);
        assertThat(store.findings().history("b").get(2).runId()).contains(third);
        assertThat(store.findings().history("a")).extracting(HistoryEntry::event)
                .containsExactly(FindingEvent.OPENED, FindingEvent.SEEN, FindingEvent.SEEN);

        FindingRecord a = store.findings().find("a").orElseThrow();
        assertThat(a.labels()).containsEntry("user", "a");
        assertThat(a.fields()).containsEntry("user", "a").containsEntry("bytes", "1024");
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.category()).isEqualTo(Category.SECURITY);
        assertThat(a.readMore()).contains("https://example.com/a");
    }

    @Test
    void anEvaluationThatSucceedsWithNothingFoundResolvesEverythingOpenOfItsCheckAndTargetOnly() {
        record(List.of(ItemResult.findings("db1", "mysql_a", 1, List.of(finding("a", "mysql_a", "db1"))),
                ItemResult.findings("db1", "mysql_b", 1, List.of(finding("b", "mysql_b", "db1"))),
                ItemResult.findings("db2", "mysql_a", 1, List.of(finding("c", "mysql_a", "db2")))), T0);
        record(ItemResult.ok("db1", "mysql_a", 1), T0.plusSeconds(1));
        assertThat(store.findings().find("a")).map(FindingRecord::state).contains(FindingState.RESOLVED);
        assertThat(store.findings().find("b")).map(FindingRecord::state).contains(FindingState.OPEN);
        assertThat(store.findings().find("c")).map(FindingRecord::state).contains(FindingState.OPEN);
    }

    @Test
    void aCheckThatErroredOrWasSkippedResolvesNothing() {
        record(ItemResult.findings("db1", "mysql_a", 1, List.of(finding("a", "mysql_a", "db1"))), T0);
        record(ItemResult.failed("db1", "mysql_a", ItemStatus.ERROR, "connection refused", 3), T0.plusSeconds(1));
        long skipped = record(ItemResult.failed("db1", "mysql_a", ItemStatus.SKIPPED, "privilege missing", 0), T0.plusSeconds(2));
        FindingRecord a = store.findings().find("a").orElseThrow();
        assertThat(a.state()).isEqualTo(FindingState.OPEN);
        assertThat(a.lastSeen()).isEqualTo(T0);
        assertThat(store.findings().history("a")).extracting(HistoryEntry::event).containsExactly(FindingEvent.OPENED);
        assertThat(store.runs().items(skipped)).singleElement()
                .satisfies(i -> assertThat(i.reason()).contains("privilege missing"));
    }

    @Test
    void disablingACheckMarksItsOpenFindingsAndALaterEvaluationOpensThemAgain() {
        record(List.of(ItemResult.findings("db1", "mysql_a", 1, List.of(finding("a", "mysql_a", "db1"))),
                ItemResult.findings("db2", "mysql_a", 1, List.of(finding("c", "mysql_a", "db2")))), T0);
        assertThat(store.findings().markDisabled("mysql_a", Optional.of("db1"), T0.plusSeconds(1))).isEqualTo(1);
        assertThat(store.findings().find("a")).map(FindingRecord::state).contains(FindingState.DISABLED);
        assertThat(store.findings().find("c")).map(FindingRecord::state).contains(FindingState.OPEN);

        record(ItemResult.findings("db1", "mysql_a", 1, List.of(finding("a", "mysql_a", "db1"))), T0.plusSeconds(2));
        FindingRecord a = store.findings().find("a").orElseThrow();
        assertThat(a.state()).isEqualTo(FindingState.OPEN);
        assertThat(a.reopened()).as("it was never resolved").isZero();
        assertThat(store.findings().history("a")).extracting(HistoryEntry::event)
                .containsExactly(FindingEvent.OPENED, FindingEvent.DISABLED, FindingEvent.OPENED);
        assertThat(store.findings().markDisabled("mysql_a", Optional.empty(), T0.plusSeconds(3))).isEqualTo(2);
    }

    @Test
    void findingsAreFilteredAndPaged() {
        record(List.of(ItemResult.findings("db1", "mysql_a", 1, List.of(finding("a", "mysql_a", "db1"))),
                ItemResult.findings("db2", "mysql_a", 1, List.of(finding("c", "mysql_a", "db2")))), T0);
        record(ItemResult.findings("db1", "mysql_b", 1, List.of(new ObservedFinding("b", "mysql_b", "db1", Severity.CRITICAL,
                Category.RELIABILITY, Map.of(), Map.of(), "s", "d", "r", Optional.empty()))), T0.plusSeconds(1));

        assertThat(store.findings().list(new FindingQuery(Optional.of("db1"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(FindingState.OPEN), 10, 0))).extracting(FindingRecord::fingerprint)
                .containsExactly("b", "a");
        assertThat(store.findings().list(new FindingQuery(Optional.empty(), Optional.of("mysql_a"), Optional.of(Severity.WARNING),
                Optional.of(Category.SECURITY), Optional.empty(), 1, 1))).extracting(FindingRecord::fingerprint)
                .containsExactly("c");
        assertThat(store.findings().countOpenBySeverity()).containsEntry(Severity.CRITICAL, 1).containsEntry(Severity.WARNING, 2)
                .containsEntry(Severity.INFO, 0);
        assertThatThrownBy(() -> new FindingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), FindingQuery.MAX_LIMIT + 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- transactions

    @Test
    void aBatchOfResultsThatFailsHalfwayWritesNothing() {
        record(ItemResult.findings("db1", "mysql_a", 1, List.of(finding("a", "mysql_a", "db1"))), T0);
        long run = startedRun(3);
        ItemResult resolvesA = ItemResult.ok("db1", "mysql_a", 1);
        ItemResult findsB = ItemResult.findings("db1", "mysql_b", 1, List.of(finding("b", "mysql_b", "db1")));
        // The same fingerprint under another check cannot be stored: the third item fails after the first two wrote.
        ItemResult collides = ItemResult.findings("db1", "mysql_c", 1, List.of(finding("b", "mysql_c", "db1")));

        assertThatThrownBy(() -> store.runs().recordItems(run, List.of(resolvesA, findsB, collides), T0.plusSeconds(1)))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("store operation failed: ");

        assertThat(store.runs().items(run)).isEmpty();
        assertThat(store.runs().find(run).orElseThrow().itemsDone()).isZero();
        assertThat(store.findings().find("b")).isEmpty();
        assertThat(store.findings().find("a")).map(FindingRecord::state).contains(FindingState.OPEN);
        assertThat(store.findings().history("a")).hasSize(1);

        store.runs().recordItems(run, List.of(resolvesA, findsB), T0.plusSeconds(2));
        assertThat(store.runs().find(run).orElseThrow().itemsDone()).isEqualTo(2);
        assertThat(store.findings().find("a")).map(FindingRecord::state).contains(FindingState.RESOLVED);
    }

    @Test
    void aTransactionThatThrowsLeavesNoTraceOfWhatItWrote() {
        assertThatThrownBy(() -> store.useTransaction(tx -> {
            tx.targets().create(target("db1"), TargetSource.API, T0);
            tx.audit().record(T0, "ops", "target.create", "target/db1", Optional.empty(), Optional.empty());
            throw new IllegalStateException("the API call failed after writing");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the API call failed after writing");
        assertThat(store.targets().list()).isEmpty();
        assertThat(store.audit().list(10, Optional.empty())).isEmpty();

        store.useTransaction(tx -> {
            tx.targets().create(target("db1"), TargetSource.API, T0);
            tx.audit().record(T0, "ops", "target.create", "target/db1", Optional.empty(), Optional.empty());
        });
        assertThat(store.targets().list()).hasSize(1);
        assertThat(store.audit().list(10, Optional.empty())).hasSize(1);
    }

    // ---- retention

    @Test
    void pruneDeletesWhatIsStrictlyOlderThanTheCutoffAndKeepsTheRest() {
        Instant cutoff = T0.plus(Duration.ofDays(90));
        long old = startedRun(1);
        store.runs().recordItems(old, List.of(ItemResult.findings("db1", "mysql_a", 1,
                List.of(finding("gone", "mysql_a", "db1"), finding("stays", "mysql_a", "db1")))), T0);
        store.runs().finish(old, RunStatus.FINISHED, Optional.empty(), cutoff.minusNanos(1000));
        long atCutoff = startedRun(1);
        store.runs().recordItems(atCutoff, List.of(ItemResult.findings("db1", "mysql_a", 1,
                List.of(finding("stays", "mysql_a", "db1"), finding("resolvedAtCutoff", "mysql_a", "db1")))), cutoff.minusSeconds(1));
        store.runs().finish(atCutoff, RunStatus.FINISHED, Optional.empty(), cutoff);
        long unfinished = startedRun(0);
        // "gone" was resolved by the second run, just before the cutoff; "resolvedAtCutoff" at the cutoff itself.
        long resolving = startedRun(1);
        store.runs().recordItems(resolving, List.of(ItemResult.findings("db1", "mysql_a", 1,
                List.of(finding("stays", "mysql_a", "db1")))), cutoff);
        store.silences().put(silence(UUID.randomUUID(), T0, cutoff.minusNanos(1000)));
        SilenceRecord endsAtCutoff = silence(UUID.randomUUID(), T0, cutoff);
        store.silences().put(endsAtCutoff);

        PruneResult result = store.prune(cutoff);

        assertThat(store.runs().find(old)).isEmpty();
        assertThat(store.runs().items(old)).isEmpty();
        assertThat(store.runs().find(atCutoff)).isPresent();
        assertThat(store.runs().find(unfinished)).as("an unfinished run is never pruned").isPresent();
        assertThat(store.findings().find("gone")).isEmpty();
        assertThat(store.findings().history("gone")).isEmpty();
        assertThat(store.findings().find("resolvedAtCutoff")).map(FindingRecord::state).contains(FindingState.RESOLVED);
        assertThat(store.findings().history("stays")).as("old 'seen' events go, transitions stay without their pruned run")
                .extracting(HistoryEntry::event, HistoryEntry::runId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingEvent.OPENED, Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple(FindingEvent.SEEN, Optional.of(resolving)));
        assertThat(store.silences().list()).containsExactly(endsAtCutoff);
        assertThat(result).isEqualTo(new PruneResult(1, 1, 1, 1));
    }

    // ---- audit, tokens, silences

    @Test
    void theAuditLogIsReadNewestFirstPageByPage() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long first = store.audit().record(T0, "ops", "check_settings.update", "check/mysql_a",
                Optional.of(json.readTree("{\"enabled\":true}")), Optional.of(json.readTree("{\"enabled\":false}")));
        long second = store.audit().record(T0.plusSeconds(1), "admin", "target.delete", "target/db1",
                Optional.of(json.readTree("{\"name\":\"db1\"}")), Optional.empty());
        List<AuditEntry> page = store.audit().list(1, Optional.empty());
        assertThat(page).extracting(AuditEntry::id).containsExactly(second);
        AuditEntry older = store.audit().list(10, Optional.of(second)).get(0);
        assertThat(older.id()).isEqualTo(first);
        assertThat(older.actor()).isEqualTo("ops");
        assertThat(older.at()).isEqualTo(T0);
        assertThat(older.before()).map(n -> n.get("enabled").asBoolean()).contains(true);
        assertThat(older.after()).map(n -> n.get("enabled").asBoolean()).contains(false);
        assertThatThrownBy(() -> store.audit().record(T0, " ", "a", "s", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensAreFoundByTheHashOfTheTokenOnly() {
        ApiToken ci = new ApiToken("ci", Role.OPERATOR, TokenHash.of("ci-token"));
        assertThat(store.tokens().create(ci, T0)).isTrue();
        assertThat(store.tokens().create(new ApiToken("ci", Role.ADMIN, TokenHash.of("other")), T0)).isFalse();
        assertThat(store.tokens().create(new ApiToken("ci2", Role.ADMIN, TokenHash.of("ci-token")), T0)).isFalse();
        assertThat(store.tokens().findByHash(TokenHash.of("ci-token"))).contains(ci);
        assertThat(store.tokens().findByHash(TokenHash.of("guess"))).isEmpty();
        assertThat(store.tokens().list()).containsExactly(ci);
        assertThat(store.tokens().delete("ci")).isTrue();
        assertThat(store.tokens().list()).isEmpty();
    }

    @Test
    void silencesAreStoredByIdAndReplacedInPlace() {
        UUID id = UUID.randomUUID();
        SilenceRecord s = silence(id, T0, T0.plus(Duration.ofHours(24)));
        store.silences().put(s);
        SilenceRecord expired = new SilenceRecord(id, s.matchers(), T0, T0.plusSeconds(60), "bob", "fixed", T0.plusSeconds(60));
        store.silences().put(expired);
        assertThat(store.silences().find(id)).contains(expired);
        assertThat(store.silences().list()).containsExactly(expired);
        assertThat(store.silences().endingAtOrAfter(T0.plusSeconds(60))).containsExactly(expired);
        assertThat(store.silences().endingAtOrAfter(T0.plusSeconds(61))).isEmpty();
    }

    // ---- db-scheduler

    @Test
    void theSchedulerTableTakesDbSchedulersRows() throws Exception {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO scheduled_tasks (task_name, task_instance, "
                        + "task_data, execution_time, picked, version, priority) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, "check-target");
            insert.setString(2, "db1/standard");
            insert.setBytes(3, new byte[] {1, 2, 3});
            insert.setTimestamp(4, Timestamp.from(T0));
            insert.setBoolean(5, false);
            insert.setLong(6, 1);
            insert.setShort(7, (short) 0);
            insert.executeUpdate();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT task_data, execution_time, picked, picked_by FROM scheduled_tasks "
                            + "WHERE task_name = 'check-target' ORDER BY priority DESC, execution_time")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes("task_data")).containsExactly(1, 2, 3);
                assertThat(rs.getTimestamp("execution_time").toInstant()).isEqualTo(T0);
                assertThat(rs.getBoolean("picked")).isFalse();
                assertThat(rs.getString("picked_by")).isNull();
            }
        }
    }

    // ---- helpers

    long count(String sql) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long startedRun(int items) {
        long id = store.runs().create(new RunRequest(RunTrigger.SCHEDULE, Optional.empty(), Optional.empty(), "scheduler"), T0);
        store.runs().start(id, "node-a", items, T0);
        return id;
    }

    long record(ItemResult result, Instant at) {
        return record(List.of(result), at);
    }

    long record(List<ItemResult> results, Instant at) {
        long id = startedRun(results.size());
        store.runs().recordItems(id, results, at);
        store.runs().finish(id, RunStatus.FINISHED, Optional.empty(), at);
        return id;
    }

    static TargetDefinition target(String name) {
        return new TargetDefinition(name, "postgresql://monitor@" + name + "/postgres?password=file:/run/secrets/" + name,
                Map.of("env", "prod"), HostSpec.none());
    }

    static CheckSetting setting(String check, Optional<String> target, Optional<Boolean> enabled) {
        return new CheckSetting(check, target, enabled, Optional.empty(), Map.of(), T0, "ops");
    }

    static ObservedFinding finding(String fingerprint, String check, String target) {
        return new ObservedFinding(fingerprint, check, target, Severity.WARNING, Category.SECURITY,
                Map.of("user", fingerprint), Map.of("user", fingerprint, "bytes", "1024"), "summary of " + fingerprint,
                "description", "remediation", Optional.of("https://example.com/" + fingerprint));
    }

    static SilenceRecord silence(UUID id, Instant starts, Instant ends) {
        return new SilenceRecord(id, List.of(new SilenceMatcher("service_name", "db1", false, true),
                new SilenceMatcher("alertname", "mysql_.*", true, true)), starts, ends, "alice", "maintenance", starts);
    }
}
