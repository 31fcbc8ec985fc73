package io.dbwarden.testing;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private MariaDB 10.11 server for integration tests: its own data directory (copied from a per-JVM
 * mariadb-install-db template), its own free port on 127.0.0.1 and its own socket. Never the machine's shared server.
 *
 * <p>Like a normal default install made with {@code --auth-root-authentication-method=normal --skip-test-db}: root
 * has no password (root@localhost, root@127.0.0.1, root@::1, root@HOSTNAME), no test database. The harness adds only
 * {@code performance_schema=OFF} (memory) to the location options; {@code /etc/mysql} is never read
 * ({@code --defaults-file}). When the JVM runs as root, mariadbd runs as the {@code mysql} OS user.
 */
public final class MariaDbServer implements AutoCloseable {
    static final Path INSTALL_DB = Path.of(System.getProperty("dbwarden.test.mariadbInstallDb", "/usr/bin/mariadb-install-db"));
    static final Path MARIADBD = Path.of(System.getProperty("dbwarden.test.mariadbd", "/usr/sbin/mariadbd"));
    private static final String OS_USER = "mysql";
    private static final String USER = "root";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.getLong("dbwarden.test.startTimeoutSeconds", 90));
    private static final int PORT_ATTEMPTS = 5;

    private static final Object TEMPLATE_LOCK = new Object();
    private static Path template;
    private static volatile long templateMillis = -1;

    private static final Object SHARED_LOCK = new Object();
    private static MariaDbServer shared;

    private final Builder config;
    private final boolean isShared;
    private final Path root;
    private final Path data;
    private final Path socket;
    private final Path logFile;
    private final Path stdoutFile;
    private final Path configFile;
    private final Lifecycle.Stoppable stopper = this::stopNow;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile int port;
    private volatile Process process;
    private volatile long startMillis = -1;
    private final long createdAt;

    /** The one default instance of this JVM, started on first use. Do not change its configuration; close() is a no-op. */
    public static MariaDbServer shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.isRunning()) {
                if (shared != null) {
                    shared.stopNow();
                }
                shared = new MariaDbServer(new Builder(), true);
                shared.boot();
            }
            return shared;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<String> lines = new ArrayList<>();
        private final List<String> initSql = new ArrayList<>();
        private Path sslCert;
        private Path sslKey;
        private Path sslCa;

        private Builder() {
        }

        /** A {@code name=value} line in the [mysqld] section of the private my.cnf (after the harness's own lines). */
        public Builder option(String name, String value) {
            lines.add(Objects.requireNonNull(name) + "=" + Objects.requireNonNull(value));
            return this;
        }

        /** A bare line in the [mysqld] section, e.g. {@code skip-grant-tables}. */
        public Builder flag(String name) {
            lines.add(Objects.requireNonNull(name));
            return this;
        }

        /** ssl_cert / ssl_key / ssl_ca, from copies in the instance directory owned by mysql (key 0600). ca may be null. */
        public Builder ssl(Path cert, Path key, Path ca) {
            sslCert = Objects.requireNonNull(cert);
            sslKey = Objects.requireNonNull(key);
            sslCa = ca;
            return this;
        }

        /** Statements run as root once the server is up, each separately. */
        public Builder initSql(String... statements) {
            initSql.addAll(List.of(statements));
            return this;
        }

        /** Starts the server and blocks until it accepts connections; IllegalStateException with the log tail if not. */
        public MariaDbServer start() {
            MariaDbServer server = new MariaDbServer(copy(), false);
            server.boot();
            return server;
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.lines.addAll(lines);
            copy.initSql.addAll(initSql);
            copy.sslCert = sslCert;
            copy.sslKey = sslKey;
            copy.sslCa = sslCa;
            return copy;
        }
    }

    private MariaDbServer(Builder config, boolean isShared) {
        this.config = config;
        this.isShared = isShared;
        Path templateData = template();
        this.createdAt = System.nanoTime();
        this.root = Lifecycle.newTempDir("mariadb");
        Lifecycle.register(stopper);
        this.data = root.resolve("data");
        this.socket = root.resolve("mysqld.sock");
        this.logFile = root.resolve("server.log");
        this.stdoutFile = root.resolve("stdout.log");
        this.configFile = root.resolve("my.cnf");
        Os.copyTree(templateData, data);
        Os.mkdirs(root.resolve("tmp"), "rwx------");
    }

    /** The per-JVM template data directory, made by mariadb-install-db once. */
    private static Path template() {
        synchronized (TEMPLATE_LOCK) {
            if (template == null) {
                long t0 = System.nanoTime();
                Path dir = Lifecycle.newTempDir("mariadb-template");
                Lifecycle.registerTemplate(dir);
                Os.chown(dir, OS_USER);
                Path templateData = dir.resolve("data");
                Os.run(Os.asUser(OS_USER, false, List.of(
                        INSTALL_DB.toString(),
                        "--no-defaults",
                        "--datadir=" + templateData,
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db")), Duration.ofMinutes(3));
                Os.digHoles(templateData);
                templateMillis = (System.nanoTime() - t0) / 1_000_000;
                template = templateData;
            }
            return template;
        }
    }

    private void boot() {
        try {
            installSslFiles();
            for (int attempt = 1; ; attempt++) {
                port = FreePorts.find();
                writeConfig();
                Os.chown(root, OS_USER);
                launch();
                String failure = awaitReady();
                if (failure == null) {
                    break;
                }
                Os.stop(process, "KILL", Duration.ofSeconds(5));
                boolean portTaken = Os.tailOf(logFile, 30).contains("Address already in use");
                if (!portTaken || attempt >= PORT_ATTEMPTS) {
                    throw new IllegalStateException("MariaDB in " + root + " did not start: " + failure + "\n" + logTails());
                }
            }
            if (!config.initSql.isEmpty()) {
                execute(config.initSql.toArray(String[]::new));
            }
            startMillis = (System.nanoTime() - createdAt) / 1_000_000;
        } catch (RuntimeException e) {
            stopNow();
            throw e;
        }
    }

    private String logTails() {
        return "--- " + logFile + " (tail) ---\n" + Os.tailOf(logFile, 40)
                + "\n--- " + stdoutFile + " (tail) ---\n" + Os.tailOf(stdoutFile, 15);
    }

    private void installSslFiles() {
        if (config.sslCert == null) {
            return;
        }
        Path dir = root.resolve("ssl");
        Os.mkdirs(dir, "rwx------");
        Os.installFile(config.sslCert, dir.resolve("server-cert.pem"), OS_USER, "rw-r--r--");
        Os.installFile(config.sslKey, dir.resolve("server-key.pem"), OS_USER, "rw-------");
        if (config.sslCa != null) {
            Os.installFile(config.sslCa, dir.resolve("ca.pem"), OS_USER, "rw-r--r--");
        }
    }

    private void writeConfig() {
        StringBuilder cnf = new StringBuilder();
        cnf.append("# dbwarden test harness: private MariaDB instance\n");
        cnf.append("[mysqld]\n");
        cnf.append("datadir=").append(data).append('\n');
        cnf.append("socket=").append(socket).append('\n');
        cnf.append("port=").append(port).append('\n');
        cnf.append("bind-address=").append(HOST).append('\n');
        cnf.append("pid-file=").append(root.resolve("mysqld.pid")).append('\n');
        cnf.append("log-error=").append(logFile).append('\n');
        cnf.append("tmpdir=").append(root.resolve("tmp")).append('\n');
        cnf.append("performance_schema=OFF\n");
        if (config.sslCert != null) {
            Path dir = root.resolve("ssl");
            cnf.append("ssl_cert=").append(dir.resolve("server-cert.pem")).append('\n');
            cnf.append("ssl_key=").append(dir.resolve("server-key.pem")).append('\n');
            if (config.sslCa != null) {
                cnf.append("ssl_ca=").append(dir.resolve("ca.pem")).append('\n');
            }
        }
        if (!config.lines.isEmpty()) {
            cnf.append("# options from the test\n");
            config.lines.forEach(line -> cnf.append(line).append('\n'));
        }
        cnf.append("\n[client]\n");
        cnf.append("socket=").append(socket).append('\n');
        cnf.append("port=").append(port).append('\n');
        Os.writeString(configFile, cnf.toString());
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(Os.asUser(OS_USER, true,
                List.of(MARIADBD.toString(), "--defaults-file=" + configFile)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutFile.toFile()))
                .redirectInput(new File("/dev/null"));
        process = Lifecycle.launch(builder);
    }

    /** Null when the server accepts connections, else why not. */
    private String awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (!p.isAlive()) {
                return "the server exited with code " + p.exitValue();
            }
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return null;
            } catch (SQLException e) {
                last = e;
                if (isReadyWithoutTcp()) {
                    return null;
                }
            }
            sleep(20);
        }
        return "no connection within " + START_TIMEOUT.toSeconds() + "s" + (last == null ? "" : " (last error: " + last.getMessage() + ")");
    }

    /** skip-networking and the like: the log says ready but TCP never answers. */
    private boolean isReadyWithoutTcp() {
        String tail = Os.tailOf(logFile, 5);
        return tail.contains("ready for connections") && tail.contains("port: 0");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---- connection details

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public Path socketPath() {
        return socket;
    }

    public Path dataDirectory() {
        return data;
    }

    /** The private my.cnf (mariadbd runs with --defaults-file=this). */
    public Path configFile() {
        return configFile;
    }

    /** The error log (log-error). */
    public Path logFile() {
        return logFile;
    }

    public String user() {
        return USER;
    }

    /** {@code mysql://root@127.0.0.1:PORT/} */
    public String dsn() {
        return "mysql://" + USER + "@" + HOST + ":" + port + "/";
    }

    /** {@code mysql://root@localhost/?socket=/path/to/mysqld.sock} */
    public String socketDsn() {
        return "mysql://" + USER + "@localhost/?socket=" + socket;
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/?user=root} */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + HOST + ":" + port + "/?user=" + USER;
    }

    /** A new root JDBC connection over TCP (jdbcUrl). */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "10000");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    // ---- SQL helpers (root over TCP)

    /** Runs each statement separately, as root. */
    public void execute(String... statements) {
        Jdbc.execute(this::connect, dsn(), statements);
    }

    /** Rows as column label to value maps, in order. */
    public List<Map<String, Object>> query(String sql) {
        return Jdbc.query(this::connect, dsn(), sql);
    }

    /** Normal shutdown and start again on the same port, data directory and (possibly edited) my.cnf. */
    public void restart() {
        Os.stop(process, "TERM", Duration.ofSeconds(60));
        Os.chown(root, OS_USER);
        launch();
        String failure = awaitReady();
        if (failure != null) {
            throw new IllegalStateException("MariaDB in " + root + " did not restart: " + failure + "\n" + logTails());
        }
    }

    public boolean isRunning() {
        Process p = process;
        return !stopped.get() && p != null && p.isAlive();
    }

    /** Milliseconds start() took, template aside: copy, configure, launch, first connection, initSql. */
    public long startMillis() {
        return startMillis;
    }

    /** Milliseconds mariadb-install-db took for this JVM's template (-1 before the first start). */
    public static long templateMillis() {
        return templateMillis;
    }

    /** Normal shutdown (SIGTERM, SIGKILL after 30s) and delete the temp directory; idempotent. No-op on shared(). */
    @Override
    public void close() {
        if (!isShared) {
            stopNow();
        }
    }

    private void stopNow() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            Os.stop(process, "TERM", Duration.ofSeconds(30));
            Os.deleteTree(root);
        } finally {
            Lifecycle.unregister(stopper);
        }
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + dsn() + ", " + root + (isShared ? ", shared" : "") + "]";
    }
}
