package io.dbwarden.checks;

import static io.dbwarden.checks.PostgresCheckScenarios.only;
import static io.dbwarden.checks.PostgresSchemaScenario.CHECKS;
import static io.dbwarden.checks.PostgresSchemaScenario.TEST_PARAMS;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.units.ByteSize;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL table, index and statistics checks. One server carries every planted problem (see
 * {@link PostgresSchemaScenario}) and is checked twice up front: with thresholds small enough for its
 * kilobyte-to-megabyte tables, and with the shipped defaults, which must keep such small things out. A healthy
 * server and the harness's plain initdb instance are quiet on every check.
 */
class PostgresSchemaChecksTest {

    private static PostgresServer planted;
    private static PostgresServer healthy;
    private static RunReport run;
    private static RunReport defaults;
    private static RunReport asWatcher;
    private static RunReport asReader;
    private static double measuredSessionsFreePercent;

    @BeforeAll
    static void plantProblemsAndRunEveryCheckWithSmallAndDefaultThresholdsAndAsMonitoringRoles() {
        planted = PostgresSchemaScenario.startPlanted();
        healthy = PostgresSchemaScenario.startHealthy();
        run = PostgresSchemaScenario.run(planted.dsn("postgres"), TEST_PARAMS, CHECKS);
        defaults = PostgresSchemaScenario.run(planted.dsn("postgres"), Map.of(), CHECKS);
        asWatcher = PostgresSchemaScenario.run(roleDsn("watcher"), TEST_PARAMS, CHECKS);
        asReader = PostgresSchemaScenario.run(roleDsn("reader"), TEST_PARAMS, CHECKS);
        // last: pgstattuple reads the table, which counts as one more sequential scan of it
        planted.executeIn("shop", "CREATE EXTENSION pgstattuple");
        measuredSessionsFreePercent = ((Number) planted.query("shop",
                "SELECT free_percent + dead_tuple_percent AS p FROM pgstattuple('sessions')").get(0).get("p")).doubleValue();
    }

    @AfterAll
    static void stop() {
        if (planted != null) {
            planted.close();
        }
        if (healthy != null) {
            healthy.close();
        }
    }

    // ---- invalid indexes

    @Test
    void anIndexLeftInvalidByAFailedConcurrentUniqueBuildIsReportedWithItsRebuild() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_invalid_indexes");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("database", "shop").containsEntry("schema", "public")
                    .containsEntry("table", "customers").containsEntry("index", "customers_email_key")
                    .containsEntry("size", "0 B");
            assertThat(f.summary()).isEqualTo("index shop.public.customers_email_key on customers is invalid");
            assertThat(f.description()).contains("not even updated by writes");
            assertThat(f.remediation())
                    .startsWith("Remove the duplicate values first")
                    .contains("Connected to shop: DROP INDEX CONCURRENTLY public.customers_email_key;")
                    .contains("CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON public.customers USING btree (email);")
                    .contains("REINDEX INDEX CONCURRENTLY public.customers_email_key;");
        });
        assertThat(CheckRun.findings(defaults, "postgresql_invalid_indexes")).hasSize(1);
    }

    @Test
    void anIndexStillBeingBuiltConcurrentlyIsNotMistakenForAFailedOne() throws Exception {
        planted.executeIn("shop", "CREATE TABLE pending_build (id bigint PRIMARY KEY, v int)");
        try (Connection writer = planted.connect("shop")) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute("INSERT INTO pending_build VALUES (1, 1)"); // the build waits for this writer
            }
            CompletableFuture<Void> build = CompletableFuture.runAsync(() ->
                    planted.executeIn("shop", "CREATE INDEX CONCURRENTLY pending_build_v_idx ON pending_build (v)"));
            try {
                PostgresSchemaScenario.await("the concurrent build to wait for the writer", () -> !planted.query("shop",
                        "SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('pending_build_v_idx') AND NOT indisvalid"
                                + " AND EXISTS (SELECT 1 FROM pg_stat_progress_create_index"
                                + " WHERE relid = 'pending_build'::regclass)").isEmpty()
                        || build.isDone());
                assertThat(build).as("the build is still running").isNotDone();
                RunReport during = PostgresSchemaScenario.run(planted.dsn("postgres"), Map.of(), "postgresql_invalid_indexes");
                assertThat(CheckRun.findings(during, "postgresql_invalid_indexes"))
                        .extracting(f -> f.texts().get("index")).containsExactly("customers_email_key");
            } finally {
                writer.rollback();
                build.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(planted.query("shop", "SELECT indisvalid FROM pg_index WHERE indexrelid = 'pending_build_v_idx'::regclass"))
                .singleElement().satisfies(row -> assertThat(row.get("indisvalid")).isEqualTo(true));
    }

    // ---- unused indexes

    @Test
    void nonUniqueIndexesNeverScannedAreReportedButNotScannedUniqueOrConstraintIndexesNorPartitionCopies() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_unused_indexes");
        assertThat(findings).extracting(PostgresSchemaChecksTest::databaseAndIndex).containsExactlyInAnyOrder(
                "shop/orders_note_idx", "shop/orders_note_idx_copy", "shop/order_lines_order_id_idx",
                "shop/customers_code_idx", "shop/customers_code_desc_idx", "shop/customers_code_partial_idx",
                "shop/customers_code_pattern_idx", "shop/measurements_sensor_idx", "shop/measurements_sensor_idx_copy");
        // not orders_customer_id_idx (scanned), orders_reference_key (unique), the bookings exclusion constraint's
        // index, the partitions' own copies of measurements_sensor_idx, nor daily_day_idx of the freshly reset reports
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTICE));

        Finding note = only(findings, "index", "orders_note_idx");
        assertThat(note.texts()).containsEntry("table", "orders").containsEntry("schema", "public")
                .containsEntry("size", ByteSize.format(relationSize("shop", "orders_note_idx")))
                .containsEntry("foreign_key", "");
        assertThat(note.summary()).isEqualTo("index shop.public.orders_note_idx on orders (" + note.texts().get("size")
                + ") has never been scanned");
        assertThat(note.description()).contains("since its statistics began (they were never reset");
        assertThat(note.remediation()).endsWith("connected to shop: DROP INDEX CONCURRENTLY public.orders_note_idx;")
                .contains("SELECT pg_get_indexdef('public.orders_note_idx'::regclass);");

        Finding lines = only(findings, "index", "order_lines_order_id_idx");
        assertThat(lines.texts()).containsEntry("foreign_key", "order_lines_order_id_fkey");
        assertThat(lines.description()).contains("leading columns are those of the foreign key order_lines_order_id_fkey");
        assertThat(lines.remediation()).contains("every delete in the table referenced by order_lines_order_id_fkey"
                + " scans public.order_lines");

        Finding partitioned = only(findings, "index", "measurements_sensor_idx");
        assertThat(partitioned.description()).startsWith("The partitioned index public.measurements_sensor_idx");
        assertThat(partitioned.texts()).containsEntry("size", ByteSize.format(2 * relationSize("shop", "measurements_2024_sensor_idx")));
        assertThat(partitioned.remediation()).endsWith("DROP INDEX public.measurements_sensor_idx;"); // no CONCURRENTLY
    }

    @Test
    void aDatabaseWhoseStatisticsWereJustResetIsJudgedOnlyOnceTheyCoverMinStatsDays() {
        RunReport fresh = PostgresSchemaScenario.run(planted.dsn("postgres"), Map.of("postgresql_unused_indexes",
                Map.of("min_index_bytes", 0, "min_stats_days", 0)), "postgresql_unused_indexes");
        Finding daily = only(CheckRun.findings(fresh, "postgresql_unused_indexes"), "index", "daily_day_idx");
        assertThat(daily.texts()).containsEntry("database", "reports");
        assertThat(daily.description()).contains("since the statistics reset of ");
    }

    @Test
    void unusedIndexesUnderOneMebibyteAreLeftOutByDefault() {
        CheckRun.assertQuiet(defaults, "postgresql_unused_indexes");
    }

    // ---- duplicate indexes

    @Test
    void identicalIndexesAreReportedOnceNamingTheOneToKeepAndHowToDropTheOther() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_duplicate_indexes");
        assertThat(findings).extracting(f -> databaseAndIndex(f) + " = " + f.texts().get("kept_index"))
                .containsExactlyInAnyOrder(
                        "shop/customers_code_idx = customers_code_key",
                        "shop/orders_note_idx_copy = orders_note_idx",
                        "shop/accounts_id_key = accounts_pkey",
                        "shop/measurements_sensor_idx_copy = measurements_sensor_idx");
        // not the DESC, partial or text_pattern_ops look-alikes of customers_code_key, nor the partitions' copies
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTICE));
        Finding code = only(findings, "index", "customers_code_idx");
        assertThat(code.texts()).containsEntry("definition", "ON public.customers USING btree (code)")
                .containsEntry("copies", "2").containsEntry("table", "customers");
        assertThat(code.remediation()).startsWith("Connected to shop: DROP INDEX CONCURRENTLY public.customers_code_idx;");
        assertThat(only(findings, "index", "accounts_id_key").remediation())
                .startsWith("Connected to shop: ALTER TABLE public.accounts DROP CONSTRAINT accounts_id_key;");
        assertThat(only(findings, "index", "measurements_sensor_idx_copy").remediation())
                .startsWith("Connected to shop: DROP INDEX public.measurements_sensor_idx_copy;");
        assertThat(CheckRun.findings(defaults, "postgresql_duplicate_indexes")).hasSize(4);
    }

    // ---- primary keys

    @Test
    void tablesWithoutPrimaryKeyAreReportedInEveryDatabaseAndPublishedOnesWithoutReplicaIdentityAreErrors() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_tables_without_primary_key");
        assertThat(findings).extracting(PostgresSchemaChecksTest::databaseAndTable).containsExactlyInAnyOrder(
                "shop/events_log", "shop/legacy_users", "shop/audit_trail", "shop/audit_full", "shop/measurements",
                "warehouse/raw_imports"); // not the partitions of measurements, nor the published audited_keyed

        Finding trail = only(findings, "table", "audit_trail");
        assertThat(trail.severity()).isEqualTo(Severity.ERROR);
        assertThat(trail.texts()).containsEntry("publications", "audit_pub").containsEntry("schema", "public");
        assertThat(trail.summary()).endsWith("has no primary key and is published without a replica identity");
        assertThat(trail.remediation()).contains("ALTER TABLE public.audit_trail REPLICA IDENTITY FULL;");

        Finding full = only(findings, "table", "audit_full");
        assertThat(full.severity()).isEqualTo(Severity.WARNING);
        assertThat(full.description()).contains("replicates through REPLICA IDENTITY FULL");

        assertThat(only(findings, "table", "legacy_users").remediation())
                .startsWith("Connected to shop: ALTER TABLE public.legacy_users ADD PRIMARY KEY USING INDEX legacy_users_id_key;");
        Finding measurements = only(findings, "table", "measurements");
        assertThat(measurements.severity()).isEqualTo(Severity.WARNING);
        assertThat(measurements.description()).startsWith("The partitioned table public.measurements");
        assertThat(measurements.remediation()).contains("including the partition key columns");
        long rawImports = ((Number) planted.query("warehouse", "SELECT pg_table_size('raw_imports') AS b").get(0).get("b")).longValue();
        assertThat(only(findings, "table", "raw_imports").summary())
                .isEqualTo("table warehouse.public.raw_imports (" + ByteSize.format(rawImports) + ") has no primary key");
    }

    // ---- bloat

    @Test
    void aTableWithFourRowsOfFiveDeletedIsEstimatedBloatedCloseToWhatPgstattupleMeasures() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_table_bloat");
        // not sessions_clean (full pages) nor sessions_roomy (half-empty pages, as its fillfactor 50 asks)
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("database", "shop").containsEntry("table", "sessions")
                    .containsEntry("fillfactor", "100").containsEntry("rows", "4000")
                    .containsEntry("size", ByteSize.format(relationSize("shop", "sessions")));
            double estimated = percentOf(f.texts().get("bloat_share"));
            assertThat(estimated).isBetween(measuredSessionsFreePercent - 5, measuredSessionsFreePercent + 5).isGreaterThan(70);
            assertThat(ByteSize.parse(f.texts().get("bloat")) + ByteSize.parse(f.texts().get("expected_size")))
                    .isCloseTo(relationSize("shop", "sessions"), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(f.remediation()).startsWith("Connected to shop, rewrite it to about " + f.texts().get("expected_size"))
                    .contains("pg_repack --dbname=shop --table=public.sessions")
                    .contains("VACUUM (FULL, ANALYZE) public.sessions;")
                    .contains("pgstattuple_approx('public.sessions'::regclass)");
        });
    }

    @Test
    void bloatUnderOneHundredMebibytesIsNotReportedByDefault() {
        CheckRun.assertQuiet(defaults, "postgresql_table_bloat");
    }

    // ---- sequences

    @Test
    void sequencesPastThreeQuartersOfTheirRangeAreReportedInTheirDirectionAndAgainstTheColumnTheyFill() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_sequence_exhaustion");
        assertThat(findings).extracting(f -> f.texts().get("sequence") + " " + f.texts().get("used"))
                .containsExactlyInAnyOrder("ticket_seq 79.8 %", "countdown_seq 89.9 %", "exhausted_seq 100.0 %",
                        "legacy_seq 93.1 %", "tickets_id_seq 91.6 %", "huge_seq 86.7 %");
        // not wrap_seq (CYCLE), roomy_seq (a bigint at a million), fresh_seq (never used), the identity sequences
        assertThat(findings).allSatisfy(f -> assertThat(f.texts()).containsEntry("database", "shop"));

        Finding ticket = only(findings, "sequence", "ticket_seq");
        assertThat(ticket.severity()).isEqualTo(Severity.ERROR);
        assertThat(ticket.texts()).containsEntry("last_value", "80").containsEntry("limit", "100")
                .containsEntry("remaining", "20").containsEntry("column", "");
        assertThat(ticket.remediation()).startsWith("Connected to shop: ALTER SEQUENCE public.ticket_seq NO MAXVALUE;");

        Finding countdown = only(findings, "sequence", "countdown_seq");
        assertThat(countdown.texts()).containsEntry("limit", "-100").containsEntry("remaining", "10")
                .containsEntry("increment", "-1");
        assertThat(countdown.remediation()).startsWith("Connected to shop: ALTER SEQUENCE public.countdown_seq NO MINVALUE;");

        Finding exhausted = only(findings, "sequence", "exhausted_seq");
        assertThat(exhausted.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(exhausted.texts()).containsEntry("remaining", "0");

        Finding legacy = only(findings, "sequence", "legacy_seq");
        assertThat(legacy.texts()).containsEntry("data_type", "bigint").containsEntry("table", "legacy")
                .containsEntry("column", "id").containsEntry("limit", "2147483647").containsEntry("remaining", "147483647");
        assertThat(legacy.summary()).endsWith("has used 93.1 % of its range (legacy.id, integer)");
        assertThat(legacy.description()).contains("The column is the limit");
        assertThat(legacy.remediation()).startsWith("Connected to shop: ALTER TABLE public.legacy ALTER COLUMN id TYPE bigint;")
                .doesNotContain("ALTER SEQUENCE");

        assertThat(only(findings, "sequence", "huge_seq").remediation())
                .startsWith("Connected to shop: No wider type exists: renumber the rows or move to a new key");

        Finding tickets = only(findings, "sequence", "tickets_id_seq");
        assertThat(tickets.texts()).containsEntry("data_type", "smallint").containsEntry("limit", "32767");
        // widening an identity column widens its sequence too
        assertThat(tickets.remediation()).startsWith("Connected to shop: ALTER TABLE public.tickets ALTER COLUMN id TYPE bigint;")
                .doesNotContain("ALTER SEQUENCE");
    }

    // ---- too many indexes

    @Test
    void aTableWithTenIndexesIsReportedAndOneWithNineIsNot() {
        assertThat(CheckRun.findings(run, "postgresql_too_many_indexes")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(f.texts()).containsEntry("database", "shop").containsEntry("table", "wide")
                    .containsEntry("index_count", "10");
            assertThat(f.summary()).isEqualTo("table shop.public.wide has 10 indexes (" + f.texts().get("index_size") + ")");
            assertThat(f.remediation()).contains("WHERE i.indrelid = 'public.wide'::regclass");
        });
        assertThat(CheckRun.findings(defaults, "postgresql_too_many_indexes")).hasSize(1);
    }

    // ---- sequential scans

    @Test
    void largeTablesReadMostlyBySequentialScansAreReportedButNotOnesReadThroughAnIndex() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_seq_scans_on_large_tables");
        assertThat(findings).extracting(PostgresSchemaChecksTest::databaseAndTable)
                .containsExactlyInAnyOrder("shop/big_scanned", "warehouse/facts"); // not big_indexed: 2 of 8 scans
        Finding scanned = only(findings, "table", "big_scanned");
        assertThat(scanned.severity()).isEqualTo(Severity.NOTICE);
        // the build of its primary key (over the empty table), six counts, and the copy into big_indexed
        assertThat(scanned.texts()).containsEntry("seq_scans", "8").containsEntry("index_scans", "0")
                .containsEntry("seq_share", "100.0 %").containsEntry("rows_read", "140000")
                .containsEntry("rows_per_scan", "17500")
                .containsEntry("size", ByteSize.format(relationSize("shop", "big_scanned")));
        assertThat(scanned.remediation()).contains("CREATE INDEX CONCURRENTLY ON public.big_scanned (…); in database shop");
    }

    @Test
    void tablesUnderOneHundredMebibytesAreNotReportedByDefault() {
        CheckRun.assertQuiet(defaults, "postgresql_seq_scans_on_large_tables");
    }

    // ---- cache hit ratio and temporary files

    @Test
    void aDatabaseScanningATableLargerThanSharedBuffersHasALowCacheHitRatio() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_cache_hit_ratio");
        Finding warehouse = only(findings, "database", "warehouse");
        assertThat(warehouse.severity()).isEqualTo(Severity.WARNING);
        long reads = Long.parseLong(warehouse.texts().get("reads"));
        long hits = Long.parseLong(warehouse.texts().get("hits"));
        assertThat(reads).isGreaterThanOrEqualTo(1000);
        assertThat(percentOf(warehouse.texts().get("hit_ratio"))).isLessThan(90)
                .isCloseTo(100.0 * hits / (hits + reads), org.assertj.core.data.Offset.offset(0.1));
        assertThat(warehouse.texts()).containsEntry("read_volume", ByteSize.format(reads * 8192))
                .containsEntry("shared_buffers", "2 MiB");
        assertThat(warehouse.remediation()).contains("raise shared_buffers (now 2 MiB;");

        RunReport stricter = PostgresSchemaScenario.run(planted.dsn("postgres"),
                Map.of("postgresql_cache_hit_ratio", Map.of("min_block_reads", reads * 10)), "postgresql_cache_hit_ratio");
        assertThat(CheckRun.findings(stricter, "postgresql_cache_hit_ratio"))
                .noneMatch(f -> f.texts().get("database").equals("warehouse"));
    }

    @Test
    void databasesWithFewerThanOneHundredThousandBlockReadsAreNotJudgedByDefault() {
        CheckRun.assertQuiet(defaults, "postgresql_cache_hit_ratio");
    }

    @Test
    void sortsSpillingToTemporaryFilesAreReportedWithAWorkMemThatWouldHoldTheAverageFile() {
        Map<String, Object> stats = planted.query("postgres",
                "SELECT temp_files, temp_bytes FROM pg_stat_database WHERE datname = 'warehouse'").get(0);
        long files = ((Number) stats.get("temp_files")).longValue();
        long bytes = ((Number) stats.get("temp_bytes")).longValue();
        long average = bytes / files;
        assertThat(CheckRun.findings(run, "postgresql_temp_files_high")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(f.texts()).containsEntry("database", "warehouse").containsEntry("temp_files", "3")
                    .containsEntry("temp_size", ByteSize.format(bytes)).containsEntry("average_size", ByteSize.format(average))
                    .containsEntry("work_mem", "4 MiB")
                    .containsEntry("suggested_work_mem", ((average + (1 << 20) - 1) >> 20) + "MB");
            assertThat(f.summary()).isEqualTo("database warehouse wrote 3 temporary files (" + ByteSize.format(bytes)
                    + ") since its statistics began (they were never reset)");
            assertThat(f.remediation()).contains("ALTER SYSTEM SET log_temp_files = '" + average / 1024 + "kB';")
                    .contains("SET work_mem = '" + f.texts().get("suggested_work_mem") + "'");
        });
        CheckRun.assertQuiet(defaults, "postgresql_temp_files_high");
    }

    @Test
    void theCacheAndTemporaryFileChecksReadPgStatDatabaseOnce() {
        RunReport both = PostgresSchemaScenario.run(planted.dsn("postgres"), TEST_PARAMS,
                "postgresql_cache_hit_ratio", "postgresql_temp_files_high");
        assertThat(both.targets().get(0).stats().distinctQueries()).isEqualTo(1);
    }

    // ---- autovacuum overrides

    @Test
    void tablesWithTheirOwnAutovacuumSettingsAreListedAndOneWithAutovacuumOffIsAWarning() {
        List<Finding> findings = CheckRun.findings(run, "postgresql_table_autovacuum_overrides");
        assertThat(findings).extracting(PostgresSchemaChecksTest::databaseAndTable)
                .containsExactlyInAnyOrder("shop/hot_queue", "shop/frozen_archive"); // not tuned_fillfactor
        Finding queue = only(findings, "table", "hot_queue");
        assertThat(queue.severity()).isEqualTo(Severity.INFO);
        assertThat(queue.texts()).containsEntry("settings",
                "autovacuum_vacuum_scale_factor=0.01, toast.autovacuum_vacuum_scale_factor=0.02");
        assertThat(queue.remediation()).endsWith("connected to shop: ALTER TABLE public.hot_queue RESET"
                + " (autovacuum_vacuum_scale_factor, toast.autovacuum_vacuum_scale_factor);");
        Finding frozen = only(findings, "table", "frozen_archive");
        assertThat(frozen.severity()).isEqualTo(Severity.WARNING);
        assertThat(frozen.description()).contains("Autovacuum is switched off for it");
        assertThat(frozen.remediation()).endsWith("ALTER TABLE public.frozen_archive RESET (autovacuum_enabled);");
    }

    // ---- privileges

    @Test
    void aPgMonitorRoleRunsEveryCheckButBloatAndSequencesWhichAreSkippedRatherThanPassingOnWhatItMayRead() {
        for (String check : CHECKS) {
            RunItem item = CheckRun.item(asWatcher, check);
            switch (check) {
                case "postgresql_table_bloat" -> {
                    assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
                    assertThat(item.reason()).hasValueSatisfying(r -> assertThat(r).contains("permission denied for table pg_statistic"));
                }
                case "postgresql_sequence_exhaustion" -> {
                    assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
                    assertThat(item.reason()).hasValueSatisfying(r -> assertThat(r).contains("permission denied for sequence"));
                }
                default -> assertThat(objects(asWatcher, check)).as(check).isEqualTo(objects(run, check));
            }
        }
    }

    @Test
    void withPgReadAllDataTheMonitoringRoleSeesWhatASuperuserSees() {
        for (String check : CHECKS) {
            assertThat(objects(asReader, check)).as(check).isEqualTo(objects(run, check));
        }
    }

    // ---- identity and quiet servers

    @Test
    void findingsAreIdentifiedByTheirObjectNeverBySizesOrCounts() {
        Map<String, List<String>> expected = new HashMap<>();
        for (String check : CHECKS) {
            expected.put(check, List.of("database", "schema", "table"));
        }
        expected.put("postgresql_invalid_indexes", List.of("database", "schema", "index"));
        expected.put("postgresql_unused_indexes", List.of("database", "schema", "index"));
        expected.put("postgresql_duplicate_indexes", List.of("database", "schema", "index"));
        expected.put("postgresql_sequence_exhaustion", List.of("database", "schema", "sequence"));
        expected.put("postgresql_cache_hit_ratio", List.of("database"));
        expected.put("postgresql_temp_files_high", List.of("database"));
        for (String check : CHECKS) {
            assertThat(CheckRun.catalog().find(check).orElseThrow().key()).as(check).contains(expected.get(check));
        }
    }

    @Test
    void everyCheckIsQuietOnAWellKeptSchemaEvenWithTheSmallTestThresholds() {
        CheckRun.assertQuiet(PostgresSchemaScenario.run(healthy.dsn("postgres"), TEST_PARAMS, CHECKS), CHECKS);
        CheckRun.assertQuiet(PostgresSchemaScenario.run(healthy.dsn("postgres"), Map.of(), CHECKS), CHECKS);
    }

    @Test
    void everyCheckIsQuietOnAPlainInitdbInstance() {
        CheckRun.assertQuiet(PostgresSchemaScenario.run(PostgresServer.shared().dsn("postgres"), Map.of(), CHECKS), CHECKS);
    }

    // ---- helpers

    /** The objects a check reported (its findings' key fields), in a stable order. */
    private static List<String> objects(RunReport report, String check) {
        return CheckRun.findings(report, check).stream().map(f -> f.key().stream().map(f.texts()::get).toList().toString())
                .sorted().toList();
    }

    private static String roleDsn(String role) {
        return "postgresql://" + role + "@" + planted.host() + ":" + planted.port() + "/postgres";
    }

    private static String databaseAndIndex(Finding f) {
        return f.texts().get("database") + "/" + f.texts().get("index");
    }

    private static String databaseAndTable(Finding f) {
        return f.texts().get("database") + "/" + f.texts().get("table");
    }

    private static long relationSize(String database, String relation) {
        return ((Number) planted.query(database, "SELECT pg_relation_size('" + relation + "') AS b").get(0).get("b")).longValue();
    }

    /** 79.8 for "79.8 %". */
    private static double percentOf(String text) {
        assertThat(text).endsWith(" %");
        return Double.parseDouble(text.substring(0, text.length() - 2));
    }
}
