package io.dbwarden.cli.client;

import java.net.URI;
import java.time.Duration;

/** No answer came from the server: nothing listens there, the network is broken, or it did not answer in time. */
final class ServerUnreachable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private ServerUnreachable(String message) {
        super(message, null, false, false);
    }

    static ServerUnreachable refused(URI server, Exception cause) {
        return new ServerUnreachable("cannot reach the dbwarden server at " + server + ": " + reason(cause, "connection refused")
                + "; is 'dbwarden serve' running there? (--server URL chooses another)");
    }

    static ServerUnreachable connectTimeout(URI server, Duration timeout) {
        return new ServerUnreachable("cannot reach the dbwarden server at " + server + ": no connection within "
                + timeout.toSeconds() + " s; check the address given with --server");
    }

    static ServerUnreachable noAnswer(URI server, Duration timeout) {
        return new ServerUnreachable("the dbwarden server at " + server + " did not answer within "
                + timeout.toSeconds() + " s");
    }

    static ServerUnreachable broken(URI server, Exception cause) {
        return new ServerUnreachable("lost the connection to the dbwarden server at " + server + ": "
                + reason(cause, cause.getClass().getSimpleName()));
    }

    static ServerUnreachable interrupted(URI server) {
        return new ServerUnreachable("interrupted while waiting for the dbwarden server at " + server);
    }

    private static String reason(Exception e, String fallback) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? fallback : message;
    }
}
