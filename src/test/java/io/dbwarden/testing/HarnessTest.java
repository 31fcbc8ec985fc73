package io.dbwarden.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The integration-test harness")
class HarnessTest {

    @Test
    @DisplayName("the shared PostgreSQL accepts queries on a private port with healthy defaults")
    void sharedPostgresAcceptsQueries() {
        PostgresServer pg = PostgresServer.shared();
        System.out.printf("[harness] PostgreSQL template (initdb) %d ms, shared instance start %d ms%n",
                PostgresServer.templateMillis(), pg.startMillis());

        assertThat(pg.query("postgres", "SELECT 1 AS one")).containsExactly(Map.of("one", 1));
        assertThat(pg.port()).isNotEqualTo(5432);
        assertThat(pg.host()).isEqualTo("127.0.0.1");
        assertThat(pg.dsn("app")).isEqualTo("postgresql://postgres@127.0.0.1:" + pg.port() + "/app");
        assertThat(single(pg.query("postgres", "SHOW fsync"))).isEqualTo("on");
        assertThat(single(pg.query("postgres", "SHOW data_directory"))).isEqualTo(pg.dataDirectory().toString());
        assertThat(single(pg.query("postgres", "SHOW unix_socket_directories"))).isEqualTo(pg.socketDirectory().toString());
        assertThat(single(pg.query("postgres", "SELECT current_user"))).isEqualTo("postgres");
        assertThat(PostgresServer.shared()).isSameAs(pg);
    }

    @Test
    @DisplayName("the shared PostgreSQL also answers plain JDBC over TCP at jdbcUrl()")
    void sharedPostgresAnswersJdbcUrl() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(pg.port());
        }
    }

    @Test
    @DisplayName("the shared MariaDB accepts queries on a private port like a default install")
    void sharedMariaDbAcceptsQueries() {
        MariaDbServer db = MariaDbServer.shared();
        System.out.printf("[harness] MariaDB template (mariadb-install-db) %d ms, shared instance start %d ms%n",
                MariaDbServer.templateMillis(), db.startMillis());

        assertThat(number(single(db.query("SELECT 1 + 1 AS two")))).isEqualTo(2);
        assertThat(db.port()).isNotEqualTo(3306);
        assertThat(db.dsn()).isEqualTo("mysql://root@127.0.0.1:" + db.port() + "/");
        assertThat(db.socketDsn()).isEqualTo("mysql://root@localhost/?socket=" + db.socketPath());
        assertThat(number(single(db.query("SELECT @@port")))).isEqualTo(db.port());
        assertThat(single(db.query("SELECT @@socket"))).isEqualTo(db.socketPath().toString());
        assertThat(single(db.query("SELECT @@version"))).asString().contains("MariaDB");
        assertThat(db.query("SHOW DATABASES")).extracting(row -> row.get("Database")).doesNotContain("test");
        assertThat(db.query("SELECT user, host FROM mysql.user WHERE user = 'root'"))
                .extracting(row -> row.get("Host")).contains("localhost", "127.0.0.1");
        assertThat(Files.exists(db.socketPath())).isTrue();
        assertThat(MariaDbServer.shared()).isSameAs(db);
    }

    @Test
    @DisplayName("closing the shared instances is a no-op, so one test cannot stop them for the others")
    void sharedInstancesSurviveClose() {
        PostgresServer pg = PostgresServer.shared();
        MariaDbServer db = MariaDbServer.shared();
        pg.close();
        db.close();
        assertThat(pg.isRunning()).isTrue();
        assertThat(db.isRunning()).isTrue();
        assertThat(pg.query("postgres", "SELECT 1 AS one")).hasSize(1);
        assertThat(db.query("SELECT 1 AS one")).hasSize(1);
    }

    @Test
    @DisplayName("a PostgreSQL builder setting, hba line and initSql objects are visible in the server")
    void postgresBuilderSettingsAreApplied() {
        try (PostgresServer pg = PostgresServer.builder()
                .setting("fsync", "off")
                .setting("shared_buffers", "16MB")
                .hbaLine("host all alice 127.0.0.1/32 reject")
                .initSql("CREATE ROLE alice LOGIN", "CREATE DATABASE app OWNER alice", "CREATE TABLE harness_probe (id int)")
                .start()) {
            System.out.printf("[harness] PostgreSQL private instance start %d ms%n", pg.startMillis());
            assertThat(single(pg.query("postgres", "SHOW fsync"))).isEqualTo("off");
            assertThat(single(pg.query("postgres", "SHOW shared_buffers"))).isEqualTo("16MB");
            assertThat(pg.query("postgres", "SELECT rolname FROM pg_roles WHERE rolname = 'alice'")).hasSize(1);
            assertThat(pg.query("postgres", "SELECT to_regclass('harness_probe')::text AS t")).containsExactly(Map.of("t", "harness_probe"));
            pg.executeIn("app", "CREATE TABLE in_app (id int)");
            assertThat(pg.query("app", "SELECT current_database() AS db")).containsExactly(Map.of("db", "app"));
            List<Map<String, Object>> rules = pg.query("postgres",
                    "SELECT line_number, auth_method FROM pg_hba_file_rules ORDER BY line_number LIMIT 1");
            assertThat(rules.get(0).get("auth_method")).isEqualTo("reject");
            assertThatThrownBy(() -> pg.execute("SELECT * FROM no_such_table"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no_such_table");
        }
    }

    @Test
    @DisplayName("execute() and query() keep working over the Unix socket when a prepended hba line rejects TCP")
    void harnessKeepsAccessWhenTcpIsRejected() {
        try (PostgresServer pg = PostgresServer.builder().hbaLine("host all all 0.0.0.0/0 reject").start()) {
            assertThat(pg.query("postgres", "SELECT 1 AS one")).containsExactly(Map.of("one", 1));
            assertThatThrownBy(() -> pg.connect("postgres").close()).hasMessageContaining("rejects connection");
        }
    }

    @Test
    @DisplayName("reload() makes an ALTER SYSTEM change visible and restart() applies postmaster settings")
    void postgresReloadAndRestart() {
        try (PostgresServer pg = PostgresServer.builder().start()) {
            pg.execute("ALTER SYSTEM SET work_mem = '7MB'", "ALTER SYSTEM SET max_connections = 42");
            pg.reload();
            assertThat(single(pg.query("postgres", "SHOW work_mem"))).isEqualTo("7MB");
            assertThat(single(pg.query("postgres", "SHOW max_connections"))).isEqualTo("100");
            int port = pg.port();
            pg.restart();
            assertThat(pg.port()).isEqualTo(port);
            assertThat(single(pg.query("postgres", "SHOW max_connections"))).isEqualTo("42");
        }
    }

    @Test
    @DisplayName("a MariaDB builder option and initSql objects are visible in the server")
    void mariaDbBuilderOptionsAreApplied() {
        try (MariaDbServer db = MariaDbServer.builder()
                .option("local_infile", "OFF")
                .option("max_connections", "42")
                .option("log_bin", "mysql-bin")
                .initSql("CREATE DATABASE app", "CREATE USER 'alice'@'%' IDENTIFIED BY 'secret'", "CREATE TABLE app.t (id INT)")
                .start()) {
            System.out.printf("[harness] MariaDB private instance start %d ms%n", db.startMillis());
            assertThat(number(single(db.query("SELECT @@local_infile")))).isEqualTo(0);
            assertThat(number(single(db.query("SELECT @@max_connections")))).isEqualTo(42);
            assertThat(number(single(db.query("SELECT @@log_bin")))).isEqualTo(1);
            assertThat(db.query("SELECT user FROM mysql.user WHERE user = 'alice'")).hasSize(1);
            assertThat(db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'app'")).hasSize(1);
            assertThatThrownBy(() -> db.execute("SELECT * FROM app.nope"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");
        }
    }

    @Test
    @DisplayName("ssl() turns TLS on in both servers with the given certificate")
    void sslIsEnabled(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Os.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString()),
                Duration.ofSeconds(60));
        try (PostgresServer pg = PostgresServer.builder().ssl(cert, key).rootCert(cert).start();
             MariaDbServer db = MariaDbServer.builder().ssl(cert, key, cert).start()) {
            assertThat(single(pg.query("postgres", "SHOW ssl"))).isEqualTo("on");
            assertThat(single(pg.query("postgres", "SHOW ssl_ca_file"))).isEqualTo("root.crt");
            Properties props = new Properties();
            props.setProperty("sslmode", "require");
            try (Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl("postgres"), props);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            assertThat(single(db.query("SELECT @@have_ssl"))).isEqualTo("YES");
            assertThat(single(db.query("SELECT @@ssl_cert"))).asString().endsWith("server-cert.pem");
        }
    }

    @Test
    @DisplayName("two instances of each server run at once on different ports")
    void twoInstancesRunAtOnce() {
        try (PostgresServer a = PostgresServer.builder().initSql("CREATE TABLE only_in_a (id int)").start();
             PostgresServer b = PostgresServer.builder().start();
             MariaDbServer c = MariaDbServer.builder().initSql("CREATE DATABASE only_in_c").start();
             MariaDbServer d = MariaDbServer.builder().start()) {
            assertThat(List.of(a.port(), b.port(), c.port(), d.port())).doesNotHaveDuplicates();
            assertThat(a.dataDirectory()).isNotEqualTo(b.dataDirectory());
            assertThat(a.query("postgres", "SELECT to_regclass('only_in_a')::text AS t").get(0).get("t")).isEqualTo("only_in_a");
            assertThat(b.query("postgres", "SELECT to_regclass('only_in_a')::text AS t").get(0).get("t")).isNull();
            assertThat(c.query("SHOW DATABASES LIKE 'only_in_c'")).hasSize(1);
            assertThat(d.query("SHOW DATABASES LIKE 'only_in_c'")).isEmpty();
        }
    }

    @Test
    @DisplayName("close() stops the server, removes its directory and its port stops accepting; a second close() is harmless")
    void closeRemovesEverything() {
        PostgresServer pg = PostgresServer.builder().start();
        MariaDbServer db = MariaDbServer.builder().start();
        Path pgDir = pg.dataDirectory().getParent();
        Path dbDir = db.dataDirectory().getParent();
        assertThat(FreePorts.isAccepting(pg.port())).isTrue();
        assertThat(FreePorts.isAccepting(db.port())).isTrue();

        pg.close();
        db.close();

        assertThat(pgDir).doesNotExist();
        assertThat(dbDir).doesNotExist();
        assertThat(FreePorts.isAccepting(pg.port())).isFalse();
        assertThat(FreePorts.isAccepting(db.port())).isFalse();
        assertThat(pg.isRunning()).isFalse();
        pg.close();
        db.close();
    }

    @Test
    @DisplayName("a server that cannot start fails with the tail of its log")
    void startFailureShowsLogTail() {
        assertThatThrownBy(() -> PostgresServer.builder().setting("no_such_parameter", "1").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no_such_parameter");
        assertThatThrownBy(() -> MariaDbServer.builder().flag("no-such-option").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-option");
    }

    private static long number(Object value) {
        assertThat(value).isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }

    private static Object single(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).hasSize(1);
        return rows.get(0).values().iterator().next();
    }
}
