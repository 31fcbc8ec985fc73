package io.dbwarden.target;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection's view of a {@link Dsn}: the local defaults decided ({@link LocalDefaults}) and the password read
 * ({@link Secret}), just before a session is opened. Made again for every session, so a rotated secret or a
 * socket that appeared since the last connection is picked up.
 *
 * <p>{@link #toString()} never shows the password.
 */
final class ResolvedDsn {

    private final Engine engine;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Path socket;
    private final String database;
    private final TlsSettings tls;

    private ResolvedDsn(Engine engine, String user, String password, String host, int port, Path socket,
            String database, TlsSettings tls) {
        this.engine = engine;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.database = database;
        this.tls = tls;
    }

    /** Decides the local defaults and reads the password now. */
    static ResolvedDsn of(Dsn dsn, LocalEnvironment local) throws DsnResolutionException {
        Objects.requireNonNull(dsn, "dsn");
        Objects.requireNonNull(local, "local");
        String user = LocalDefaults.user(dsn, local);
        String password = dsn.password().isPresent() ? dsn.password().get().resolve(local) : null;
        return new ResolvedDsn(dsn.engine(), user, password, dsn.host(), dsn.port(), LocalDefaults.socket(dsn, local),
                LocalDefaults.database(dsn, user), dsn.tls());
    }

    Engine engine() {
        return engine;
    }

    String user() {
        return user;
    }

    /** The password to log in with; null when the DSN gives none. */
    String password() {
        return password;
    }

    /** Host name or IP address; null when connecting through a unix socket. */
    String host() {
        return host;
    }

    /** TCP port; for PostgreSQL unix sockets it also names the socket file. */
    int port() {
        return port;
    }

    /** The unix socket file, when not connecting over TCP. */
    Optional<Path> socket() {
        return Optional.ofNullable(socket);
    }

    /** Database to connect to; null for MySQL without one. */
    String database() {
        return database;
    }

    TlsSettings tls() {
        return tls;
    }

    @Override
    public String toString() {
        return "ResolvedDsn[" + engine.id() + " " + user + (password == null ? "" : ":" + Secrets.MASK) + "@"
                + (socket != null ? socket : host + ":" + port) + "/" + (database == null ? "" : database) + "]";
    }
}
