package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL/MariaDB account and transport checks on real MariaDB servers: one server with every account problem
 * planted, the harness's default install (a realistic fresh install), and the hardened healthy server.
 */
class MysqlSecurityChecksTest {

    private static final String ANONYMOUS = "mysql_anonymous_accounts";
    private static final String NO_PASSWORD = "mysql_accounts_without_password";
    private static final String ROOT_REMOTE = "mysql_root_remote";
    private static final String WILDCARD = "mysql_wildcard_host_accounts";
    private static final String LOCAL_INFILE = "mysql_local_infile_enabled";
    private static final String INSECURE_TRANSPORT = "mysql_require_secure_transport_off";
    private static final String[] ALL = {ANONYMOUS, NO_PASSWORD, ROOT_REMOTE, WILDCARD, LOCAL_INFILE, INSECURE_TRANSPORT};

    /** A default install plus every account problem and its look-alikes that must stay quiet. */
    private static MariaDbServer planted;
    private static RunReport plantedReport;

    @BeforeAll
    static void plantAccounts() {
        planted = MariaDbServer.builder()
                .initSql(
                        "INSTALL SONAME 'auth_ed25519'",
                        // anonymous accounts: two that can log in, one locked
                        "CREATE USER ''@'localhost'",
                        "CREATE USER ''@'%'",
                        "CREATE USER ''@'10.9.9.9' ACCOUNT LOCK",
                        // without password: plain, and an empty password behind unix_socket OR …
                        "CREATE USER 'nopw'@'localhost' IDENTIFIED BY ''",
                        "CREATE USER 'either'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password",
                        // empty authentication strings that are not "no password"
                        "CREATE USER 'sock'@'localhost' IDENTIFIED VIA unix_socket",
                        "CREATE USER 'both'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('Both-9') OR unix_socket",
                        "CREATE USER 'ed'@'localhost' IDENTIFIED VIA ed25519",
                        "CREATE USER 'retired'@'%' ACCOUNT LOCK",
                        "CREATE ROLE 'auditor'",
                        // root beyond this machine: one that can log in, one locked
                        "CREATE USER 'root'@'10.0.0.%' IDENTIFIED BY 'Root-Net-5'",
                        "GRANT ALL ON *.* TO 'root'@'10.0.0.%' WITH GRANT OPTION",
                        "CREATE USER 'root'@'%' IDENTIFIED BY 'Root-Any-5' ACCOUNT LOCK",
                        // wildcard hosts: plain, all privileges, grant option only
                        "CREATE USER 'app'@'%' IDENTIFIED BY 'App-Pw-1'",
                        "CREATE USER 'ops'@'%' IDENTIFIED BY 'Ops-Pw-1'",
                        "GRANT ALL PRIVILEGES ON *.* TO 'ops'@'%'",
                        "CREATE USER 'delegate'@'%' IDENTIFIED BY 'Delegate-Pw-1'",
                        "GRANT SELECT ON *.* TO 'delegate'@'%' WITH GRANT OPTION",
                        "CREATE USER 'app'@'10.1.2.%' IDENTIFIED BY 'App-Pw-2'",
                        // a monitoring account that was not given SELECT on mysql.*
                        "CREATE USER 'blind'@'localhost' IDENTIFIED BY 'Blind-Pw-1'",
                        "GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'blind'@'localhost'")
                .start();
        plantedReport = CheckRun.against(planted.dsn()).checks(ALL).run();
    }

    @AfterAll
    static void stop() {
        if (planted != null) {
            planted.close();
        }
    }

    @Test
    void anonymousAccountsThatCanLogInAreReportedWithTheirHost() {
        List<Finding> findings = CheckRun.findings(plantedReport, ANONYMOUS);

        assertThat(findings).extracting(f -> f.texts().get("host")).containsExactlyInAnyOrder("localhost", "%");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(byField(findings, "host", "localhost").remediation()).isEqualTo("DROP USER ''@'localhost';");
        assertThat(byField(findings, "host", "%").summary()).contains("''@'%'");
    }

    @Test
    void accountsWithAnEmptyPasswordAreReportedButSocketLockedAndRoleAccountsAreNot() {
        List<Finding> findings = CheckRun.findings(plantedReport, NO_PASSWORD);

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"), f -> f.texts().get("plugin"))
                .contains(tuple("nopw", "localhost", "mysql_native_password"),
                        // unix_socket OR mysql_native_password with an empty password: the second way in is open
                        tuple("either", "localhost", "mysql_native_password"),
                        tuple("", "localhost", "mysql_native_password"),
                        tuple("", "%", "mysql_native_password"),
                        // the default install's root
                        tuple("root", "localhost", "mysql_native_password"));
        assertThat(findings).extracting(f -> f.texts().get("user"))
                .doesNotContain("sock", "both", "ed", "retired", "auditor", "mariadb.sys", "app", "ops", "blind");
        assertThat(findings).extracting(f -> f.texts().get("host")).doesNotContain("10.9.9.9", "10.0.0.%");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        Finding nopw = byField(findings, "user", "nopw");
        assertThat(nopw.summary()).isEqualTo("'nopw'@'localhost' can log in without a password (mysql_native_password)");
        assertThat(nopw.remediation()).startsWith("ALTER USER 'nopw'@'localhost' IDENTIFIED BY '<strong password>';")
                .contains("DROP USER 'nopw'@'localhost';");
    }

    @Test
    void rootThatMayConnectFromAnotherNetworkIsReportedButALockedRootIsNot() {
        List<Finding> findings = CheckRun.findings(plantedReport, ROOT_REMOTE);

        assertThat(findings).extracting(f -> f.texts().get("host"))
                .contains("10.0.0.%", localMachineName())
                .doesNotContain("%", "localhost", "127.0.0.1", "::1");
        Finding network = byField(findings, "host", "10.0.0.%");
        assertThat(network.severity()).isEqualTo(Severity.ERROR);
        assertThat(network.texts()).containsEntry("user", "root");
        assertThat(network.remediation()).startsWith("DROP USER 'root'@'10.0.0.%';");
    }

    @Test
    void wildcardHostAccountsAreWarningsAndErrorsWhenTheyHoldSuperOrGrantOption() {
        List<Finding> findings = CheckRun.findings(plantedReport, WILDCARD);

        assertThat(findings).extracting(f -> f.texts().get("user"), Finding::severity, f -> f.texts().get("admin_privileges"))
                .containsExactlyInAnyOrder(
                        tuple("app", Severity.WARNING, "none"),
                        tuple("ops", Severity.ERROR, "SUPER"),
                        tuple("delegate", Severity.ERROR, "GRANT OPTION"),
                        tuple("", Severity.WARNING, "none"));
        Finding app = byField(findings, "user", "app");
        assertThat(app.texts()).containsEntry("host", "%");
        assertThat(app.remediation()).startsWith("RENAME USER 'app'@'%' TO 'app'@'<client network");
    }

    @Test
    void monitoringUserWithoutSelectOnTheMysqlSchemaGetsThePasswordCheckSkippedNamingThePrivilege() {
        String dsn = "mysql://blind:Blind-Pw-1@" + planted.host() + ":" + planted.port() + "/";
        RunReport report = CheckRun.against(dsn).checks(NO_PASSWORD, INSECURE_TRANSPORT).run();

        RunItem item = CheckRun.item(report, NO_PASSWORD);
        assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item.reason()).get().asString()
                .startsWith("query 'passwordless': privilege missing")
                .contains("SELECT command denied", "blind", "`mysql`.`user`");
        // the same session still runs checks that need no such privilege
        assertThat(CheckRun.findings(report, INSECURE_TRANSPORT)).hasSize(1);
    }

    @Test
    void aFreshDefaultInstallIsReportedForItsPasswordlessAndNonLoopbackRoot() {
        // the harness's default instance is mariadb-install-db --auth-root-authentication-method=normal:
        // root without a password at localhost, 127.0.0.1, ::1 and this machine's host name
        RunReport report = CheckRun.against(MariaDbServer.shared().dsn()).checks(ALL).run();

        assertThat(CheckRun.findings(report, NO_PASSWORD))
                .extracting(f -> f.texts().get("user"), f -> f.texts().get("host"))
                .containsExactlyInAnyOrder(tuple("root", "localhost"), tuple("root", "127.0.0.1"), tuple("root", "::1"),
                        tuple("root", localMachineName()));
        assertThat(CheckRun.findings(report, ROOT_REMOTE)).singleElement()
                .satisfies(f -> assertThat(f.texts()).containsEntry("host", localMachineName()));
        assertThat(CheckRun.findings(report, ANONYMOUS)).isEmpty();
        assertThat(CheckRun.findings(report, WILDCARD)).isEmpty();
    }

    @Test
    void localInfileIsReportedOnAMariaDbDefaultInstallWhereItIsOn() {
        MariaDbServer db = MariaDbServer.shared();
        assertThat(db.query("SELECT @@local_infile AS v").get(0).get("v")).isIn(1, 1L, true);

        RunReport report = CheckRun.against(db.dsn()).checks(LOCAL_INFILE).run();

        Finding finding = CheckRun.findings(report, LOCAL_INFILE).get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.remediation()).contains("local_infile = OFF");
    }

    @Test
    void requireSecureTransportOffIsReportedOnADefaultInstall() {
        RunReport report = CheckRun.against(MariaDbServer.shared().dsn()).checks(INSECURE_TRANSPORT).run();

        Finding finding = CheckRun.findings(report, INSECURE_TRANSPORT).get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.remediation()).contains("require_secure_transport = ON");
    }

    @Test
    void aHardenedServerCheckedByALeastPrivilegeMonitoringUserOverTlsIsQuiet() throws SQLException {
        MariaDbServer hardened = MysqlHardenedScenario.server();

        RunReport report = CheckRun.against(MysqlHardenedScenario.monitorDsn()).checks(ALL).run();

        CheckRun.assertQuiet(report, ALL);
        // what makes it healthy is really in place: TLS is required and the monitoring session got it
        try (Connection plain = monitorConnection(hardened, "disable")) {
            throw new AssertionError("a plain TCP connection was accepted under require_secure_transport");
        } catch (SQLException expected) {
            // MariaDB 10.11 refuses it as "Access denied" (MySQL says "insecure transport"); the same credentials
            // work over TLS below
            assertThat(expected.getMessage()).containsAnyOf("Access denied", "insecure transport");
        }
        assertThat(MysqlHardenedScenario.monitorQuery("SELECT @@require_secure_transport AS rst, @@local_infile AS li, "
                + "(SELECT GROUP_CONCAT(Host) FROM mysql.user WHERE User = 'root') AS root_hosts, "
                + "(SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'SSL_CIPHER') AS cipher"))
                .containsEntry("rst", "1").containsEntry("li", "0").containsEntry("root_hosts", "localhost")
                .hasEntrySatisfying("cipher", c -> assertThat(c).isNotBlank());
    }

    private static Connection monitorConnection(MariaDbServer db, String sslMode) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", MysqlHardenedScenario.MONITOR_USER);
        props.setProperty("password", MysqlHardenedScenario.MONITOR_PASSWORD);
        props.setProperty("sslMode", sslMode);
        return DriverManager.getConnection("jdbc:mariadb://" + db.host() + ":" + db.port() + "/", props);
    }

    private static Finding byField(List<Finding> findings, String key, String value) {
        return findings.stream().filter(f -> value.equals(f.texts().get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no finding with " + key + "=" + value + " in " + findings));
    }

    /** The host name mariadb-install-db gave the extra root account (this machine's name). */
    private static String localMachineName() {
        List<Map<String, Object>> rows = MariaDbServer.shared().query(
                "SELECT Host AS host FROM mysql.user WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1', '::1')");
        assertThat(rows).hasSize(1);
        return String.valueOf(rows.get(0).get("host"));
    }
}
