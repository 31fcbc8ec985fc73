package io.dbwarden.cli.client;

/** The server answered with an error status; the message is the server's own {@code error} sentence. */
final class ServerRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ServerRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
