package io.dbwarden.checks;

import static io.dbwarden.checks.PostgresCheckScenarios.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names chosen by whoever may create roles, schemas, tables or accounts reach the remediation SQL quoted by the
 * engine's rules, never raw: each statement a remediation proposes is run on a throw-away server and does exactly
 * what it says to the hostile object, and nothing else (the canary tables survive).
 */
class HostileNamesChecksTest {

    private static final String ROLE = "x\"; DROP TABLE canary; --";
    private static final String SCHEMA = "Sales \"EU\"";
    private static final String TABLE = "a'b";
    private static final String KEPT_INDEX = "first idx";
    private static final String INDEX = "x\"; DROP TABLE canary; --";
    private static final String SEQUENCE = "seq'; DROP TABLE canary; --";

    private static final String QUOTE_USER = "a'b";
    private static final String BACKSLASH_USER = "back\\slash";
    private static final String BACKTICK_USER = "tick`; DROP TABLE canary; --";
    private static final String MYSQL_SCHEMA = "we`ird";
    private static final String MYSQL_TABLE = "x\"; DROP TABLE canary; --";

    private static PostgresServer pg;
    private static MariaDbServer maria;
    private static RunReport pgRun;
    private static RunReport mariaRun;

    @BeforeAll
    static void plantHostileNames() {
        pg = PostgresServer.builder().start();
        pg.execute(
                "CREATE TABLE canary (x int)",
                "CREATE ROLE \"x\"\"; DROP TABLE canary; --\" LOGIN SUPERUSER",
                "CREATE DATABASE shop");
        pg.executeIn("shop",
                "CREATE TABLE canary (x int)",
                "CREATE SCHEMA \"Sales \"\"EU\"\"\"",
                "CREATE TABLE \"Sales \"\"EU\"\"\".\"a'b\" (id int, v int)",
                "CREATE INDEX \"first idx\" ON \"Sales \"\"EU\"\"\".\"a'b\" (v)",
                "CREATE INDEX \"x\"\"; DROP TABLE canary; --\" ON \"Sales \"\"EU\"\"\".\"a'b\" (v)",
                "CREATE SEQUENCE \"Sales \"\"EU\"\"\".\"seq'; DROP TABLE canary; --\" AS integer MAXVALUE 100",
                "SELECT setval('\"Sales \"\"EU\"\"\".\"seq''; DROP TABLE canary; --\"', 90)");
        pgRun = CheckRun.against(pg.dsn("postgres")).checks("postgresql_superuser_roles", "postgresql_duplicate_indexes",
                "postgresql_tables_without_primary_key", "postgresql_sequence_exhaustion").run();

        maria = MariaDbServer.builder().start();
        maria.execute(
                "CREATE DATABASE canary_db",
                "CREATE TABLE canary_db.canary (x int)",
                "CREATE USER 'a''b'@'%'",
                "CREATE USER 'back\\\\slash'@'10.0.0.%'",
                "CREATE USER 'tick`; DROP TABLE canary; --'@'localhost'",
                "CREATE DATABASE `we``ird`",
                "CREATE TABLE `we``ird`.`x\"; DROP TABLE canary; --` (id int PRIMARY KEY) ENGINE=MyISAM");
        mariaRun = CheckRun.against(maria.dsn()).checks("mysql_accounts_without_password", "mysql_myisam_tables").run();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
        if (maria != null) {
            maria.close();
        }
    }

    /** The first statement of {@code remediation} matching {@code regex} (its group 1). */
    private static String statement(String remediation, String regex) {
        Matcher m = Pattern.compile(regex).matcher(remediation);
        assertThat(m.find()).as(regex + " in " + remediation).isTrue();
        return m.group(1);
    }

    private static String pgOne(String database, String sql) {
        List<Map<String, Object>> rows = pg.query(database, sql);
        assertThat(rows).hasSize(1);
        return String.valueOf(rows.get(0).values().iterator().next());
    }

    // ---- PostgreSQL

    @Test
    void aRoleNamedLikeAnInjectionIsQuotedAsQuoteIdentWouldAndItsStatementOnlyChangesThatRole() {
        Finding finding = only(CheckRun.findings(pgRun, "postgresql_superuser_roles"), "role", ROLE);
        String alter = statement(finding.remediation(), "^(ALTER ROLE .+ NOSUPERUSER);  --");
        assertThat(alter).isEqualTo("ALTER ROLE \"x\"\"; DROP TABLE canary; --\" NOSUPERUSER");

        pg.execute(alter);

        assertThat(pgOne("postgres", "SELECT rolsuper FROM pg_roles WHERE rolname = 'x\"; DROP TABLE canary; --'"))
                .isEqualTo("false");
        assertThat(pgOne("postgres", "SELECT count(*) FROM canary")).isEqualTo("0");
    }

    @Test
    void aDuplicateIndexWithAHostileNameInAQuotedSchemaIsDroppedByItsRemediationAndNothingElse() {
        Finding finding = only(CheckRun.findings(pgRun, "postgresql_duplicate_indexes"), "index", INDEX);
        assertThat(finding.fields()).containsEntry("schema", SCHEMA).containsEntry("table", TABLE)
                .containsEntry("kept_index", KEPT_INDEX);
        String drop = statement(finding.remediation(), "^Connected to shop: (DROP INDEX CONCURRENTLY .+?);  Check first");
        // the server's own quoting of the same names is the reference
        String expected = pgOne("shop", "SELECT quote_ident('Sales \"EU\"') || '.' || quote_ident('x\"; DROP TABLE canary; --')");
        assertThat(drop).isEqualTo("DROP INDEX CONCURRENTLY " + expected);
        assertThat(finding.remediation()).contains("Check first that nothing names \"x\"\"; DROP TABLE canary; --\" (");

        pg.executeIn("shop", drop);

        assertThat(pgOne("shop", "SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes"
                + " WHERE schemaname = 'Sales \"EU\"'")).isEqualTo(KEPT_INDEX);
        assertThat(pgOne("shop", "SELECT count(*) FROM canary")).isEqualTo("0");
    }

    @Test
    void aTableWithoutPrimaryKeyIsNamedInItsRemediationExactlyAsTheServerQuotesIt() {
        Finding finding = only(CheckRun.findings(pgRun, "postgresql_tables_without_primary_key"), "table", TABLE);
        String expected = pgOne("shop", "SELECT quote_ident('Sales \"EU\"') || '.' || quote_ident('a''b')");
        assertThat(expected).isEqualTo("\"Sales \"\"EU\"\"\".\"a'b\"");
        assertThat(finding.remediation()).startsWith("Connected to shop: ALTER TABLE " + expected + " ADD PRIMARY KEY (col, …);")
                .contains("; with no natural key, ALTER TABLE " + expected + " ADD COLUMN id bigint");
    }

    @Test
    void aSequenceWithAHostileNameIsWidenedByItsRemediationAndNothingElse() {
        Finding finding = only(CheckRun.findings(pgRun, "postgresql_sequence_exhaustion"), "sequence", SEQUENCE);
        String alter = statement(finding.remediation(), "^Connected to shop: (ALTER SEQUENCE .+ AS bigint NO MAXVALUE);");
        assertThat(alter).isEqualTo("ALTER SEQUENCE \"Sales \"\"EU\"\"\".\"seq'; DROP TABLE canary; --\" AS bigint NO MAXVALUE");

        pg.executeIn("shop", alter);

        assertThat(pgOne("shop", "SELECT max_value FROM pg_sequences WHERE sequencename = 'seq''; DROP TABLE canary; --'"))
                .isEqualTo("9223372036854775807");
        assertThat(pgOne("shop", "SELECT count(*) FROM canary")).isEqualTo("0");
    }

    // ---- MariaDB

    @Test
    void accountNamesWithQuotesBackslashesAndBackticksAreStringLiteralsTheServerReadsBack() {
        List<Finding> findings = CheckRun.findings(mariaRun, "mysql_accounts_without_password");
        for (String user : List.of(QUOTE_USER, BACKSLASH_USER, BACKTICK_USER)) {
            Finding finding = findings.stream().filter(f -> user.equals(f.fields().get("user"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no finding for " + user + " in " + findings));
            String alter = statement(finding.remediation(), "^(ALTER USER .+? IDENTIFIED BY '<strong password>');  --");

            maria.execute(alter);

            String host = finding.texts().get("host");
            List<Map<String, Object>> rows = maria.query("SELECT authentication_string AS a FROM mysql.user"
                    + " WHERE User = " + quoteForTest(user) + " AND Host = " + quoteForTest(host));
            assertThat(rows).as(alter).singleElement()
                    .satisfies(r -> assertThat(String.valueOf(r.get("a"))).isNotEmpty());
        }
        assertThat(findings.stream().filter(f -> f.fields().get("user").equals(QUOTE_USER)).findFirst().orElseThrow()
                .remediation()).startsWith("ALTER USER 'a''b'@'%' IDENTIFIED BY");
        assertThat(maria.query("SELECT count(*) AS n FROM canary_db.canary")).singleElement()
                .satisfies(r -> assertThat(String.valueOf(r.get("n"))).isEqualTo("0"));
    }

    @Test
    void aMyisamTableWithAHostileNameInABacktickedSchemaIsConvertedByItsRemediationAndNothingElse() {
        Finding finding = CheckRun.findings(mariaRun, "mysql_myisam_tables").stream()
                .filter(f -> MYSQL_TABLE.equals(f.fields().get("table"))).findFirst().orElseThrow();
        assertThat(finding.fields()).containsEntry("schema", MYSQL_SCHEMA);
        String alter = statement(finding.remediation(), "^(ALTER TABLE .+ ENGINE=InnoDB);  --");
        assertThat(alter).isEqualTo("ALTER TABLE `we``ird`.`x\"; DROP TABLE canary; --` ENGINE=InnoDB");

        maria.execute(alter);

        assertThat(maria.query("SELECT ENGINE AS e FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'we`ird'"))
                .singleElement().satisfies(r -> assertThat(r.get("e")).isEqualTo("InnoDB"));
        assertThat(maria.query("SELECT count(*) AS n FROM canary_db.canary")).singleElement()
                .satisfies(r -> assertThat(String.valueOf(r.get("n"))).isEqualTo("0"));
    }

    /** A literal for the test's own lookups, written out independently of the code under test. */
    private static String quoteForTest(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
