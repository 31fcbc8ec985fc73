package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL memory-sizing checks and the checkpoint check. Host RAM is declared (as --host-memory does), so
 * one server's real settings are right or wrong for the host; the checks are independent, so each one fires or
 * stays quiet by its own figure whatever the others find. {@code sized} carries every planted setting and has
 * written enough WAL under a 32 MB max_wal_size to force checkpoints; the harness's default instance is the
 * healthy one.
 */
class PostgresMemoryChecksTest {

    private static final String OVERSIZED = "postgresql_shared_buffers_oversized";
    private static final String WORK_MEM = "postgresql_work_mem_high";
    private static final String CACHE = "postgresql_effective_cache_size";
    private static final String CHECKPOINTS = "postgresql_checkpoints_requested";
    private static final String[] CHECKS = {OVERSIZED, WORK_MEM, CACHE, CHECKPOINTS};

    private static PostgresServer sized;
    private static RunReport on8GiB;
    private static RunReport on1GiB;

    @BeforeAll
    static void plantSettingsAndForceCheckpoints() {
        sized = PostgresServer.builder()
                .setting("shared_buffers", "512MB")
                .setting("work_mem", "256MB")
                .setting("effective_cache_size", "12GB")
                .setting("max_wal_size", "32MB")
                .setting("fsync", "off") // the WAL and checkpoint writes below need not reach the disk
                .start();
        PostgresMemoryWorkload.forceRequestedCheckpoints(sized, PostgresMemoryWorkload.PLANTED_CHECKPOINTS);
        on8GiB = CheckRun.against(sized.dsn("postgres")).checks(CHECKS).hostMemory("8GiB", 4).run();
        on1GiB = CheckRun.against(sized.dsn("postgres")).checks(CHECKS).hostMemory("1GiB", 2).run();
    }

    @AfterAll
    static void stop() {
        if (sized != null) {
            sized.close();
        }
    }

    // ---- shared_buffers

    @Test
    void sharedBuffersAboveFortyPercentOfRamIsReportedWithAQuarterOfRamProposed() {
        assertThat(CheckRun.findings(on1GiB, OVERSIZED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("shared_buffers", "512 MiB").containsEntry("memory", "1 GiB")
                    .containsEntry("share", "50.0 %").containsEntry("proposed", "256 MiB");
            assertThat(f.summary()).isEqualTo("shared_buffers is 512 MiB, 50.0 % of the host's 1 GiB: propose 256 MiB");
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET shared_buffers = '256MB';");
            assertThat(f.key()).isEmpty();
        });
    }

    @Test
    void theSameSharedBuffersOnALargerHostIsNotOversized() {
        CheckRun.assertQuiet(on8GiB, OVERSIZED); // 6.25 % of 8 GiB
    }

    // ---- work_mem

    @Test
    void workMemAboveTwiceItsShareOfRamPerConnectionIsReportedWithTheComputedValue() {
        assertThat(CheckRun.findings(on8GiB, WORK_MEM)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            // (8 GiB - 512 MiB) / 100 connections = 76.8 MiB; / 3 = 25.6 MiB, rounded down to 25 MiB
            assertThat(f.texts()).containsEntry("work_mem", "256 MiB").containsEntry("max_connections", "100")
                    .containsEntry("shared_buffers", "512 MiB").containsEntry("memory", "8 GiB")
                    .containsEntry("per_connection", "76.8 MiB").containsEntry("proposed", "25 MiB")
                    .containsEntry("proposed_setting", "25MB");
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET work_mem = '25MB'; SELECT pg_reload_conf();");
        });
    }

    @Test
    void belowEightMegabytesTheProposedWorkMemIsGivenInKilobytes() {
        // (1 GiB - 512 MiB) / 100 / 3 = 1747.6 KiB
        assertThat(CheckRun.findings(on1GiB, WORK_MEM)).singleElement()
                .satisfies(f -> assertThat(f.texts()).containsEntry("proposed", "1.7 MiB").containsEntry("proposed_setting", "1747kB"));
    }

    @Test
    void aHigherMaxFactorAcceptsTheSameWorkMem() {
        RunReport tolerant = PostgresCheckScenarios.runWithParams(sized.dsn("postgres"), WORK_MEM,
                Map.of("max_factor", 11), "8GiB"); // 256 MiB < 11 x 25 MiB
        CheckRun.assertQuiet(tolerant, WORK_MEM);
    }

    // ---- effective_cache_size

    @Test
    void effectiveCacheSizeAboveRamIsReportedWithThreeQuartersOfRamProposed() {
        assertThat(CheckRun.findings(on8GiB, CACHE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(f.texts()).containsEntry("effective_cache_size", "12 GiB").containsEntry("share", "150.0 %")
                    .containsEntry("proposed", "6 GiB").containsEntry("proposed_setting", "6144MB");
            assertThat(f.description()).contains("more memory than the host has");
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET effective_cache_size = '6144MB';");
        });
    }

    @Test
    void theDefaultEffectiveCacheSizeIsFarBelowWhatA16GiBHostOffers() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks(CACHE).hostMemory("16GiB", 4).run();
        assertThat(CheckRun.findings(report, CACHE)).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsEntry("effective_cache_size", "4 GiB").containsEntry("share", "25.0 %")
                    .containsEntry("proposed_setting", "12288MB");
            assertThat(f.description()).contains("far less cache than the host can offer");
        });
    }

    // ---- checkpoints

    @Test
    void requestedCheckpointsForcedByWalGrowthOutnumberingTimedOnesAreReportedWithALargerMaxWalSize() throws Exception {
        assertThat(Files.readString(sized.logFile())).contains("checkpoint starting: wal"); // max_wal_size forced some
        assertThat(CheckRun.findings(on8GiB, CHECKPOINTS)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(Long.parseLong(f.texts().get("requested"))).isGreaterThanOrEqualTo(PostgresMemoryWorkload.PLANTED_CHECKPOINTS);
            assertThat(f.texts()).containsEntry("timed", "0").containsEntry("max_wal_size", "32 MiB")
                    .containsEntry("checkpoint_timeout", "300 s")
                    .containsEntry("factor", "4").containsEntry("proposed", "128 MiB"); // no timed ones: 4 x
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET max_wal_size = '128MB'; SELECT pg_reload_conf();");
        });
    }

    @Test
    void fewerRequestedCheckpointsThanTheMinimumAreNotReported() {
        RunReport strict = PostgresCheckScenarios.runWithParams(sized.dsn("postgres"), CHECKPOINTS,
                Map.of("min_requested", 1000), null);
        CheckRun.assertQuiet(strict, CHECKPOINTS);
    }

    @Test
    void theProposedMaxWalSizeFollowsTheRatioOfAllToTimedCheckpointsRecorded() throws Exception {
        // 30 requested, 20 timed: 50 / 20 = 2.5, rounded up to 3 x 1 GiB
        List<Finding> findings = RecordedRun.of(CHECKPOINTS).version(new ServerVersion(15, 4, 0, Flavor.POSTGRESQL, "15.4"))
                .status("checkpoints_req", "30").status("checkpoints_timed", "20")
                .variable("max_wal_size", (Object) (1L << 30)).variable("checkpoint_timeout", (Object) 300_000L)
                .findings();
        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.texts()).containsEntry("factor", "3").containsEntry("proposed_setting", "3072MB"));
    }

    @Test
    void postgres17MovedTheCheckpointCountersSoTheCheckAppliesBeforeIt() {
        var requires = CheckRun.catalog().find(CHECKPOINTS).orElseThrow().requires();
        assertThat(requires.unmetBy(new ServerVersion(17, 0, 0, Flavor.POSTGRESQL, "17.0"))).isPresent();
        assertThat(requires.unmetBy(new ServerVersion(16, 4, 0, Flavor.POSTGRESQL, "16.4"))).isEmpty();
    }

    // ---- healthy

    @Test
    void everyMemoryCheckIsQuietOnTheDefaultInstanceOnA6GiBHost() {
        // 128 MiB is 2 % of 6 GiB; 4 MiB work_mem < 2 x 20 MiB; 4 GiB effective_cache_size is 67 %; few checkpoints
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks(CHECKS).hostMemory("6GiB", 2).run();
        CheckRun.assertQuiet(report, CHECKS);
    }
}
