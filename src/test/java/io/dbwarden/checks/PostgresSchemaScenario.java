package io.dbwarden.checks;

import io.dbwarden.check.Check;
import io.dbwarden.host.HostSpec;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The servers of the PostgreSQL table, index and statistics checks, and a run of several of those checks with
 * their params overridden at once.
 *
 * <p>The planted server holds every problem in three databases:
 * <ul>
 *   <li><b>shop</b>: the schema problems (an index left invalid by a failed concurrent build, unused and
 *       duplicate indexes, tables without a primary key, a bloated table, sequences near the end of their
 *       range, a table with ten indexes, a large table read by sequential scans, tables with their own
 *       autovacuum settings), each next to a look-alike that must not be reported;</li>
 *   <li><b>warehouse</b>: a table larger than the deliberately tiny shared_buffers scanned three times (a low
 *       cache hit ratio), three sorts spilled to temporary files, and one more table without a primary key
 *       (per-database reporting);</li>
 *   <li><b>reports</b>: an index never scanned in a database whose statistics were just reset.</li>
 * </ul>
 * Two monitoring roles connect without a password (the harness trusts loopback): watcher, with pg_monitor
 * only, and reader, with pg_monitor and pg_read_all_data.
 *
 * <p>Each database's workload runs in one session that ends with {@code pg_stat_force_next_flush()}, so the
 * statistics it produced are visible to the checks' sessions at once.
 *
 * <p>The healthy server holds a small, well-kept schema (keys everywhere, the foreign key indexed and used,
 * sequences far from their end, a vacuumed table read through its index, no spills) in database app.
 */
final class PostgresSchemaScenario {

    /** Thresholds small enough for the planted tables, which are kilobytes to a few megabytes. */
    static final Map<String, Map<String, Object>> TEST_PARAMS = Map.of(
            "postgresql_unused_indexes", Map.of("min_index_bytes", 0),
            "postgresql_table_bloat", Map.of("min_bloat_bytes", 1 << 20),
            "postgresql_seq_scans_on_large_tables", Map.of("min_table_bytes", 1 << 20, "min_seq_scans", 5),
            "postgresql_cache_hit_ratio", Map.of("min_block_reads", 1000),
            "postgresql_temp_files_high", Map.of("min_temp_files", 3, "min_temp_bytes", 1 << 20));

    static final String[] CHECKS = {
            "postgresql_invalid_indexes",
            "postgresql_unused_indexes",
            "postgresql_duplicate_indexes",
            "postgresql_tables_without_primary_key",
            "postgresql_table_bloat",
            "postgresql_sequence_exhaustion",
            "postgresql_too_many_indexes",
            "postgresql_seq_scans_on_large_tables",
            "postgresql_cache_hit_ratio",
            "postgresql_temp_files_high",
            "postgresql_table_autovacuum_overrides",
    };

    private PostgresSchemaScenario() {
    }

    static PostgresServer startPlanted() {
        PostgresServer pg = PostgresServer.builder()
                .setting("shared_buffers", "2MB") // smaller than the warehouse table, so scanning it reads from the OS
                .initSql("CREATE DATABASE shop", "CREATE DATABASE warehouse", "CREATE DATABASE reports",
                        "CREATE ROLE watcher LOGIN IN ROLE pg_monitor",
                        "CREATE ROLE reader LOGIN IN ROLE pg_monitor, pg_read_all_data")
                .start();
        try {
            plantShop(pg);
            plantWarehouse(pg);
            plantReports(pg);
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private static void plantShop(PostgresServer pg) {
        pg.executeIn("shop",
                // ---- indexes
                "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text,"
                        + " code text NOT NULL UNIQUE)",
                "INSERT INTO customers (email, code) SELECT 'user' || (g % 50) || '@example.com', 'c' || g"
                        + " FROM generate_series(1, 200) AS g",
                "CREATE INDEX customers_code_idx ON customers (code)",                        // duplicates customers_code_key
                "CREATE INDEX customers_code_desc_idx ON customers (code DESC)",              // other ordering
                "CREATE INDEX customers_code_partial_idx ON customers (code) WHERE email IS NOT NULL", // partial
                "CREATE INDEX customers_code_pattern_idx ON customers (code text_pattern_ops)", // other operator class
                "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " customer_id bigint NOT NULL REFERENCES customers, reference text NOT NULL, note text)",
                "INSERT INTO orders (customer_id, reference, note) SELECT 1 + g % 200, 'R' || g, 'note ' || g"
                        + " FROM generate_series(1, 1000) AS g",
                "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",                // scanned below
                "CREATE INDEX orders_note_idx ON orders (note)",                              // never scanned
                "CREATE INDEX orders_note_idx_copy ON orders (note)",                         // ... twice
                "CREATE UNIQUE INDEX orders_reference_key ON orders (reference)",             // unique: never unused
                "CREATE TABLE order_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " order_id bigint NOT NULL REFERENCES orders, sku text NOT NULL)",
                "CREATE INDEX order_lines_order_id_idx ON order_lines (order_id)",            // only deletes of orders need it
                "INSERT INTO order_lines (order_id, sku) VALUES (1, 'A-1'), (2, 'B-2')",
                "CREATE TABLE bookings (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, during tstzrange NOT NULL,"
                        + " EXCLUDE USING gist (during WITH &&))",                             // exclusion constraint index
                "CREATE TABLE accounts (id bigint PRIMARY KEY)",
                // (declared in the CREATE TABLE, PostgreSQL would quietly build only the primary key's index)
                "ALTER TABLE accounts ADD CONSTRAINT accounts_id_key UNIQUE (id)",
                "CREATE TABLE wide (id bigint PRIMARY KEY, c1 int, c2 int, c3 int, c4 int, c5 int, c6 int, c7 int,"
                        + " c8 int, c9 int)",
                "CREATE UNIQUE INDEX wide_c1 ON wide (c1)", "CREATE UNIQUE INDEX wide_c2 ON wide (c2)",
                "CREATE UNIQUE INDEX wide_c3 ON wide (c3)", "CREATE UNIQUE INDEX wide_c4 ON wide (c4)",
                "CREATE UNIQUE INDEX wide_c5 ON wide (c5)", "CREATE UNIQUE INDEX wide_c6 ON wide (c6)",
                "CREATE UNIQUE INDEX wide_c7 ON wide (c7)", "CREATE UNIQUE INDEX wide_c8 ON wide (c8)",
                "CREATE UNIQUE INDEX wide_c9 ON wide (c9)",                                   // ten with the key
                "CREATE TABLE almost_wide (id bigint PRIMARY KEY, c1 int, c2 int, c3 int, c4 int, c5 int, c6 int,"
                        + " c7 int, c8 int)",
                "CREATE UNIQUE INDEX almost_wide_c1 ON almost_wide (c1)", "CREATE UNIQUE INDEX almost_wide_c2 ON almost_wide (c2)",
                "CREATE UNIQUE INDEX almost_wide_c3 ON almost_wide (c3)", "CREATE UNIQUE INDEX almost_wide_c4 ON almost_wide (c4)",
                "CREATE UNIQUE INDEX almost_wide_c5 ON almost_wide (c5)", "CREATE UNIQUE INDEX almost_wide_c6 ON almost_wide (c6)",
                "CREATE UNIQUE INDEX almost_wide_c7 ON almost_wide (c7)", "CREATE UNIQUE INDEX almost_wide_c8 ON almost_wide (c8)",
                // ---- keys
                "CREATE TABLE events_log (at timestamptz NOT NULL, message text)",
                "CREATE TABLE legacy_users (id int NOT NULL, login text)",
                "CREATE UNIQUE INDEX legacy_users_id_key ON legacy_users (id)",               // can become the key
                "CREATE TABLE audit_trail (at timestamptz NOT NULL, message text)",
                "CREATE TABLE audit_full (at timestamptz NOT NULL, message text)",
                "ALTER TABLE audit_full REPLICA IDENTITY FULL",
                "CREATE TABLE audited_keyed (id bigint PRIMARY KEY, message text)",
                "CREATE PUBLICATION audit_pub FOR TABLE audit_trail, audit_full, audited_keyed", // a WARNING at wal_level replica
                "CREATE TABLE measurements (at date NOT NULL, sensor int NOT NULL, v real) PARTITION BY RANGE (at)",
                "CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE INDEX measurements_sensor_idx ON measurements (sensor)",
                "CREATE INDEX measurements_sensor_idx_copy ON measurements (sensor)",
                // ---- bloat: four rows of five deleted from every page
                "CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL, data text NOT NULL)",
                "INSERT INTO sessions SELECT g, md5(g::text), repeat('x', 60 + g % 40) FROM generate_series(1, 20000) AS g",
                "CREATE TABLE sessions_clean (LIKE sessions INCLUDING ALL)",
                "INSERT INTO sessions_clean SELECT * FROM sessions",
                "CREATE TABLE sessions_roomy (LIKE sessions INCLUDING ALL) WITH (fillfactor = 50)",
                "INSERT INTO sessions_roomy SELECT * FROM sessions",
                "DELETE FROM sessions WHERE id % 5 <> 0",
                "VACUUM ANALYZE sessions, sessions_clean, sessions_roomy",
                // ---- sequences
                "CREATE SEQUENCE ticket_seq MAXVALUE 100", "SELECT setval('ticket_seq', 80)",
                "CREATE SEQUENCE countdown_seq INCREMENT -1 MINVALUE -100 MAXVALUE -1 START -1",
                "SELECT setval('countdown_seq', -90)",
                "CREATE SEQUENCE exhausted_seq MAXVALUE 10", "SELECT setval('exhausted_seq', 10)",
                "CREATE SEQUENCE legacy_seq",                                                 // bigint, feeding an int column
                "CREATE TABLE legacy (id int PRIMARY KEY DEFAULT nextval('legacy_seq'), x text)",
                "SELECT setval('legacy_seq', 2000000000)",
                "CREATE TABLE tickets (id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, x text)",
                "SELECT setval(pg_get_serial_sequence('tickets', 'id'), 30000)",
                "CREATE SEQUENCE huge_seq", "SELECT setval('huge_seq', 8000000000000000000)", // 86.7 % of bigint
                "CREATE SEQUENCE wrap_seq MAXVALUE 100 CYCLE", "SELECT setval('wrap_seq', 95)",
                "CREATE SEQUENCE roomy_seq", "SELECT setval('roomy_seq', 1000000)",
                "CREATE SEQUENCE fresh_seq MAXVALUE 10",                                      // never used
                // ---- scans
                "CREATE TABLE big_scanned (id bigint PRIMARY KEY, payload text NOT NULL)",
                "INSERT INTO big_scanned SELECT g, md5(g::text) || md5((-g)::text) FROM generate_series(1, 20000) AS g",
                "CREATE TABLE big_indexed (LIKE big_scanned INCLUDING ALL)",
                "INSERT INTO big_indexed SELECT * FROM big_scanned",
                // ---- autovacuum overrides
                "CREATE TABLE hot_queue (id bigint PRIMARY KEY, payload text) WITH (autovacuum_vacuum_scale_factor = 0.01,"
                        + " toast.autovacuum_vacuum_scale_factor = 0.02, fillfactor = 90)",
                "CREATE TABLE frozen_archive (id bigint PRIMARY KEY) WITH (autovacuum_enabled = off)",
                "CREATE TABLE tuned_fillfactor (id bigint PRIMARY KEY) WITH (fillfactor = 80)",
                "ANALYZE",
                // ---- the workload whose statistics the checks read
                "SELECT count(*) FROM big_scanned WHERE payload LIKE '%ff%'",
                "SELECT count(*) FROM big_scanned WHERE payload LIKE '%ee%'",
                "SELECT count(*) FROM big_scanned WHERE payload LIKE '%dd%'",
                "SELECT count(*) FROM big_scanned WHERE payload LIKE '%cc%'",
                "SELECT count(*) FROM big_scanned WHERE payload LIKE '%bb%'",
                "SELECT count(*) FROM big_scanned WHERE payload LIKE '%aa%'",
                "SET enable_seqscan = off",
                "SELECT payload FROM big_indexed WHERE id = 1", "SELECT payload FROM big_indexed WHERE id = 2",
                "SELECT payload FROM big_indexed WHERE id = 3", "SELECT payload FROM big_indexed WHERE id = 4",
                "SELECT payload FROM big_indexed WHERE id = 5", "SELECT payload FROM big_indexed WHERE id = 6",
                "SELECT count(*) FROM big_indexed WHERE payload LIKE '%ff%'",                 // one scan of the whole table
                "SELECT count(*) FROM orders WHERE customer_id = 7",
                "RESET enable_seqscan",
                "SELECT pg_stat_force_next_flush()");
        // A unique index built concurrently over duplicate values fails and stays behind, invalid.
        try {
            pg.executeIn("shop", "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email)");
            throw new IllegalStateException("the concurrent unique build over duplicate e-mails should have failed");
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).contains("could not create unique index")) {
                throw e;
            }
        }
    }

    private static void plantWarehouse(PostgresServer pg) {
        pg.executeIn("warehouse",
                // CREATE TABLE AS writes page by page; row-by-row INSERTs would count a buffer hit for every row
                "CREATE TABLE facts AS SELECT g::bigint AS id, md5(g::text) AS a, md5((2 * g)::text) AS b"
                        + " FROM generate_series(1, 60000) AS g",
                "ALTER TABLE facts ADD PRIMARY KEY (id)",
                "CREATE TABLE raw_imports (line text)",
                "SET max_parallel_workers_per_gather = 0",
                // count(a) rather than count(*): a column outside the key index, so the heap is scanned
                "SELECT count(a) FROM facts", "SELECT count(a) FROM facts", "SELECT count(a) FROM facts",
                "SET work_mem = '64kB'",                                                       // each sort spills once
                "SELECT count(*) FROM (SELECT a FROM facts ORDER BY a OFFSET 0) AS s",
                "SELECT count(*) FROM (SELECT b FROM facts ORDER BY b OFFSET 0) AS s",
                "SELECT count(*) FROM (SELECT a, b FROM facts ORDER BY b, a OFFSET 0) AS s",
                "RESET work_mem",
                "SELECT pg_stat_force_next_flush()");
    }

    private static void plantReports(PostgresServer pg) {
        pg.executeIn("reports",
                "CREATE TABLE daily (id bigint PRIMARY KEY, day date NOT NULL, total numeric)",
                "CREATE INDEX daily_day_idx ON daily (day)",
                "SELECT pg_stat_reset()",
                "SELECT pg_stat_force_next_flush()");
    }

    static PostgresServer startHealthy() {
        PostgresServer pg = PostgresServer.builder().initSql("CREATE DATABASE app").start();
        try {
            pg.executeIn("app",
                    "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE,"
                            + " name text)",
                    "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                            + " customer_id bigint NOT NULL REFERENCES customers, placed_at timestamptz NOT NULL DEFAULT now(),"
                            + " total numeric(12, 2) NOT NULL)",
                    "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",
                    "INSERT INTO customers (email, name) SELECT 'user' || g || '@example.com', 'User ' || g"
                            + " FROM generate_series(1, 500) AS g",
                    "INSERT INTO orders (customer_id, total) SELECT 1 + g % 500, (g % 1000) / 10.0"
                            + " FROM generate_series(1, 20000) AS g",
                    "VACUUM ANALYZE",
                    "SELECT count(*), sum(total) FROM orders WHERE customer_id = 1",
                    "SELECT count(*), sum(total) FROM orders WHERE customer_id = 2",
                    "SELECT count(*), sum(total) FROM orders WHERE customer_id = 3",
                    "SELECT id FROM customers WHERE email = 'user1@example.com'",
                    "SELECT id FROM customers WHERE email = 'user2@example.com'",
                    "SELECT pg_stat_force_next_flush()");
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** One run of {@code checks} against {@code dsn}, each with the overrides {@code params} has for it. */
    static RunReport run(String dsn, Map<String, Map<String, Object>> params, String... checks) {
        List<Check> selected = Arrays.stream(checks)
                .map(name -> CheckRun.withParams(name, params.getOrDefault(name, Map.of())))
                .toList();
        return CheckRun.run(dsn, selected, Duration.ZERO, HostSpec.none());
    }

    /** Polls {@code condition} every 20 ms until it holds; fails after 30 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
