package io.dbwarden.checks;

import io.dbwarden.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Client sessions a test keeps open on a PostgreSQL server, as other roles than the superuser: plain idle ones,
 * transactions left open, a statement that keeps running. Closing cancels what runs and disconnects everything.
 */
final class PostgresOperationsSessions implements AutoCloseable {

    private static final Duration WAIT_LIMIT = Duration.ofSeconds(20);

    private final PostgresServer server;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Statement> running = new ArrayList<>();
    private final List<CompletableFuture<?>> background = new ArrayList<>();

    PostgresOperationsSessions(PostgresServer server) {
        this.server = server;
    }

    /** A new idle session of {@code user} on {@code database} (TCP, trust), with autocommit on; returns its pid. */
    int idle(String user, String database, String application) {
        return pid(open(user, database, application));
    }

    /** Runs {@code statements} in a transaction and leaves it open: the session is "idle in transaction". */
    int idleInTransaction(String user, String database, String application, String... statements) {
        Connection c = open(user, database, application);
        int pid = pid(c);
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return pid;
        } catch (SQLException e) {
            throw new IllegalStateException("could not leave a transaction open: " + e.getMessage(), e);
        }
    }

    /** Starts {@code sql} in the background and returns the session's pid once the server shows it active. */
    int runInBackground(String user, String database, String application, String sql) {
        Connection c = open(user, database, application);
        int pid = pid(c);
        try {
            Statement s = c.createStatement();
            running.add(s);
            background.add(CompletableFuture.runAsync(() -> {
                try {
                    s.execute(sql);
                } catch (SQLException cancelledAtClose) {
                    // expected: close() cancels it
                }
            }));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        awaitState(pid, "active");
        return pid;
    }

    /**
     * Two transactions of {@code user} share a row lock on the same row ({@code SELECT … FOR SHARE}) and commit:
     * PostgreSQL records the two lockers as a multixact, so the cluster's multixact counter moves on.
     */
    void shareOneRowLockBetweenTwoTransactions(String user, String database, String lockingSelect) {
        try (Connection first = connection(user, database, "share-lock-1");
             Connection second = connection(user, database, "share-lock-2")) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try (Statement a = first.createStatement(); Statement b = second.createStatement()) {
                a.execute(lockingSelect);
                b.execute(lockingSelect);
            }
            first.commit();
            second.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not share a row lock: " + e.getMessage(), e);
        }
    }

    /**
     * Prepares a two-phase transaction of {@code user} and disconnects, the way a transaction manager that then
     * crashes leaves it behind.
     */
    void prepareAndDisconnect(String user, String database, String gid, String... statements) {
        try (Connection c = connection(user, database, "xa-coordinator")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                s.execute("PREPARE TRANSACTION '" + gid.replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare a transaction: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until each session's current state and transaction are older than {@code age} (as the server's
     * clock sees them), so that a threshold of that many seconds certainly lies behind them.
     */
    void awaitOlderThan(Duration age, int... pids) {
        for (int pid : pids) {
            await("session " + pid + " older than " + age, () -> {
                List<Map<String, Object>> rows = server.query("postgres",
                        "SELECT least(extract(epoch FROM now() - state_change), "
                                + "coalesce(extract(epoch FROM now() - xact_start), 1e9))::float8 AS seconds "
                                + "FROM pg_stat_activity WHERE pid = " + pid);
                return !rows.isEmpty() && ((Number) rows.get(0).get("seconds")).doubleValue() > age.toMillis() / 1000.0;
            });
        }
    }

    private void awaitState(int pid, String state) {
        await("session " + pid + " " + state, () -> !server.query("postgres",
                "SELECT 1 FROM pg_stat_activity WHERE pid = " + pid + " AND state = '" + state + "'").isEmpty());
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + WAIT_LIMIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Connection open(String user, String database, String application) {
        try {
            Connection c = connection(user, database, application);
            connections.add(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect as " + user + ": " + e.getMessage(), e);
        }
    }

    private Connection connection(String user, String database, String application) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("ApplicationName", application);
        props.setProperty("connectTimeout", "10");
        // One simple-protocol query per statement, as psql sends them: with the extended protocol pgjdbc's
        // session keeps a snapshot between statements, which a read-only READ COMMITTED transaction otherwise drops.
        props.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database, props);
    }

    private static int pid(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Statement s : running) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // the session may be gone already
            }
        }
        for (CompletableFuture<?> statement : background) {
            try {
                statement.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception notCancelledInTime) {
                // the server is stopped next, which ends it anyway
            }
        }
        background.clear();
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing what the server already dropped
            }
        }
        connections.clear();
        running.clear();
    }
}
