package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, reproduction 3: the owner of a database plants functions in its public schema that shadow the
 * built-in ones the check SQL used to call on object names (format with name arguments, quote_ident,
 * quote_literal). The checks that run in every database no longer call them, so nothing the owner planted can
 * reach a finding or the remediation SQL an operator is told to run, whatever search_path the session has.
 */
class PlantedFunctionsChecksTest {

    private static final String PLANTED = "PLANTED'; DROP TABLE canary; --";
    private static final String RETURNS_PLANTED = " RETURNS text LANGUAGE sql AS $$ SELECT 'PLANTED''; DROP TABLE canary; --'::text $$";

    private static PostgresServer pg;
    private static RunReport run;

    @BeforeAll
    static void plantFunctionsAndRunEveryCheck() throws Exception {
        pg = PostgresServer.builder().start();
        pg.execute("CREATE ROLE mallory LOGIN", "CREATE DATABASE shop OWNER mallory");
        pg.executeIn("shop",
                "SET ROLE mallory",
                // better matches for name arguments than pg_catalog.format(text, VARIADIC "any"),
                // quote_ident(text) and quote_literal(text), so an unpinned session calls these instead
                "CREATE FUNCTION public.format(text, name, name)" + RETURNS_PLANTED,
                "CREATE FUNCTION public.format(text, name, name, text)" + RETURNS_PLANTED,
                "CREATE FUNCTION public.quote_ident(name)" + RETURNS_PLANTED,
                "CREATE FUNCTION public.quote_ident(text)" + RETURNS_PLANTED,
                "CREATE FUNCTION public.quote_literal(name)" + RETURNS_PLANTED,
                "CREATE FUNCTION public.quote_literal(text)" + RETURNS_PLANTED,
                // objects the all_databases checks report
                "CREATE TABLE canary (x int)",
                "CREATE TABLE orders (id int, v int)",
                "INSERT INTO orders VALUES (1, 1), (2, 1)",
                "CREATE INDEX orders_v ON orders (v)",
                "CREATE INDEX orders_v_copy ON orders (v)",
                "ALTER TABLE orders SET (autovacuum_enabled = false)",
                "CREATE SEQUENCE order_numbers AS integer MAXVALUE 100",
                "SELECT setval('order_numbers', 90)",
                "CREATE FUNCTION definer() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'",
                "CREATE EXTENSION pg_trgm VERSION '1.3'",
                "CREATE TABLE wide (a int, b int, c int, d int, e int, f int, g int, h int, i int, j int)");
        List<String> wideIndexes = new ArrayList<>(List.of("SET ROLE mallory"));
        for (String column : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")) {
            wideIndexes.add("CREATE INDEX ON wide (" + column + ")");
        }
        pg.executeIn("shop", wideIndexes.toArray(String[]::new));
        // a failed concurrent build leaves an invalid index behind
        try (Connection c = pg.connect("shop"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_v_unique ON orders (v)"))
                    .hasMessageContaining("could not create unique index");
        }
        run = CheckRun.against(pg.dsn("postgres")).run();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void thePlantedFunctionsWinOverTheBuiltInOnesInAnOrdinarySessionOfThatDatabase() {
        assertThat(pg.query("shop", "SELECT format('%I.%I', 'public'::name, 'orders'::name) AS f,"
                + " quote_ident('orders'::name) AS i, quote_literal('x'::text) AS l"))
                .singleElement().satisfies(row -> assertThat(row).containsValues(PLANTED, PLANTED));
    }

    @Test
    void nothingAPlantedFunctionReturnsReachesAnyFindingOrReason() {
        List<String> texts = new ArrayList<>();
        for (RunItem item : run.items()) {
            item.reason().ifPresent(texts::add);
            for (Finding f : item.findings()) {
                texts.add(f.summary());
                texts.add(f.description());
                texts.add(f.remediation());
                texts.addAll(f.texts().values());
            }
        }
        assertThat(texts).isNotEmpty().noneMatch(t -> t.contains("PLANTED"));
    }

    @Test
    void theChecksThatRunInEveryDatabaseReportedTheOwnersObjectsWithTheirOwnQuoting() {
        assertThat(remediationInShop("postgresql_duplicate_indexes"))
                .isEqualTo("Connected to shop: DROP INDEX CONCURRENTLY public.orders_v_copy;  Check first that nothing"
                        + " names orders_v_copy (index hints of pg_hint_plan, CLUSTER ... USING, ALTER TABLE ... REPLICA"
                        + " IDENTITY USING INDEX).");
        assertThat(remediationInShop("postgresql_invalid_indexes"))
                .contains("DROP INDEX CONCURRENTLY public.orders_v_unique;")
                .contains("CREATE UNIQUE INDEX CONCURRENTLY orders_v_unique ON public.orders USING btree (v);");
        assertThat(remediationInShop("postgresql_table_autovacuum_overrides"))
                .endsWith("connected to shop: ALTER TABLE public.orders RESET (autovacuum_enabled);");
        assertThat(remediationInShop("postgresql_sequence_exhaustion"))
                .startsWith("Connected to shop: ALTER SEQUENCE public.order_numbers AS bigint NO MAXVALUE;");
        assertThat(remediationInShop("postgresql_security_definer_search_path"))
                .startsWith("ALTER ROUTINE public.definer() SET search_path = public, pg_temp;  -- in database shop;");
        assertThat(remediationInShop("postgresql_extension_outdated")).startsWith("ALTER EXTENSION pg_trgm UPDATE;");
        assertThat(remediationInShop("postgresql_too_many_indexes"))
                .contains("WHERE i.indrelid = 'public.wide'::regclass ORDER BY");
        assertThat(CheckRun.findings(run, "postgresql_tables_without_primary_key"))
                .filteredOn(f -> "shop".equals(f.fields().get("database")))
                .extracting(Finding::remediation)
                .anySatisfy(r -> assertThat(r).startsWith("Connected to shop: ALTER TABLE public.orders ADD PRIMARY KEY"));
    }

    /** The remediation of the one finding a check reports in database shop. */
    private static String remediationInShop(String check) {
        List<Finding> inShop = CheckRun.findings(run, check).stream()
                .filter(f -> "shop".equals(f.fields().get("database"))).toList();
        assertThat(inShop).as(check + " in shop").hasSize(1);
        return inShop.get(0).remediation();
    }
}
