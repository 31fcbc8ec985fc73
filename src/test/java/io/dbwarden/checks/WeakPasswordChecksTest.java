package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.password.CachingSha2Password;
import io.dbwarden.password.MysqlNativePassword;
import io.dbwarden.password.PostgresMd5Password;
import io.dbwarden.password.ScramSha256Verifier;
import io.dbwarden.password.WeakPasswordDetector;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The weak-password checks on real servers: one MariaDB and one PostgreSQL with weak, name-equal and strong
 * passwords planted side by side (the PostgreSQL one with exactly 50 SCRAM-SHA-256 login roles, for the time
 * budget), and the hardened MariaDB and the harness's default PostgreSQL as healthy servers.
 */
class WeakPasswordChecksTest {

    private static final String EQUALS_USERNAME = "mysql_password_equals_username";
    private static final String MYSQL_WEAK = "mysql_weak_password";
    private static final String PG_WEAK = "postgresql_weak_password";
    private static final String PG_MD5 = "postgresql_md5_password_hashes";

    /** Planted passwords that must never appear in a finding, nor their hashes. */
    private static final List<String> SECRETS = List.of("letmein", "123456", "qwerty", "Vq8#mZ2!pLx7-Rt", "Gz4$kW9@rNq2-Ys");
    private static final String STRONG = "Vq8#mZ2!pLx7-Rt";
    private static final int SCRAM_ROLES = 50;

    private static MariaDbServer mariadb;
    private static RunReport mysqlRun;
    private static PostgresServer pg;
    private static RunReport pgRun;
    private static double loadWhilePgRan;

    @BeforeAll
    static void plantPasswordsAndRunTheChecksOnce() {
        mariadb = MariaDbServer.builder()
                .initSql(
                        // a dictionary word (the list's 3rd entry) and one from deep in it
                        "CREATE USER 'weak'@'localhost' IDENTIFIED BY 'password'",
                        "CREATE USER 'app'@'10.0.0.%' IDENTIFIED BY 'letmein'",
                        // the user name, as is and upper-case, on two hosts
                        "CREATE USER 'bob'@'%' IDENTIFIED BY 'bob'",
                        "CREATE USER 'bob'@'localhost' IDENTIFIED BY 'BOB'",
                        // the user name that is also a dictionary word: reported once, as the user name
                        "CREATE USER 'admin'@'localhost' IDENTIFIED BY 'admin'",
                        // a weak password behind unix_socket OR mysql_native_password (auth_or[1] in global_priv)
                        "CREATE USER 'either'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password "
                                + "USING PASSWORD('qwerty')",
                        // look-alikes that must stay quiet
                        "CREATE USER 'strong'@'localhost' IDENTIFIED BY '" + STRONG + "'",
                        "CREATE USER 'dormant'@'localhost' IDENTIFIED BY 'password' ACCOUNT LOCK",
                        "CREATE USER 'sock'@'localhost' IDENTIFIED VIA unix_socket",
                        "CREATE ROLE 'reporting'")
                .start();
        mysqlRun = CheckRun.against(mariadb.dsn()).checks(EQUALS_USERNAME, MYSQL_WEAK).run();

        List<String> roles = new ArrayList<>(List.of(
                "SET password_encryption = 'md5'",
                "CREATE ROLE md5_weak LOGIN PASSWORD 'letmein'",
                "CREATE ROLE md5_self LOGIN PASSWORD 'md5_self'",
                "CREATE ROLE md5_strong LOGIN PASSWORD '" + STRONG + "'",
                "CREATE ROLE md5_nologin NOLOGIN PASSWORD 'letmein'",
                "SET password_encryption = 'scram-sha-256'",
                "CREATE ROLE scram_weak LOGIN PASSWORD '123456'",
                "CREATE ROLE scram_self LOGIN PASSWORD 'SCRAM_SELF'",
                "CREATE ROLE scram_nologin NOLOGIN PASSWORD '123456'"));
        for (int i = 3; i <= SCRAM_ROLES; i++) {
            roles.add(String.format("CREATE ROLE scram_strong_%02d LOGIN PASSWORD 'Gz4$kW9@rNq2-Ys-%02d'", i, i));
        }
        pg = PostgresServer.builder().initSql(roles.toArray(String[]::new)).start();
        pgRun = CheckRun.against(pg.dsn("postgres")).checks(PG_WEAK, PG_MD5).run();
        loadWhilePgRan = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    @AfterAll
    static void stop() {
        if (mariadb != null) {
            mariadb.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void mysqlAccountsWhosePasswordIsTheirUserNameInAnyCaseAreCritical() {
        List<Finding> findings = CheckRun.findings(mysqlRun, EQUALS_USERNAME);

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"))
                .containsExactlyInAnyOrder(tuple("bob", "%"), tuple("bob", "localhost"), tuple("admin", "localhost"));
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        Finding bob = findings.stream().filter(f -> f.texts().get("host").equals("%")).findFirst().orElseThrow();
        assertThat(bob.summary()).isEqualTo("'bob'@'%' uses its own user name as password");
        assertThat(bob.keyValues()).containsOnlyKeys("user", "host");
        assertThat(bob.remediation()).startsWith("ALTER USER 'bob'@'%' IDENTIFIED BY '<strong, unique password>';");
    }

    @Test
    void mysqlAccountsWithADictionaryPasswordAreCriticalAndNameTheListButNotThePassword() {
        List<Finding> findings = CheckRun.findings(mysqlRun, MYSQL_WEAK);

        assertThat(findings).extracting(f -> f.texts().get("user"), f -> f.texts().get("host"))
                .containsExactlyInAnyOrder(tuple("weak", "localhost"), tuple("app", "10.0.0.%"), tuple("either", "localhost"));
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        Finding weak = findings.stream().filter(f -> f.texts().get("user").equals("weak")).findFirst().orElseThrow();
        assertThat(weak.summary()).isEqualTo("'weak'@'localhost' has one of the most common passwords");
        assertThat(weak.keyValues()).containsOnlyKeys("user", "host");
        assertThat(weak.texts().get("tried")).isEqualTo("the 3,545 passwords of John the Ripper's password.lst "
                + "(Openwall Project, compiled by Solar Designer; public domain)");
        assertThat(weak.description()).contains("dbwarden tried: the 3,545 passwords of John the Ripper's password.lst");
        assertThat(weak.remediation()).startsWith("ALTER USER 'weak'@'localhost' IDENTIFIED BY");
    }

    @Test
    void lockedRolesSocketAndStrongMysqlAccountsAreNotReported() {
        List<Finding> all = new ArrayList<>(CheckRun.findings(mysqlRun, MYSQL_WEAK));
        all.addAll(CheckRun.findings(mysqlRun, EQUALS_USERNAME));

        assertThat(all).extracting(f -> f.texts().get("user"))
                .doesNotContain("strong", "dormant", "sock", "reporting", "root", "mariadb.sys");
    }

    @Test
    void noMysqlFindingShowsAPasswordOrAHash() {
        List<Map<String, Object>> hashes = mariadb.query("SELECT PASSWORD('password') AS a, PASSWORD('qwerty') AS b, "
                + "PASSWORD('letmein') AS c, PASSWORD('bob') AS d");
        List<String> secrets = new ArrayList<>(SECRETS);
        hashes.get(0).values().forEach(h -> secrets.add(h.toString()));
        assertThat(secrets).contains(MysqlNativePassword.hash("password"));
        assertNoneShown(CheckRun.findings(mysqlRun, MYSQL_WEAK), secrets);
        assertNoneShown(CheckRun.findings(mysqlRun, EQUALS_USERNAME), secrets);
    }

    @Test
    void theNativeHashComputedHereIsTheOneMariaDbComputes() {
        Map<String, Object> row = mariadb.query("SELECT PASSWORD('password') AS a, PASSWORD('BOB') AS b, "
                + "PASSWORD('" + STRONG + "') AS c").get(0);
        assertThat(row).containsEntry("a", MysqlNativePassword.hash("password"))
                .containsEntry("b", MysqlNativePassword.hash("BOB"))
                .containsEntry("c", MysqlNativePassword.hash(STRONG));
    }

    /**
     * MySQL 8's caching_sha2_password cannot be produced on this machine's MariaDB: recorded rows of a MySQL 8.0
     * mysql.user, with verifiers made by CachingSha2Password (checked against hashcat's published MySQL vectors in
     * PasswordHashesTest) and one of those published verifiers itself (password 'password').
     */
    @Test
    void recordedMysql8CachingSha2AccountsWithTheirNameOrACommonPasswordAreReported() throws Exception {
        byte[] salt = "Zk1&q9#Lx0!Rm2@Tv4%W".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String published = CachingSha2Password.create("password",
                java.util.HexFormat.of().parseHex("06437A150142644D74187A6A2F0D7971094F2575"), 5000);
        List<Map<String, Object>> rows = List.of(
                account("deploy", "%", "caching_sha2_password", CachingSha2Password.create("Deploy", salt, 5000)),
                account("app", "10.0.0.%", "caching_sha2_password", published),
                account("web", "%", "caching_sha2_password", CachingSha2Password.create(STRONG, salt, 5000)),
                account("legacy", "localhost", "mysql_native_password", MysqlNativePassword.hash("letmein")),
                account("sha256", "%", "sha256_password", "$5$0123456789abcdefghij$0123456789012345678901234567890123456789012"));
        ServerVersion mysql8 = ServerVersion.parse("8.0.36", Flavor.MYSQL);

        List<Finding> sameAsName = RecordedRun.of(EQUALS_USERNAME).version(mysql8).query("password_hashes", rows).findings();
        List<Finding> weak = RecordedRun.of(MYSQL_WEAK).version(mysql8).query("password_hashes", rows).findings();

        assertThat(sameAsName).extracting(f -> f.texts().get("user"), f -> f.texts().get("plugin"))
                .containsExactly(tuple("deploy", "caching_sha2_password"));
        assertThat(weak).extracting(f -> f.texts().get("user"), f -> f.texts().get("plugin"))
                .containsExactlyInAnyOrder(tuple("app", "caching_sha2_password"), tuple("legacy", "mysql_native_password"));
        Finding app = weak.stream().filter(f -> f.texts().get("user").equals("app")).findFirst().orElseThrow();
        assertThat(app.texts().get("tried")).startsWith("the " + WeakPasswordDetector.DEFAULT_SLOW_HASH_CANDIDATES
                + " most common of the 3,545 passwords of John the Ripper's password.lst");
        assertThat(app.description()).startsWith("The stored caching_sha2_password hash of 'app'@'10.0.0.%' matches");
        assertNoneShown(weak, List.of(published, "letmein", MysqlNativePassword.hash("letmein")));
    }

    private static Map<String, Object> account(String user, String host, String plugin, String verifier) {
        return Map.of("user", user, "host", host, "plugin", plugin, "verifier", verifier);
    }

    @Test
    void aHardenedMariaDbWithStrongPasswordsIsQuiet() {
        MysqlHardenedScenario.server();

        RunReport report = CheckRun.against(MysqlHardenedScenario.monitorDsn()).checks(EQUALS_USERNAME, MYSQL_WEAK).run();

        CheckRun.assertQuiet(report, EQUALS_USERNAME, MYSQL_WEAK);
    }

    @Test
    void postgresRolesWithADictionaryPasswordOrTheirOwnNameAreCriticalForMd5AndScram() {
        List<Finding> findings = CheckRun.findings(pgRun, PG_WEAK);

        assertThat(findings).extracting(f -> f.texts().get("role"), f -> f.texts().get("scheme"),
                        f -> f.texts().get("weakness"))
                .containsExactlyInAnyOrder(
                        tuple("md5_weak", "md5", "one of the most common passwords"),
                        tuple("md5_self", "md5", "its own name as password"),
                        tuple("scram_weak", "scram-sha-256", "one of the most common passwords"),
                        tuple("scram_self", "scram-sha-256", "its own name as password"));
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.keyValues()).containsOnlyKeys("role");
        });
        Finding scram = PostgresCheckScenarios.only(findings, "role", "scram_weak");
        assertThat(scram.summary()).isEqualTo("role scram_weak has one of the most common passwords");
        assertThat(scram.texts().get("tried")).isEqualTo("the " + WeakPasswordDetector.DEFAULT_SLOW_HASH_CANDIDATES
                + " most common of the 3,545 passwords of John the Ripper's password.lst "
                + "(Openwall Project, compiled by Solar Designer; public domain)");
        assertThat(scram.description()).contains("the role name (as written, lower case, UPPER case, Capitalised) and the "
                + WeakPasswordDetector.DEFAULT_SLOW_HASH_CANDIDATES + " most common of the 3,545 passwords");
        assertThat(scram.remediation()).startsWith("ALTER ROLE scram_weak PASSWORD '<strong, unique password>';");
        Finding md5 = PostgresCheckScenarios.only(findings, "role", "md5_weak");
        assertThat(md5.texts().get("tried")).startsWith("the 3,545 passwords of John the Ripper's password.lst");
    }

    /**
     * The one timing assertion of the suite: the check's own evaluation time (RunItem millis, the SCRAM work in a
     * JVM that has not run it before) for 50 SCRAM-SHA-256 roles. It measures this code on this 2-core machine, so
     * it is skipped, with the figures, when other processes already keep the machine more than twice busy (shared
     * development machines); CI runs alone.
     */
    @Test
    void fiftyScramRolesAreCheckedWithinTheTwoSecondBudget() {
        List<Map<String, Object>> scram = pg.query("postgres",
                "SELECT count(*) AS n FROM pg_authid WHERE rolcanlogin AND rolpassword LIKE 'SCRAM-SHA-256$4096:%'");
        assertThat(((Number) scram.get(0).get("n")).intValue()).isEqualTo(SCRAM_ROLES);

        RunItem item = CheckRun.item(pgRun, PG_WEAK);

        assertThat(item.status()).isEqualTo(ItemStatus.FINDINGS);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(java.util.Locale.ROOT, "%s over %d SCRAM roles: %d ms (load average %.1f on %d cores)%n",
                PG_WEAK, SCRAM_ROLES, item.millis(), loadWhilePgRan, cores);
        Assumptions.assumeTrue(loadWhilePgRan <= 2.0 * cores, () -> String.format(java.util.Locale.ROOT,
                "machine overloaded by other processes (load average %.1f on %d cores): the check took %d ms",
                loadWhilePgRan, cores, item.millis()));
        assertThat(item.millis()).as("postgresql_weak_password over " + SCRAM_ROLES + " SCRAM roles, in ms")
                .isLessThan(2000);
    }

    @Test
    void theSlowHashWordCountIsAParamOfTheChecksWhoseDefaultIsTheDetectors() {
        for (String check : List.of(PG_WEAK, MYSQL_WEAK)) {
            assertThat(CheckRun.catalog().find(check).orElseThrow().params())
                    .containsEntry("slow_hash_words", (long) WeakPasswordDetector.DEFAULT_SLOW_HASH_CANDIDATES);
        }

        RunReport noWords = PostgresCheckScenarios.runWithParams(pg.dsn("postgres"), PG_WEAK, Map.of("slow_hash_words", 0), null);

        List<Finding> findings = CheckRun.findings(noWords, PG_WEAK);
        assertThat(PostgresCheckScenarios.field(findings, "role"))
                .as("SCRAM roles are then tried against their names only; md5 ones against the whole list")
                .containsExactlyInAnyOrder("md5_weak", "md5_self", "scram_self");
        assertThat(PostgresCheckScenarios.only(findings, "role", "scram_self").texts().get("tried"))
                .startsWith("the 0 most common of the 3,545 passwords");
    }

    @Test
    void postgresRolesStillOnMd5HashesAreWarningsNamingTheRole() {
        List<Finding> findings = CheckRun.findings(pgRun, PG_MD5);

        assertThat(PostgresCheckScenarios.field(findings, "role"))
                .containsExactlyInAnyOrder("md5_weak", "md5_self", "md5_strong");
        Finding strong = PostgresCheckScenarios.only(findings, "role", "md5_strong");
        assertThat(strong.severity()).isEqualTo(Severity.WARNING);
        assertThat(strong.summary()).isEqualTo("role md5_strong still stores an MD5 password hash");
        assertThat(strong.remediation()).startsWith("SET password_encryption = 'scram-sha-256'; then set the password of md5_strong");
    }

    @Test
    void noPostgresFindingShowsAPasswordOrAVerifier() {
        List<String> secrets = new ArrayList<>(SECRETS);
        pg.query("postgres", "SELECT rolpassword AS v FROM pg_authid WHERE rolpassword IS NOT NULL")
                .forEach(r -> secrets.add(r.get("v").toString()));
        assertNoneShown(CheckRun.findings(pgRun, PG_WEAK), secrets);
        assertNoneShown(CheckRun.findings(pgRun, PG_MD5), secrets);
    }

    @Test
    void verifiersMadeByPostgresAreTheOnesComputedHere() {
        Map<String, String> stored = new java.util.HashMap<>();
        pg.query("postgres", "SELECT rolname AS r, rolpassword AS v FROM pg_authid WHERE rolname IN "
                + "('md5_weak', 'md5_strong', 'scram_self', 'scram_strong_07')").forEach(r -> stored.put((String) r.get("r"), (String) r.get("v")));

        assertThat(stored.get("md5_weak")).isEqualTo(PostgresMd5Password.hash("letmein", "md5_weak"));
        assertThat(stored.get("md5_strong")).isEqualTo(PostgresMd5Password.hash(STRONG, "md5_strong"));
        assertThat(ScramSha256Verifier.parse(stored.get("scram_self")).orElseThrow().matches("SCRAM_SELF")).isTrue();
        assertThat(ScramSha256Verifier.parse(stored.get("scram_strong_07")).orElseThrow().matches("Gz4$kW9@rNq2-Ys-07")).isTrue();
        assertThat(ScramSha256Verifier.parse(stored.get("scram_strong_07")).orElseThrow().matches("Gz4$kW9@rNq2-Ys-08")).isFalse();
    }

    @Test
    void aDefaultPostgresWhoseSuperuserHasNoPasswordIsQuiet() {
        RunReport report = CheckRun.against(PostgresServer.shared().dsn("postgres")).checks(PG_WEAK, PG_MD5).run();

        CheckRun.assertQuiet(report, PG_WEAK, PG_MD5);
    }

    @Test
    void aNonSuperuserCannotReadPgAuthidSoThePasswordChecksAreSkippedNamingIt() {
        pg.execute("CREATE ROLE monitor_only LOGIN IN ROLE pg_monitor");
        String dsn = "postgresql://monitor_only@" + pg.host() + ":" + pg.port() + "/postgres";

        RunReport report = CheckRun.against(dsn).checks(PG_WEAK, PG_MD5).run();

        for (String check : List.of(PG_WEAK, PG_MD5)) {
            RunItem item = CheckRun.item(report, check);
            assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
            assertThat(item.reason()).get().asString().contains("pg_authid");
        }
    }

    private static void assertNoneShown(List<Finding> findings, List<String> secrets) {
        assertThat(findings).isNotEmpty();
        for (Finding f : findings) {
            List<String> texts = new ArrayList<>(f.texts().values());
            texts.add(f.summary());
            texts.add(f.description());
            texts.add(f.remediation());
            for (String text : texts) {
                for (String secret : secrets) {
                    assertThat(text).as(f.check() + " text").doesNotContain(secret);
                }
            }
        }
    }
}
