package io.dbwarden.checks;

import static io.dbwarden.checks.PostgresCheckScenarios.field;
import static io.dbwarden.checks.PostgresCheckScenarios.lineOf;
import static io.dbwarden.checks.PostgresCheckScenarios.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL access and authentication checks: one server with every problem planted next to look-alikes
 * that must not be reported, checked in one run, and the harness's default instance, on which they are quiet
 * (log_connections aside, which initdb leaves off).
 */
class PostgresAccessChecksTest {

    private static final String MD5 = "postgresql_hba_md5";
    private static final String CLEARTEXT = "postgresql_hba_cleartext_password";
    private static final String HBA_ERRORS = "postgresql_hba_errors";
    private static final String FDW_PASSWORD = "postgresql_fdw_mapping_plaintext_password";
    private static final String EXPIRING = "postgresql_password_expiring";
    private static final String PUBLIC_CREATE = "postgresql_public_schema_create";
    private static final String DEFINER = "postgresql_security_definer_search_path";
    private static final String LOG_CONNECTIONS = "postgresql_log_connections_off";
    private static final String EXTENSIONS = "postgresql_extension_outdated";
    private static final String[] CHECKS = {MD5, CLEARTEXT, HBA_ERRORS, FDW_PASSWORD, EXPIRING, PUBLIC_CREATE,
            DEFINER, LOG_CONNECTIONS, EXTENSIONS};

    private static final String BROKEN_LINE = "host all all 10.0.0.0/33 md5";

    private static PostgresServer pg;
    private static Path hba;
    private static RunReport run;

    @BeforeAll
    static void plantProblemsAndRunTheChecksOnce() {
        pg = PostgresServer.builder()
                .setting("log_connections", "on")
                .hbaLine("host all legacy_app 10.20.0.0/16 md5")
                .hbaLine("local all legacy_app md5")
                .hbaLine("host all plain_app 10.40.0.0/16 password")
                .hbaLine("hostgssenc all plain_app 10.41.0.0/16 password")
                .hbaLine("host all ldap_app 10.42.0.0/16 ldap ldapserver=ldap.example.com ldapprefix=\"cn=\" ldapsuffix=\",dc=example,dc=com\"")
                .hbaLine("hostgssenc all ldap_app 10.43.0.0/16 ldap ldapserver=ldap.example.com ldapprefix=\"cn=\" ldapsuffix=\",dc=example,dc=com\"")
                .hbaLine("local all plain_app password")
                .hbaLine("hostnossl all plain_app 10.45.0.0/16 scram-sha-256")
                // ssl is off: PostgreSQL loads this line but it can never match (the view reports it).
                .hbaLine("hostssl all tls_app 10.44.0.0/16 scram-sha-256")
                .start();
        pg.execute(
                "CREATE ROLE legacy_app LOGIN PASSWORD '" + PostgresAccessScenario.md5Hash("legacy_app", "pw1") + "'",
                "CREATE ROLE batch_job LOGIN PASSWORD '" + PostgresAccessScenario.md5Hash("batch_job", "pw2") + "'",
                "CREATE ROLE retired NOLOGIN PASSWORD '" + PostgresAccessScenario.md5Hash("retired", "pw3") + "'",
                "CREATE ROLE plain_app LOGIN PASSWORD 'scram-stored'",
                "CREATE ROLE soon_expiring LOGIN PASSWORD 'pw' VALID UNTIL '" + PostgresAccessScenario.inDays(3) + "'",
                "CREATE ROLE expired_app LOGIN PASSWORD 'pw' VALID UNTIL '2001-02-03 04:05:06+00'",
                "CREATE ROLE later_app LOGIN PASSWORD 'pw' VALID UNTIL '" + PostgresAccessScenario.inDays(30) + "'",
                "CREATE ROLE forever_app LOGIN PASSWORD 'pw' VALID UNTIL 'infinity'",
                "CREATE ROLE expired_group NOLOGIN VALID UNTIL '2001-02-03 04:05:06+00'",
                "CREATE ROLE app_owner NOLOGIN",
                "CREATE ROLE fdw_user LOGIN",
                "CREATE ROLE watcher LOGIN IN ROLE pg_monitor",
                "CREATE DATABASE shop",
                // In database postgres: an old hstore, and a schema PUBLIC may only use.
                "CREATE EXTENSION hstore VERSION '1.4'",
                "CREATE SCHEMA reports",
                "GRANT USAGE ON SCHEMA reports TO PUBLIC");
        pg.executeIn("shop",
                // PostgreSQL 15 no longer grants this in new databases: plant the pre-15 default.
                "GRANT CREATE ON SCHEMA public TO PUBLIC",
                "CREATE SCHEMA sandbox",
                "GRANT USAGE, CREATE ON SCHEMA sandbox TO PUBLIC",
                "CREATE SCHEMA app AUTHORIZATION app_owner",
                "CREATE FUNCTION app.lookup_owner(id integer) RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'SELECT $1'",
                "CREATE FUNCTION app.grant_access(who text, level integer) RETURNS boolean LANGUAGE sql SECURITY DEFINER AS 'SELECT true'",
                "ALTER FUNCTION app.grant_access(text, integer) OWNER TO app_owner",
                "CREATE FUNCTION public.leaky() RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS 'SELECT 1'",
                "CREATE FUNCTION app.pinned() RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = app, pg_temp AS 'SELECT 1'",
                "CREATE FUNCTION app.invoker() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
                "CREATE PROCEDURE app.nightly() LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'",
                "CREATE EXTENSION pg_trgm VERSION '1.3'",
                "CREATE EXTENSION citext",
                "CREATE EXTENSION postgres_fdw",
                "CREATE SERVER warehouse FOREIGN DATA WRAPPER postgres_fdw"
                        + " OPTIONS (host 'dw.example.com', dbname 'dw', sslmode 'verify-full')",
                "CREATE USER MAPPING FOR fdw_user SERVER warehouse OPTIONS (user 'reader', password 'r3ader')",
                "CREATE USER MAPPING FOR postgres SERVER warehouse OPTIONS (user 'admin', password 'adm1n')",
                "CREATE USER MAPPING FOR PUBLIC SERVER warehouse OPTIONS (user 'guest', password 'gu3st')",
                "CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres')",
                "CREATE USER MAPPING FOR app_owner SERVER loopback OPTIONS (user 'app_owner')");
        hba = pg.dataDirectory().resolve("pg_hba.conf");
        PostgresAccessScenario.appendLine(hba, BROKEN_LINE);
        pg.reload(); // PostgreSQL refuses the broken file and keeps the rules it had
        run = CheckRun.against(pg.dsn("postgres")).checks(CHECKS).run();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    // ---- pg_hba.conf

    @Test
    void md5RulesAreReportedForHostAndLocalLinesNamingTheLoginRolesThatStillStoreMd5Hashes() {
        List<Finding> findings = CheckRun.findings(run, MD5);
        assertThat(findings).extracting(f -> f.texts().get("type") + " " + f.texts().get("address"))
                .containsExactlyInAnyOrder("host 10.20.0.0/16", "local ");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("user", "legacy_app").containsEntry("database", "all")
                    .containsEntry("md5_roles", "batch_job, legacy_app"); // not the NOLOGIN role
            assertThat(f.remediation()).contains("(batch_job, legacy_app)")
                    .contains("replace md5 with scram-sha-256 on line " + f.texts().get("line") + " of pg_hba.conf");
        });
        Finding host = only(findings, "type", "host");
        assertThat(host.texts()).containsEntry("line", Integer.toString(lineOf(hba, "^host all legacy_app 10\\.20")));
        assertThat(host.summary()).isEqualTo("pg_hba.conf line " + host.texts().get("line")
                + " uses md5 authentication (host all legacy_app 10.20.0.0/16 md5)");
        assertThat(only(findings, "type", "local").summary()).endsWith("(local all legacy_app md5)");
    }

    @Test
    void withoutMd5HashesLeftTheMd5RuleIsStillReportedAndSaysSo() {
        pg.execute("ALTER ROLE batch_job PASSWORD 'scram-now'",
                "ALTER ROLE legacy_app PASSWORD 'scram-too'");
        try {
            RunReport after = CheckRun.against(pg.dsn("postgres")).checks(MD5).run();
            assertThat(CheckRun.findings(after, MD5)).hasSize(2).allSatisfy(f -> {
                assertThat(f.texts()).containsEntry("md5_roles", "none today");
                assertThat(f.remediation()).contains("still store MD5 hashes (none today)");
            });
        } finally {
            pg.execute("ALTER ROLE batch_job PASSWORD '" + PostgresAccessScenario.md5Hash("batch_job", "pw2") + "'",
                    "ALTER ROLE legacy_app PASSWORD '" + PostgresAccessScenario.md5Hash("legacy_app", "pw1") + "'");
        }
    }

    @Test
    void moreThanTenMd5RolesAreListedAsTheFirstTenAndACountRecorded() throws Exception {
        List<Map<String, Object>> passwords = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String role = String.format("r%02d", i);
            passwords.add(Map.of("role", role, "verifier", PostgresAccessScenario.md5Hash(role, "pw")));
        }
        passwords.add(Map.of("role", "s_scram", "verifier", "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"));
        Map<String, Object> hbaLine = new LinkedHashMap<>(Map.of("file", "pg_hba.conf", "line", 7L, "type", "host",
                "database", "all", "user_name", "all", "auth_method", "md5", "address", "10.0.0.0/8"));
        hbaLine.put("error", null); // a line PostgreSQL could read
        List<Finding> findings = RecordedRun.of(MD5).version(new ServerVersion(15, 4, 0, Flavor.POSTGRESQL, "15.4"))
                .query("login_passwords", passwords)
                .query("pg_hba_lines", List.of(hbaLine))
                .findings();
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.texts())
                .containsEntry("md5_roles", "r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, and 2 more"));
    }

    @Test
    void cleartextPasswordRulesAreErrorsUnlessTheConnectionIsEncryptedThenWarnings() {
        List<Finding> findings = CheckRun.findings(run, CLEARTEXT);
        assertThat(findings).extracting(f -> f.texts().get("type") + " " + f.texts().get("address") + " "
                        + f.texts().get("auth_method") + " " + f.severity())
                .containsExactlyInAnyOrder(
                        "host 10.40.0.0/16 password ERROR",
                        "hostgssenc 10.41.0.0/16 password WARNING",
                        "host 10.42.0.0/16 ldap ERROR");
        // not reported: ldap over hostgssenc, password over the local socket, scram over hostnossl
        Finding plain = only(findings, "address", "10.40.0.0/16");
        String line = Integer.toString(lineOf(hba, "^host all plain_app 10\\.40"));
        assertThat(plain.texts()).containsEntry("line", line).containsEntry("user", "plain_app");
        assertThat(plain.summary()).isEqualTo("pg_hba.conf line " + line
                + " makes clients send their password in clear text (host all plain_app 10.40.0.0/16 password)");
        assertThat(plain.description()).contains("anyone who can observe the traffic between the clients in 10.40.0.0/16 and the server");
        assertThat(plain.remediation()).startsWith("Replace password with scram-sha-256 on line " + line + " of pg_hba.conf");
        assertThat(only(findings, "address", "10.42.0.0/16").remediation())
                .startsWith("Change line " + lineOf(hba, "^host all ldap_app") + " of pg_hba.conf from host to hostssl");
        assertThat(only(findings, "address", "10.41.0.0/16").description()).contains("hides it on the wire");
    }

    @Test
    void aBrokenLineIsAnErrorWhileTheServerKeepsItsPreviousRulesAndAnUnmatchableLineAWarning() throws Exception {
        assertThat(Files.readString(pg.logFile())).contains("pg_hba.conf was not reloaded");
        List<Finding> findings = CheckRun.findings(run, HBA_ERRORS);
        assertThat(findings).hasSize(2);
        Finding broken = only(findings, "line", Integer.toString(lineOf(hba, "^host all all 10\\.0\\.0\\.0/33")));
        assertThat(broken.severity()).isEqualTo(Severity.ERROR);
        assertThat(broken.texts()).containsEntry("file", "pg_hba.conf")
                .containsEntry("error", "invalid CIDR mask in address \"10.0.0.0/33\"");
        assertThat(broken.description()).contains("the next restart fails");
        assertThat(broken.remediation()).startsWith("Fix or remove line " + broken.texts().get("line") + " of pg_hba.conf");
        Finding unmatchable = only(findings, "line", Integer.toString(lineOf(hba, "^hostssl all tls_app")));
        assertThat(unmatchable.severity()).isEqualTo(Severity.WARNING);
        assertThat(unmatchable.texts().get("error")).isEqualTo("hostssl record cannot match because SSL is disabled");
        assertThat(unmatchable.remediation()).contains("ssl = on for hostssl");
        // the broken line hides nothing: the lines PostgreSQL can read are still checked
        assertThat(CheckRun.findings(run, MD5)).isNotEmpty();
    }

    @Test
    void theThreeHbaChecksAndTheFdwMappingChecksEachShareOneQueryPerTarget() {
        RunReport shared = CheckRun.against(pg.dsn("postgres")).checks(MD5, CLEARTEXT, HBA_ERRORS, FDW_PASSWORD,
                "postgresql_fdw_password_not_required", "postgresql_fdw_mapping_without_password").run();
        // pg_hba_lines, login_passwords (pg_authid, as postgresql_md5_password_hashes reads it), mappings (every database)
        assertThat(shared.targets().get(0).stats().distinctQueries()).isEqualTo(3);
    }

    @Test
    void aPgMonitorRoleRunsTheCatalogChecksButTheHbaAndMappingChecksAreSkippedNamingThePrivilege() {
        RunReport asMonitor = CheckRun.against("postgresql://watcher@" + pg.host() + ":" + pg.port() + "/postgres")
                .checks(CHECKS).run();
        for (String check : List.of(MD5, CLEARTEXT, HBA_ERRORS, FDW_PASSWORD)) {
            RunItem item = CheckRun.item(asMonitor, check);
            assertThat(item.status()).as(check).isEqualTo(ItemStatus.SKIPPED);
            assertThat(item.reason()).hasValueSatisfying(r -> assertThat(r).contains("permission denied"));
        }
        // pg_roles, pg_namespace, pg_proc and pg_extension are readable by every role
        assertThat(field(CheckRun.findings(asMonitor, EXPIRING), "role")).containsExactlyInAnyOrder("soon_expiring", "expired_app");
        assertThat(CheckRun.findings(asMonitor, PUBLIC_CREATE)).hasSize(2);
        assertThat(CheckRun.findings(asMonitor, DEFINER)).hasSize(4);
        assertThat(CheckRun.findings(asMonitor, EXTENSIONS)).hasSize(2);
    }

    // ---- roles

    @Test
    void passwordsExpiringWithinTenDaysAreWarningsAndExpiredOnesErrors() {
        List<Finding> findings = CheckRun.findings(run, EXPIRING);
        assertThat(field(findings, "role")).containsExactlyInAnyOrder("soon_expiring", "expired_app");
        Finding soon = only(findings, "role", "soon_expiring");
        assertThat(soon.severity()).isEqualTo(Severity.WARNING);
        assertThat(soon.texts()).containsEntry("status", "expires in 3 days")
                .containsEntry("valid_until", PostgresAccessScenario.inDaysUtcMinutes(3));
        assertThat(soon.summary()).isEqualTo("The password of role soon_expiring expires in 3 days");
        assertThat(soon.remediation()).startsWith("ALTER ROLE soon_expiring PASSWORD '<new password>' VALID UNTIL");
        Finding expired = only(findings, "role", "expired_app");
        assertThat(expired.severity()).isEqualTo(Severity.ERROR);
        assertThat(expired.texts()).containsEntry("status", "has expired").containsEntry("valid_until", "2001-02-03 04:05 UTC");
    }

    @Test
    void aLongerWarnWindowReportsLaterExpiriesAndIgnoredRolesAreLeftOut() {
        RunReport wider = PostgresCheckScenarios.runWithParams(pg.dsn("postgres"), EXPIRING,
                Map.of("warn_days", 40, "ignore_roles", List.of("expired_app")), null);
        List<Finding> findings = CheckRun.findings(wider, EXPIRING);
        assertThat(field(findings, "role")).containsExactlyInAnyOrder("soon_expiring", "later_app");
        assertThat(only(findings, "role", "later_app").texts()).containsEntry("status", "expires in 30 days");
    }

    // ---- schemas and functions

    @Test
    void schemasWherePublicMayCreateAreReportedPerDatabase() {
        List<Finding> findings = CheckRun.findings(run, PUBLIC_CREATE);
        assertThat(findings).extracting(f -> f.texts().get("database") + "." + f.texts().get("schema"))
                .containsExactlyInAnyOrder("shop.public", "shop.sandbox"); // not postgres.public nor reports
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        Finding pub = only(findings, "schema", "public");
        assertThat(pub.summary()).isEqualTo("Every role may create objects in schema public of database shop");
        assertThat(pub.remediation()).startsWith("REVOKE CREATE ON SCHEMA public FROM PUBLIC;  -- in database shop");
    }

    @Test
    void securityDefinerRoutinesWithoutAFixedSearchPathOrWithAWritableOneAreReported() {
        List<Finding> findings = CheckRun.findings(run, DEFINER);
        assertThat(field(findings, "function")).containsExactlyInAnyOrder(
                "app.lookup_owner(id integer)", "app.grant_access(who text, level integer)", "public.leaky()",
                "app.nightly()"); // not app.pinned() (fixed, trusted path) nor app.invoker() (SECURITY INVOKER)
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.texts()).containsEntry("database", "shop");
        });
        Finding lookup = only(findings, "function", "app.lookup_owner(id integer)");
        assertThat(lookup.texts()).containsEntry("owner", "postgres").containsEntry("kind", "function")
                .containsEntry("problem", "without a fixed search_path");
        assertThat(lookup.summary()).isEqualTo(
                "SECURITY DEFINER function app.lookup_owner(id integer) runs as postgres without a fixed search_path (database shop)");
        assertThat(lookup.description()).contains("owner postgres, a superuser,");
        assertThat(lookup.remediation())
                .startsWith("ALTER ROUTINE app.lookup_owner(id integer) SET search_path = app, pg_temp;  -- in database shop");
        assertThat(only(findings, "function", "app.grant_access(who text, level integer)").texts())
                .containsEntry("owner", "app_owner").containsEntry("owner_note", "");
        Finding leaky = only(findings, "function", "public.leaky()");
        assertThat(leaky.texts().get("problem"))
                .isEqualTo("with a search_path that includes public, where every role may create objects");
        assertThat(leaky.remediation()).startsWith("ALTER ROUTINE public.leaky() SET search_path = pg_catalog, pg_temp;");
        assertThat(only(findings, "function", "app.nightly()").summary()).startsWith("SECURITY DEFINER procedure app.nightly()");
    }

    // ---- extensions and foreign servers

    @Test
    void extensionsBehindTheirDefaultVersionAreReportedPerDatabaseWithTheUpdateCommand() {
        List<Finding> findings = CheckRun.findings(run, EXTENSIONS);
        assertThat(findings).extracting(f -> f.texts().get("database") + "." + f.texts().get("extension") + " "
                        + f.texts().get("installed_version") + "->" + f.texts().get("default_version"))
                .containsExactlyInAnyOrder("postgres.hstore 1.4->1.8", "shop.pg_trgm 1.3->1.6"); // not citext, postgres_fdw, plpgsql
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTICE));
        assertThat(only(findings, "extension", "pg_trgm").remediation())
                .startsWith("ALTER EXTENSION pg_trgm UPDATE;  -- in database shop; to 1.6");
    }

    @Test
    void fdwMappingsThatStorePasswordsAreInfoWithAFixForTheirKindOfRole() {
        List<Finding> findings = CheckRun.findings(run, FDW_PASSWORD);
        assertThat(findings).extracting(f -> f.texts().get("database") + "/" + f.texts().get("user") + "@" + f.texts().get("server"))
                .containsExactlyInAnyOrder("shop/fdw_user@warehouse", "shop/postgres@warehouse", "shop/PUBLIC@warehouse");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(only(findings, "user", "postgres").remediation()).startsWith(
                "ALTER USER MAPPING FOR postgres SERVER warehouse OPTIONS (DROP password, ADD sslcert '/path/client.crt'")
                .contains("-- in database shop, as superuser");
        assertThat(only(findings, "user", "fdw_user").remediation())
                .startsWith("ALTER USER MAPPING FOR fdw_user SERVER warehouse OPTIONS (SET password '<new password>');"
                        + "  -- in database shop: rotate it");
        assertThat(only(findings, "user", "PUBLIC").summary()).isEqualTo(
                "postgres_fdw mapping of PUBLIC for server warehouse stores a password in clear text (database shop)");
    }

    @Test
    void onPostgres18TheFdwPasswordFixIsScramPassThroughRecorded() throws Exception {
        List<Finding> findings = RecordedRun.of(FDW_PASSWORD)
                .version(new ServerVersion(18, 1, 0, Flavor.POSTGRESQL, "18.1"))
                .query("mappings", List.of(Map.of("database", "shop", "server", "warehouse", "user", "fdw_user",
                        "public_mapping", false, "superuser", false, "has_password", true, "password_not_required", false)))
                .findings();
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.remediation()).startsWith(
                "ALTER SERVER warehouse OPTIONS (ADD use_scram_passthrough 'true'); ALTER USER MAPPING FOR fdw_user"
                        + " SERVER warehouse OPTIONS (DROP password);"));
    }

    // ---- logging

    @Test
    void theDefaultInitdbInstanceDoesNotLogConnections() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks(LOG_CONNECTIONS).run();
        assertThat(CheckRun.findings(report, LOG_CONNECTIONS)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(f.remediation()).startsWith("ALTER SYSTEM SET log_connections = on;");
        });
    }

    @Test
    void aServerThatLogsConnectionsIsQuiet() {
        CheckRun.assertQuiet(run, LOG_CONNECTIONS);
    }

    @Test
    void anEmptyLogConnectionsListOnPostgres18IsOffAndAnyAspectIsOnRecorded() throws Exception {
        ServerVersion v18 = new ServerVersion(18, 1, 0, Flavor.POSTGRESQL, "18.1");
        assertThat(RecordedRun.of(LOG_CONNECTIONS).version(v18).variable("log_connections", (Object) "").findings()).hasSize(1);
        assertThat(RecordedRun.of(LOG_CONNECTIONS).version(v18).variable("log_connections", (Object) "receipt,authentication")
                .findings()).isEmpty();
    }

    // ---- healthy

    @Test
    void everyAccessCheckButLogConnectionsIsQuietOnTheDefaultInstance() {
        String[] quiet = {MD5, CLEARTEXT, HBA_ERRORS, FDW_PASSWORD, EXPIRING, PUBLIC_CREATE, DEFINER, EXTENSIONS};
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks(quiet).run();
        CheckRun.assertQuiet(report, quiet);
    }
}
