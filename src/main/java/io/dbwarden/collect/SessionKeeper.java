package io.dbwarden.collect;

import io.dbwarden.target.TargetConnectException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The session a target's queries run on: the one given, until the driver gives it up (pgjdbc does after a result
 * over its byte limit, and either driver after a read timeout); then a new one, so one bad query fails alone. The
 * keeper closes only the sessions it opened.
 */
final class SessionKeeper implements AutoCloseable {

    /** Opens a replacement session. */
    interface Opener {
        Connection open() throws TargetConnectException;
    }

    private final Opener opener;
    private final CollectionStats stats;
    private Connection current;
    private boolean owned;

    SessionKeeper(Connection given, Opener opener, CollectionStats stats) {
        this.current = given;
        this.opener = opener;
        this.stats = stats;
    }

    Connection session() throws SQLException {
        if (!current.isClosed()) {
            return current;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new SQLException("the session was lost while collection was being interrupted");
        }
        long t0 = System.nanoTime();
        try {
            current = opener.open();
        } catch (TargetConnectException e) {
            throw new SQLException("the session was lost and a new one could not be opened: " + e.getMessage(), e);
        }
        owned = true;
        stats.connectionOpened(System.nanoTime() - t0);
        return current;
    }

    @Override
    public void close() {
        if (owned) {
            try {
                current.close();
            } catch (SQLException e) {
                // closing a session the collector is done with cannot fail a check
            }
        }
    }
}
