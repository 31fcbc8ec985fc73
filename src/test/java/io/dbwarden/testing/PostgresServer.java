package io.dbwarden.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private PostgreSQL 15 server for integration tests: its own data directory (copied from a per-JVM initdb
 * template), its own free port on 127.0.0.1 and its own Unix socket directory. Never the machine's shared server.
 *
 * <p>When the JVM runs as root the server runs as the {@code postgres} OS user (PostgreSQL refuses root). The server
 * dies with the JVM even on SIGKILL (parent-death signal) and is stopped by a shutdown hook otherwise.
 *
 * <p>Defaults are those of a plain {@code initdb}: trust authentication for local and loopback connections, fsync on,
 * ssl off, encoding UTF8, locale C.UTF-8.
 */
public final class PostgresServer implements AutoCloseable {
    static final Path BIN = Path.of(System.getProperty("dbwarden.test.pgbin", "/usr/lib/postgresql/15/bin"));
    private static final String OS_USER = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.getLong("dbwarden.test.startTimeoutSeconds", 90));
    private static final int PORT_ATTEMPTS = 5;

    private static final Object TEMPLATE_LOCK = new Object();
    private static Path template;
    private static volatile long templateMillis = -1;

    private static final Object SHARED_LOCK = new Object();
    private static PostgresServer shared;

    private final Builder config;
    private final boolean isShared;
    private final Path root;
    private final Path data;
    private final Path socketDir;
    private final Path logFile;
    private final String originalConf;
    private final Lifecycle.Stoppable stopper = this::stopNow;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile int port;
    private volatile Process process;
    private volatile long startMillis = -1;
    private final long createdAt;

    /** The one default instance of this JVM, started on first use. Do not change its configuration; close() is a no-op. */
    public static PostgresServer shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.isRunning()) {
                if (shared != null) {
                    shared.stopNow();
                }
                shared = new PostgresServer(new Builder(), true);
                shared.boot();
            }
            return shared;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> hbaLines = new ArrayList<>();
        private final List<String> initSql = new ArrayList<>();
        private String listenAddresses = HOST;
        private Path sslCert;
        private Path sslKey;
        private Path rootCert;

        private Builder() {
        }

        /** A postgresql.conf line {@code name = 'value'} (appended, so it wins); an already quoted value is kept. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** A line prepended to pg_hba.conf, so it is matched before the default lines. */
        public Builder hbaLine(String line) {
            hbaLines.add(Objects.requireNonNull(line));
            return this;
        }

        /** listen_addresses; default "127.0.0.1". The harness itself always connects to 127.0.0.1 or the socket. */
        public Builder listenAddresses(String addrs) {
            listenAddresses = Objects.requireNonNull(addrs);
            return this;
        }

        /** ssl=on with copies of these files (server.crt / server.key in the data dir, owned by postgres, 0600). */
        public Builder ssl(Path certFile, Path keyFile) {
            sslCert = Objects.requireNonNull(certFile);
            sslKey = Objects.requireNonNull(keyFile);
            return this;
        }

        /** ssl_ca_file (copied to root.crt in the data dir), for client-certificate authentication. */
        public Builder rootCert(Path caFile) {
            rootCert = Objects.requireNonNull(caFile);
            return this;
        }

        /** Statements run as superuser in database postgres once the server is up, each separately. */
        public Builder initSql(String... statements) {
            initSql.addAll(List.of(statements));
            return this;
        }

        /** Starts the server and blocks until it accepts connections; IllegalStateException with the log tail if not. */
        public PostgresServer start() {
            PostgresServer server = new PostgresServer(copy(), false);
            server.boot();
            return server;
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.settings.putAll(settings);
            copy.hbaLines.addAll(hbaLines);
            copy.initSql.addAll(initSql);
            copy.listenAddresses = listenAddresses;
            copy.sslCert = sslCert;
            copy.sslKey = sslKey;
            copy.rootCert = rootCert;
            return copy;
        }
    }

    private PostgresServer(Builder config, boolean isShared) {
        this.config = config;
        this.isShared = isShared;
        Path templateData = template();
        this.createdAt = System.nanoTime();
        this.root = Lifecycle.newTempDir("pg");
        Lifecycle.register(stopper);
        this.data = root.resolve("data");
        this.socketDir = root.resolve("sock");
        this.logFile = root.resolve("server.log");
        Os.copyTree(templateData, data);
        Os.mkdirs(socketDir, "rwxr-xr-x");
        this.originalConf = Os.readString(data.resolve("postgresql.conf"));
    }

    /** The per-JVM template data directory, made by initdb once. */
    private static Path template() {
        synchronized (TEMPLATE_LOCK) {
            if (template == null) {
                long t0 = System.nanoTime();
                Path dir = Lifecycle.newTempDir("pg-template");
                Lifecycle.registerTemplate(dir);
                Os.chown(dir, OS_USER);
                Path templateData = dir.resolve("data");
                Os.run(Os.asUser(OS_USER, false, List.of(
                        BIN.resolve("initdb").toString(),
                        "-D", templateData.toString(),
                        "-U", SUPERUSER,
                        "-E", "UTF8",
                        "--locale=C.UTF-8",
                        "--auth-local=trust",
                        "--auth-host=trust",
                        "--no-sync",
                        "--no-instructions")), Duration.ofMinutes(3));
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
            prependHbaLines();
            for (int attempt = 1; ; attempt++) {
                port = FreePorts.find();
                writeConf();
                Os.chown(root, OS_USER);
                launch();
                String failure = awaitReady();
                if (failure == null) {
                    break;
                }
                Os.stop(process, "KILL", Duration.ofSeconds(5));
                boolean portTaken = Os.tailOf(logFile, 30).contains("Address already in use");
                if (!portTaken || attempt >= PORT_ATTEMPTS) {
                    throw new IllegalStateException("PostgreSQL in " + root + " did not start: " + failure
                            + "\n--- " + logFile + " (tail) ---\n" + Os.tailOf(logFile, 40));
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

    private void installSslFiles() {
        if (config.sslCert != null) {
            Os.installFile(config.sslCert, data.resolve("server.crt"), OS_USER, "rw-------");
            Os.installFile(config.sslKey, data.resolve("server.key"), OS_USER, "rw-------");
        }
        if (config.rootCert != null) {
            Os.installFile(config.rootCert, data.resolve("root.crt"), OS_USER, "rw-------");
        }
    }

    private void prependHbaLines() {
        if (config.hbaLines.isEmpty()) {
            return;
        }
        Path hba = data.resolve("pg_hba.conf");
        StringBuilder text = new StringBuilder("# dbwarden test harness: prepended lines\n");
        for (String line : config.hbaLines) {
            text.append(line).append('\n');
        }
        text.append('\n').append(Os.readString(hba));
        Os.writeString(hba, text.toString());
    }

    private void writeConf() {
        StringBuilder conf = new StringBuilder(originalConf);
        conf.append("\n# dbwarden test harness\n");
        appendSetting(conf, "port", Integer.toString(port));
        appendSetting(conf, "listen_addresses", config.listenAddresses);
        appendSetting(conf, "unix_socket_directories", socketDir.toString());
        if (config.sslCert != null) {
            appendSetting(conf, "ssl", "on");
            appendSetting(conf, "ssl_cert_file", "server.crt");
            appendSetting(conf, "ssl_key_file", "server.key");
        }
        if (config.rootCert != null) {
            appendSetting(conf, "ssl_ca_file", "root.crt");
        }
        if (!config.settings.isEmpty()) {
            conf.append("# settings from the test\n");
            config.settings.forEach((name, value) -> appendSetting(conf, name, value));
        }
        Os.writeString(data.resolve("postgresql.conf"), conf.toString());
    }

    private static void appendSetting(StringBuilder conf, String name, String value) {
        String quoted = value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                ? value
                : "'" + value.replace("'", "''") + "'";
        conf.append(name).append(" = ").append(quoted).append('\n');
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(Os.asUser(OS_USER, true,
                List.of(BIN.resolve("postgres").toString(), "-D", data.toString())))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(new File("/dev/null"));
        process = Lifecycle.launch(builder);
    }

    /** Null when the server accepts connections, else why not. */
    private String awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        Path pidFile = data.resolve("postmaster.pid");
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (!p.isAlive()) {
                return "the server exited with code " + p.exitValue();
            }
            if (postmasterStatus(pidFile).equals("ready")) {
                try (Connection c = adminConnection("postgres"); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    return null;
                } catch (SQLException e) {
                    last = e;
                }
            }
            sleep(15);
        }
        return "no connection within " + START_TIMEOUT.toSeconds() + "s" + (last == null ? "" : " (last error: " + last.getMessage() + ")");
    }

    private String postmasterStatus(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() >= 8 && lines.get(0).trim().equals(Long.toString(process.pid()))) {
                return lines.get(7).trim();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not there yet
        }
        return "";
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

    public Path socketDirectory() {
        return socketDir;
    }

    public Path dataDirectory() {
        return data;
    }

    /** The server's log (stderr of the postmaster; logging_collector is off). */
    public Path logFile() {
        return logFile;
    }

    public String superuser() {
        return SUPERUSER;
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/DATABASE} */
    public String dsn(String database) {
        return "postgresql://" + SUPERUSER + "@" + HOST + ":" + port + "/" + database;
    }

    /** {@code postgresql://postgres@/DATABASE?host=SOCKETDIR&port=PORT} (libpq style, over the Unix socket). */
    public String socketDsn(String database) {
        return "postgresql://" + SUPERUSER + "@/" + database + "?host=" + socketDir + "&port=" + port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE?user=postgres} (TCP). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** A new superuser JDBC connection over TCP (jdbcUrl), for tests that need more than execute/query. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /**
     * The harness's own connections (execute, query, reload, start-up probe): over the Unix socket when junixsocket
     * works, so prepended host rules (reject, cert, hostssl...) never lock the harness out; else over TCP.
     */
    private Connection adminConnection(String database) throws SQLException {
        if (UnixSockets.AVAILABLE) {
            Properties props = new Properties();
            props.setProperty("user", SUPERUSER);
            props.setProperty("sslmode", "disable");
            props.setProperty("gssEncMode", "disable");
            props.setProperty("connectTimeout", "10");
            props.setProperty("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
            props.setProperty("socketFactoryArg", socketDir.resolve(".s.PGSQL." + port).toString());
            try {
                return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, props);
            } catch (SQLException socketFailure) {
                try {
                    return connect(database);
                } catch (SQLException tcpFailure) {
                    socketFailure.addSuppressed(tcpFailure);
                    throw socketFailure;
                }
            }
        }
        return connect(database);
    }

    // ---- SQL helpers (superuser, Unix socket; see adminConnection)

    /** Runs each statement separately, as superuser in database postgres. */
    public void execute(String... statements) {
        executeIn("postgres", statements);
    }

    public void executeIn(String database, String... statements) {
        Jdbc.execute(() -> adminConnection(database), dsn(database), statements);
    }

    /** Rows as column label to value maps, in order. */
    public List<Map<String, Object>> query(String database, String sql) {
        return Jdbc.query(() -> adminConnection(database), dsn(database), sql);
    }

    /**
     * pg_reload_conf() after editing postgresql.conf / pg_hba.conf (or ALTER SYSTEM), then waits until the postmaster
     * has re-read the files, so that a new connection sees the new configuration. Throws IllegalStateException with
     * the log tail when postgresql.conf has errors (PostgreSQL then keeps the old configuration). A broken pg_hba.conf
     * does not throw: PostgreSQL logs "pg_hba.conf was not reloaded" and keeps the old rules
     * (see pg_hba_file_rules.error).
     */
    public void reload() {
        try {
            Timestamp before = loadTime();
            long logOffset = logSize();
            try (Connection c = adminConnection("postgres"); Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (loadTime().after(before)) {
                    return;
                }
                if (logSince(logOffset).contains("no changes were applied")) {
                    throw new IllegalStateException("PostgreSQL on port " + port + " rejected the new configuration"
                            + "\n--- " + logFile + " (since reload) ---\n" + Os.tail(logSince(logOffset), 30));
                }
                sleep(10);
            }
            throw new IllegalStateException("PostgreSQL on port " + port + " did not reload its configuration within 10s"
                    + "\n--- " + logFile + " (tail) ---\n" + Os.tailOf(logFile, 30));
        } catch (SQLException e) {
            throw Jdbc.failure(dsn("postgres"), "SELECT pg_reload_conf()", e);
        }
    }

    private long logSize() {
        try {
            return Files.size(logFile);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private String logSince(long offset) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private Timestamp loadTime() throws SQLException {
        try (Connection c = adminConnection("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_conf_load_time()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** Fast shutdown and start again on the same port and data directory (for settings that need a restart). */
    public void restart() {
        stopServer();
        startAgain();
    }

    /** Fast shutdown, keeping the data directory and port: the server is unavailable until {@link #startAgain()}. */
    public void stopServer() {
        Os.stop(process, "INT", Duration.ofSeconds(30));
    }

    /** Starts a server stopped by {@link #stopServer()} again, on the same port and data directory. */
    public void startAgain() {
        Os.chown(root, OS_USER);
        launch();
        String failure = awaitReady();
        if (failure != null) {
            throw new IllegalStateException("PostgreSQL in " + root + " did not restart: " + failure
                    + "\n--- " + logFile + " (tail) ---\n" + Os.tailOf(logFile, 40));
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

    /** Milliseconds initdb took for this JVM's template (-1 before the first start). */
    public static long templateMillis() {
        return templateMillis;
    }

    /** Fast shutdown (SIGINT, SIGKILL after 20s) and delete the temp directory; idempotent. No-op on shared(). */
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
            Os.stop(process, "INT", Duration.ofSeconds(20));
            Os.deleteTree(root);
        } finally {
            Lifecycle.unregister(stopper);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + dsn("postgres") + ", " + root + (isShared ? ", shared" : "") + "]";
    }
}
