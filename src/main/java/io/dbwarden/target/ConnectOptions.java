package io.dbwarden.target;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied to every session opened by {@link TargetConnector}.
 *
 * @param connectTimeout bound on reaching the server and logging in (pgjdbc counts whole seconds, so PostgreSQL
 *     rounds it up to the next second)
 * @param statementTimeout bound on each statement, enforced by the server
 */
public record ConnectOptions(Duration connectTimeout, Duration statementTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);

    /** Extra time the client waits for a reply beyond the statement timeout before declaring the server dead. */
    static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    public ConnectOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(statementTimeout, "statementTimeout");
    }

    public static ConnectOptions defaults() {
        return new ConnectOptions(DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(timeout, statementTimeout);
    }

    public ConnectOptions withStatementTimeout(Duration timeout) {
        return new ConnectOptions(connectTimeout, timeout);
    }

    /** How long a read may block once the session is open: the statement timeout plus a margin. */
    Duration socketTimeout() {
        return statementTimeout.plus(SOCKET_TIMEOUT_MARGIN);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        if (value.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(name + " must be at most one day, got " + value);
        }
    }
}
