package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remaining MySQL/MariaDB account checks on real MariaDB 10.11 servers: one with every account problem planted
 * under a sound password policy ({@link MysqlAccountScenarios#planted()}), one left open by skip-grant-tables with weak
 * password validation ({@link MysqlAccountScenarios#unguarded()}), the harness's default install, and the hardened
 * server of the security tests. What only MySQL 8 can show (its validate_password component, the deprecation of
 * mysql_native_password, its skip-grants session account) runs on recorded facts, in tests that say so.
 */
class MysqlAccountChecksTest {

    private static final String PUBLIC_HOST = "mysql_public_host_accounts";
    private static final String SUPERUSER_REMOTE = "mysql_superuser_remote";
    private static final String REPLICATION_EXTRA = "mysql_replication_user_extra_privileges";
    private static final String WITHOUT_TLS = "mysql_accounts_without_tls";
    private static final String SKIP_GRANT_TABLES = "mysql_skip_grant_tables";
    private static final String LIFETIME_UNLIMITED = "mysql_password_lifetime_unlimited";
    private static final String EXPIRING = "mysql_password_expiring";
    private static final String VALIDATION_WEAK = "mysql_password_validation_weak";
    private static final String DEPRECATED_PLUGIN = "mysql_deprecated_auth_plugin";
    private static final String TEST_DATABASE = "mysql_test_database";
    private static final String[] ALL = {PUBLIC_HOST, SUPERUSER_REMOTE, REPLICATION_EXTRA, WITHOUT_TLS, SKIP_GRANT_TABLES,
            LIFETIME_UNLIMITED, EXPIRING, VALIDATION_WEAK, DEPRECATED_PLUGIN, TEST_DATABASE};

    private static final ServerVersion MYSQL_8 = ServerVersion.parse("8.0.36", Flavor.MYSQL);
    private static final ServerVersion MYSQL_57 = ServerVersion.parse("5.7.44-log", Flavor.MYSQL);

    private static MariaDbServer planted;
    private static RunReport plantedReport;
    private static MariaDbServer unguarded;
    private static RunReport unguardedReport;

    @BeforeAll
    static void startScenarios() {
        // the two servers start side by side: most of a start is waiting for InnoDB and the init statements
        CompletableFuture<MariaDbServer> unguardedStart = CompletableFuture.supplyAsync(MysqlAccountScenarios::unguarded);
        try {
            planted = MysqlAccountScenarios.planted();
        } finally {
            unguarded = unguardedStart.join();
        }
        plantedReport = CheckRun.against(planted.dsn()).checks(ALL).run();
        unguardedReport = CheckRun.against(unguarded.dsn()).checks(ALL).run();
    }

    @AfterAll
    static void stopScenarios() {
        if (planted != null) {
            planted.close();
        }
        if (unguarded != null) {
            unguarded.close();
        }
    }

    // ---- mysql_public_host_accounts

    @Test
    void accountsOnPublicAddressesAreWarningsAndHostNamesNotices() {
        List<Finding> findings = CheckRun.findings(plantedReport, PUBLIC_HOST);

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"), Finding::severity)
                .containsExactlyInAnyOrder(
                        tuple("app", "203.0.113.7", Severity.WARNING),
                        tuple("app", "198.51.100.%", Severity.WARNING),
                        tuple("v6pub", "2001:db8:1::%", Severity.WARNING),
                        tuple("reporting", "%.example.com", Severity.NOTICE),
                        // mariadb-install-db's root@<this machine's name>: a name, so a notice
                        tuple("root", machineName(planted), Severity.NOTICE));
        Finding app = byFields(findings, "user", "app", "host", "203.0.113.7");
        assertThat(app.summary()).isEqualTo("'app'@'203.0.113.7' may connect from public addresses");
        assertThat(app.remediation()).startsWith("RENAME USER 'app'@'203.0.113.7' TO 'app'@'<the client network");
        assertThat(byFields(findings, "user", "reporting", "host", "%.example.com").summary())
                .isEqualTo("'reporting'@'%.example.com' may connect from the hosts the name %.example.com stands for");
        assertThat(app.keyValues()).containsOnlyKeys("user", "host");
    }

    @Test
    void hostNamesAreNotReportedWhenTheServerSkipsNameResolution() {
        // the unguarded server runs with skip_name_resolve: root@<this machine's name> can never match a client
        assertThat(unguarded.query("SELECT @@skip_name_resolve AS v").get(0).get("v")).isIn(1, 1L, true);
        assertThat(unguarded.query("SELECT COUNT(*) AS n FROM mysql.user WHERE Host NOT IN ('localhost', '127.0.0.1', '::1')")
                .get(0).get("n")).isIn(1, 1L);

        assertThat(CheckRun.findings(unguardedReport, PUBLIC_HOST)).isEmpty();
    }

    // ---- mysql_superuser_remote

    @Test
    void remoteAccountsWithSuperOrGrantOptionAreReportedButRootWildcardLocalAndLockedOnesAreNot() {
        List<Finding> findings = CheckRun.findings(plantedReport, SUPERUSER_REMOTE);

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"),
                        f -> f.texts().get("admin_privileges"), Finding::severity)
                .containsExactlyInAnyOrder(
                        tuple("dba", "10.2.0.%", "SUPER", Severity.WARNING),
                        tuple("delegator", "10.3.3.3", "GRANT OPTION", Severity.WARNING),
                        // GRANT OPTION on REPLICATION SLAVE is still GRANT OPTION
                        tuple("repl_grant", "10.0.1.%", "GRANT OPTION", Severity.WARNING));
        Finding dba = byFields(findings, "user", "dba", "host", "10.2.0.%");
        assertThat(dba.summary()).isEqualTo("'dba'@'10.2.0.%' holds SUPER and may connect from another machine");
        assertThat(dba.remediation()).startsWith("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'dba'@'10.2.0.%';");
    }

    // ---- mysql_replication_user_extra_privileges

    @Test
    void replicationAccountsHoldingMoreThanReplicationAreReportedWithWhatTheyHold() {
        List<Finding> findings = CheckRun.findings(plantedReport, REPLICATION_EXTRA);

        // repl (REPLICATION SLAVE + CLIENT) is clean, dba and root are administrators, repl_old is locked,
        // mysql_innodb_cluster_101 is InnoDB Cluster's own
        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"))
                .containsExactlyInAnyOrder(tuple("repl_wide", "10.0.0.%"), tuple("repl_grant", "10.0.1.%"));
        Finding wide = byFields(findings, "user", "repl_wide", "host", "10.0.0.%");
        assertThat(wide.severity()).isEqualTo(Severity.WARNING);
        assertThat(wide.texts().get("extra_privileges").split(", "))
                .containsExactlyInAnyOrder("SELECT ON *.*", "RELOAD ON *.*", "INSERT ON `app`.*", "UPDATE ON `app`.`orders`");
        assertThat(wide.summary()).startsWith("Replication account 'repl_wide'@'10.0.0.%' also holds ");
        assertThat(wide.remediation()).startsWith("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'repl_wide'@'10.0.0.%'; "
                + "GRANT REPLICATION SLAVE ON *.* TO 'repl_wide'@'10.0.0.%';");
        assertThat(byFields(findings, "user", "repl_grant", "host", "10.0.1.%").texts())
                .containsEntry("extra_privileges", "GRANT OPTION");
    }

    // ---- mysql_accounts_without_tls

    @Test
    void remoteAccountsWithoutATlsRequirementAreInfoButLocalRequiringAndLockedOnesAreNot() {
        List<Finding> findings = CheckRun.findings(plantedReport, WITHOUT_TLS);

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"))
                .contains(tuple("lan", "10.1.%"), tuple("app", "203.0.113.7"), tuple("repl", "10.0.0.%"),
                        tuple("anyhost", "%"), tuple("", "%"))
                .doesNotContain(tuple("secure", "10.5.%"), tuple("cert", "10.6.%"), tuple("gone", "8.8.8.8"),
                        tuple("olddba", "10.4.4.4"), tuple("root", "localhost"), tuple("root", "127.0.0.1"),
                        tuple("root", "::1"), tuple("localdba", "localhost"));
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        Finding lan = byFields(findings, "user", "lan", "host", "10.1.%");
        assertThat(lan.summary()).isEqualTo("'lan'@'10.1.%' may connect from another machine without TLS");
        assertThat(lan.remediation()).startsWith("ALTER USER 'lan'@'10.1.%' REQUIRE SSL;");
    }

    // ---- mysql_skip_grant_tables

    @Test
    void aServerRunningWithoutGrantTablesIsCritical() {
        List<Finding> findings = CheckRun.findings(unguardedReport, SKIP_GRANT_TABLES);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            // MariaDB calls the unauthenticated session's account '@'
            assertThat(f.texts()).containsEntry("account", "@");
            assertThat(f.keyValues()).isEmpty();
            assertThat(f.remediation()).startsWith("FLUSH PRIVILEGES;");
        });
        // the account checks still read the grant tables there, whatever user name dbwarden gave
        assertThat(CheckRun.findings(unguardedReport, EXPIRING)).isEmpty();
        assertThat(CheckRun.findings(unguardedReport, WITHOUT_TLS)).extracting(f -> f.texts().get("host"))
                .containsExactly(machineName(unguarded));
    }

    @Test
    void mysqlSessionUnderSkipGrantTablesIsCriticalRecorded() throws Exception {
        // MySQL has no skip_grant_tables variable; its unauthenticated session is 'skip-grants user'@'skip-grants host'
        List<Finding> findings = RecordedRun.of(SKIP_GRANT_TABLES).version(MYSQL_8)
                .variable("skip_networking", "ON")
                .query("session_account", List.of(Map.of("account", "skip-grants user@skip-grants host")))
                .findings();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.description()).contains("'skip-grants user@skip-grants host'");
        });
        assertThat(RecordedRun.of(SKIP_GRANT_TABLES).version(MYSQL_8)
                .query("session_account", List.of(Map.of("account", "dbwarden@localhost"))).findings()).isEmpty();
    }

    // ---- mysql_password_lifetime_unlimited

    @Test
    void passwordsThatNeverExpireByDefaultAreANoticeOnADefaultInstall() {
        RunReport report = CheckRun.against(MariaDbServer.shared().dsn()).checks(LIFETIME_UNLIMITED).run();

        assertThat(CheckRun.findings(report, LIFETIME_UNLIMITED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTICE);
            assertThat(f.remediation()).startsWith("SET PERSIST default_password_lifetime = 180;")
                    .contains("SET GLOBAL default_password_lifetime = 180;");
        });
    }

    // ---- mysql_password_expiring

    @Test
    void expiredPasswordsAreErrorsAndOnesExpiringWithinTenDaysWarnings() {
        List<Finding> findings = CheckRun.findings(plantedReport, EXPIRING);

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"), Finding::severity)
                .containsExactlyInAnyOrder(
                        tuple("expired", "localhost", Severity.ERROR),
                        tuple("aged", "localhost", Severity.ERROR),
                        tuple("soon", "localhost", Severity.WARNING),
                        // mariadb-install-db's accounts carry no change date: the 180-day default expired them at once
                        tuple("root", "::1", Severity.ERROR),
                        tuple("root", machineName(planted), Severity.ERROR));
        String tenDaysAgo = String.valueOf(planted.query(
                "SELECT DATE_FORMAT(FROM_UNIXTIME(UNIX_TIMESTAMP() - 10 * 86400), '%Y-%m-%d') AS d").get(0).get("d"));
        assertThat(byFields(findings, "user", "aged", "host", "localhost").summary())
                .isEqualTo("The password of 'aged'@'localhost' expired on " + tenDaysAgo);
        assertThat(byFields(findings, "user", "expired", "host", "localhost").texts())
                .containsEntry("status", "has expired (ALTER USER … PASSWORD EXPIRE)");
        Finding soon = byFields(findings, "user", "soon", "host", "localhost");
        assertThat(soon.texts().get("status")).matches("expires on \\d{4}-\\d\\d-\\d\\d \\(in [45] days\\)");
        assertThat(soon.description()).contains("The lifetime that applies is 5 days");
        assertThat(soon.remediation()).startsWith("ALTER USER 'soon'@'localhost' IDENTIFIED BY '<new password>';");
        assertThat(byFields(findings, "user", "root", "host", "::1").texts().get("status"))
                .isEqualTo("has expired: no change date is recorded, so its 180-day lifetime counts from 1970");
        assertThat(soon.keyValues()).containsOnlyKeys("user", "host");
    }

    // ---- mysql_password_validation_weak

    @Test
    void noPasswordValidationPluginIsAWarningOnADefaultInstall() {
        RunReport report = CheckRun.against(MariaDbServer.shared().dsn()).checks(VALIDATION_WEAK).run();

        assertThat(CheckRun.findings(report, VALIDATION_WEAK)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).isEqualTo("Weak password validation: no password validation plugin is active");
            assertThat(f.remediation()).startsWith("INSTALL SONAME 'simple_password_check';");
        });
    }

    @Test
    void simplePasswordCheckAskingOnlyForLengthAndABypassablePolicyAreReportedPerSetting() {
        List<Finding> findings = CheckRun.findings(unguardedReport, VALIDATION_WEAK);

        assertThat(findings).extracting(f -> f.texts().get("setting"))
                .containsExactlyInAnyOrder("simple_password_check", "simple_password_check_minimal_length",
                        "strict_password_validation");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(byFields(findings, "setting", "simple_password_check_minimal_length").remediation())
                .startsWith("SET GLOBAL simple_password_check_minimal_length = 8;");
        assertThat(byFields(findings, "setting", "simple_password_check").remediation())
                .contains("SET GLOBAL simple_password_check_digits = 1;");
        assertThat(byFields(findings, "setting", "strict_password_validation").remediation())
                .startsWith("SET GLOBAL strict_password_validation = ON;");
    }

    @Test
    void mysqlValidatePasswordPolicyLowAndAShortLengthAreReportedRecorded() throws Exception {
        List<Finding> findings = RecordedRun.of(VALIDATION_WEAK).version(MYSQL_8)
                .variable("validate_password.policy", "LOW")
                .variable("validate_password.length", "6")
                .query("password_plugins", List.of())
                .findings();

        assertThat(findings).extracting(f -> f.texts().get("setting"), f -> f.texts().get("value"))
                .containsExactlyInAnyOrder(tuple("validate_password.policy", "LOW"), tuple("validate_password.length", "6"));
        assertThat(byFields(findings, "setting", "validate_password.policy").remediation())
                .isEqualTo("SET PERSIST validate_password.policy = MEDIUM;");
        assertThat(byFields(findings, "setting", "validate_password.length").remediation())
                .isEqualTo("SET PERSIST validate_password.length = 8;");
    }

    @Test
    void mysqlWithoutTheValidatePasswordComponentOrPluginIsReportedRecorded() throws Exception {
        List<Finding> mysql8 = RecordedRun.of(VALIDATION_WEAK).version(MYSQL_8)
                .query("password_plugins", List.of()).findings();
        assertThat(mysql8).singleElement().satisfies(f ->
                assertThat(f.remediation()).startsWith("INSTALL COMPONENT 'file://component_validate_password';"));

        List<Finding> mysql57 = RecordedRun.of(VALIDATION_WEAK).version(MYSQL_57)
                .variable("validate_password_policy", "LOW")
                .variable("validate_password_length", "8")
                .query("password_plugins", List.of(Map.of("name", "validate_password"))).findings();
        assertThat(mysql57).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsEntry("setting", "validate_password_policy");
            assertThat(f.remediation()).startsWith("SET GLOBAL validate_password_policy = MEDIUM;");
        });
    }

    @Test
    void mysqlValidatePasswordComponentWithMediumPolicyIsQuietRecorded() throws Exception {
        assertThat(RecordedRun.of(VALIDATION_WEAK).version(MYSQL_8)
                .variable("validate_password.policy", "MEDIUM")
                .variable("validate_password.length", "8")
                .query("password_plugins", List.of()).findings()).isEmpty();
    }

    // ---- mysql_deprecated_auth_plugin

    @Test
    void preFourOnePasswordHashesAreReportedAlsoBehindAnotherMethod() {
        List<Finding> findings = CheckRun.findings(plantedReport, DEPRECATED_PLUGIN);

        // on MariaDB mysql_native_password is not deprecated: only the old hashes count
        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("plugin"), Finding::severity)
                .containsExactlyInAnyOrder(
                        tuple("legacy", "mysql_old_password", Severity.WARNING),
                        tuple("legacy_or", "mysql_old_password", Severity.WARNING));
        Finding legacy = byFields(findings, "user", "legacy", "host", "localhost");
        assertThat(legacy.summary()).isEqualTo("'legacy'@'localhost' authenticates with the deprecated mysql_old_password");
        assertThat(legacy.remediation())
                .startsWith("ALTER USER 'legacy'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('<password>');");
    }

    @Test
    void mysqlNativeAndSha256PasswordAccountsAreNoticesOnMysql8Recorded() throws Exception {
        List<Map<String, Object>> accounts = List.of(
                account("app", "10.0.0.%", "mysql_native_password", 0),
                account("etl", "10.0.0.%", "sha256_password", 0),
                account("web", "10.0.0.%", "caching_sha2_password", 0),
                account("mysql.session", "localhost", "mysql_native_password", 1));

        List<Finding> findings = RecordedRun.of(DEPRECATED_PLUGIN).version(MYSQL_8)
                .query("account_settings", accounts).findings();

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("plugin"), Finding::severity)
                .containsExactlyInAnyOrder(tuple("app", "mysql_native_password", Severity.NOTICE),
                        tuple("etl", "sha256_password", Severity.NOTICE));
        assertThat(byFields(findings, "user", "app").remediation())
                .startsWith("ALTER USER 'app'@'10.0.0.%' IDENTIFIED WITH caching_sha2_password BY '<password>';");
        // the same accounts on MySQL 5.7, where mysql_native_password is the default
        assertThat(RecordedRun.of(DEPRECATED_PLUGIN).version(MYSQL_57).query("account_settings", accounts).findings())
                .isEmpty();
    }

    // ---- mysql_test_database

    @Test
    void testDatabasesAndGrantsOpeningThemToEveryAccountAreReported() {
        List<Finding> findings = CheckRun.findings(plantedReport, TEST_DATABASE);

        assertThat(findings).extracting(f -> f.texts().get("database"))
                .containsExactlyInAnyOrder("test", "test_scratch", "test\\_%");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTICE));
        Finding test = byFields(findings, "database", "test");
        assertThat(test.summary()).isEqualTo("Database `test` exists and every account may use it (granted to ''@'%', PUBLIC)");
        assertThat(test.remediation()).startsWith("DROP DATABASE `test`; DELETE FROM mysql.db WHERE Db = 'test' AND User IN ('', 'PUBLIC'); FLUSH PRIVILEGES;");
        Finding pattern = byFields(findings, "database", "test\\_%");
        assertThat(pattern.summary()).isEqualTo("Every account may create and use databases matching `test\\_%` (granted to PUBLIC)");
        assertThat(pattern.remediation()).isEqualTo("DELETE FROM mysql.db WHERE Db = 'test\\\\_%' AND User IN ('', 'PUBLIC'); FLUSH PRIVILEGES;");
        assertThat(byFields(findings, "database", "test_scratch").remediation()).startsWith("DROP DATABASE `test_scratch`;");
        assertThat(test.keyValues()).containsOnlyKeys("database");
    }

    // ---- healthy servers

    @Test
    void aHardenedServerIsQuietOnTheAccountChecks() {
        MysqlHardenedScenario.server();

        RunReport report = CheckRun.against(MysqlHardenedScenario.monitorDsn())
                .checks(PUBLIC_HOST, SUPERUSER_REMOTE, REPLICATION_EXTRA, WITHOUT_TLS, SKIP_GRANT_TABLES, EXPIRING,
                        DEPRECATED_PLUGIN, TEST_DATABASE)
                .run();

        CheckRun.assertQuiet(report, PUBLIC_HOST, SUPERUSER_REMOTE, REPLICATION_EXTRA, WITHOUT_TLS, SKIP_GRANT_TABLES,
                EXPIRING, DEPRECATED_PLUGIN, TEST_DATABASE);
    }

    @Test
    void aServerWithASoundPasswordPolicyIsQuietOnThePolicyChecks() {
        // what makes it sound is really in place
        assertThat(planted.query("SELECT @@default_password_lifetime AS l, @@strict_password_validation AS s, "
                + "@@simple_password_check_digits AS d").get(0))
                .hasEntrySatisfying("l", v -> assertThat(String.valueOf(v)).isEqualTo("180"))
                .hasEntrySatisfying("s", v -> assertThat(String.valueOf(v)).isIn("1", "true"))
                .hasEntrySatisfying("d", v -> assertThat(String.valueOf(v)).isEqualTo("1"));

        CheckRun.assertQuiet(plantedReport, LIFETIME_UNLIMITED, VALIDATION_WEAK, SKIP_GRANT_TABLES);
    }

    @Test
    void aDefaultInstallMadeWithoutTheTestDatabaseIsQuietOnTheAccountChecksItPasses() {
        RunReport report = CheckRun.against(MariaDbServer.shared().dsn())
                .checks(SUPERUSER_REMOTE, REPLICATION_EXTRA, SKIP_GRANT_TABLES, EXPIRING, DEPRECATED_PLUGIN, TEST_DATABASE)
                .run();

        CheckRun.assertQuiet(report, SUPERUSER_REMOTE, REPLICATION_EXTRA, SKIP_GRANT_TABLES, EXPIRING, DEPRECATED_PLUGIN,
                TEST_DATABASE);
    }

    // ---- helpers

    private static Map<String, Object> account(String user, String host, String plugin, int locked) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("user", user);
        row.put("host", host);
        row.put("locked", locked);
        row.put("ssl_type", "");
        row.put("plugin", plugin);
        row.put("old_password_method", 0);
        row.put("password_expired", 0);
        row.put("lifetime_days", 0);
        row.put("change_recorded", 1);
        row.put("expires_on", null);
        row.put("days_left", null);
        return row;
    }

    private static Finding byFields(List<Finding> findings, String... keyValues) {
        return findings.stream().filter(f -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                if (!keyValues[i + 1].equals(f.texts().get(keyValues[i]))) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError("no finding with " + List.of(keyValues) + " in " + findings));
    }

    /** The host name mariadb-install-db gave the extra root account (this machine's name). */
    private static String machineName(MariaDbServer db) {
        List<Map<String, Object>> rows = db.query(
                "SELECT Host AS host FROM mysql.user WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1', '::1', '10.0.0.%')");
        assertThat(rows).hasSize(1);
        return String.valueOf(rows.get(0).get("host"));
    }
}
