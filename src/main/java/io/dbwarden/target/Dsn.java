package io.dbwarden.target;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a target lives and how to log in, parsed from a URL-style DSN such as
 * {@code postgresql://user:pass@host:5432/db?sslmode=verify-full} or
 * {@code mysql://root@localhost/?socket=/run/mysqld/mysqld.sock}.
 *
 * <p>A pure value of what its author wrote: a password reference ({@code password=env:NAME},
 * {@code password=file:PATH}) stays a reference, and the defaults the standard clients take from the machine (the
 * operating-system user, a PostgreSQL database named after the user, the server's default unix socket when no host
 * is given) are left open; both are decided each time a session is opened ({@link Secret}, {@link LocalDefaults}).
 * Unlike the mysql client, host {@code localhost} means TCP unless {@code socket=} is given. Only the parameters
 * dbwarden understands are accepted, so that a typo such as {@code sslmod=} cannot silently drop TLS.
 *
 * <p>Immutable. {@link #toString()} and {@link #redacted()} never show an inline password.
 */
public final class Dsn {

    private static final Pattern LABEL_UNSAFE = Pattern.compile("[^A-Za-z0-9_.:\\-]");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final Engine engine;
    private final String scheme;
    private final String user;
    private final boolean userInAuthority;
    private final Secret password;
    private final String authorityHost;
    private final Integer authorityPort;
    private final String host;
    private final int port;
    private final Path socket;
    private final String database;
    private final boolean databaseInPath;
    private final Map<String, String> params;
    private final TlsSettings tls;

    Dsn(Engine engine, String scheme, String user, boolean userInAuthority, Secret password, String authorityHost,
            Integer authorityPort, String host, int port, Path socket, String database, boolean databaseInPath,
            Map<String, String> params, TlsSettings tls) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.user = user;
        this.userInAuthority = userInAuthority;
        this.password = password;
        this.authorityHost = Objects.requireNonNull(authorityHost, "authorityHost");
        this.authorityPort = authorityPort;
        if (host != null && socket != null) {
            throw new IllegalArgumentException("a host and a socket cannot both be set");
        }
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.database = database;
        this.databaseInPath = databaseInPath;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    /** Parses a DSN. Reads nothing from the environment or the file system. */
    public static Dsn parse(String text) throws DsnException {
        return DsnParser.parse(text);
    }

    public Engine engine() {
        return engine;
    }

    /** The scheme as written, lower-cased: postgresql, postgres, mysql or mariadb. */
    public String scheme() {
        return scheme;
    }

    /** Host name or IP address; null when connecting through a unix socket. */
    public String host() {
        return host;
    }

    /** TCP port; for PostgreSQL unix sockets it also names the socket file. */
    public int port() {
        return port;
    }

    /** The database the DSN names; null when it names none (PostgreSQL then uses the user's name). */
    public String database() {
        return database;
    }

    /** The user the DSN names; null when it names none (the operating-system user is used). */
    public String user() {
        return user;
    }

    /**
     * The unix socket file the DSN names. Empty over TCP, and also when the DSN gives no host at all: the server's
     * default socket is then chosen when connecting.
     */
    public Optional<Path> socket() {
        return Optional.ofNullable(socket);
    }

    /** Whether sessions go through a unix socket, named in the DSN or the default one. */
    public boolean overUnixSocket() {
        return host == null;
    }

    public TlsSettings tls() {
        return tls;
    }

    /** Whether a password was given, inline or by reference. */
    public boolean hasPassword() {
        return password != null;
    }

    /** The password as given, for the connector only: inline, or a reference read when connecting. */
    Optional<Secret> password() {
        return Optional.ofNullable(password);
    }

    /** Loopback host or unix socket. No name resolution happens here. */
    public boolean isLocal() {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("ip6-localhost")
                || IPV4_LOOPBACK.matcher(h).matches() || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /** A readable, label-safe name: "host:port", "localhost:5432" for a PostgreSQL socket, "localhost" for MySQL's default socket. */
    public String defaultName() {
        String name;
        if (host != null) {
            name = host + ":" + port;
        } else if (engine == Engine.POSTGRESQL) {
            name = "localhost:" + port;
        } else if (socket == null || LocalDefaults.MYSQL_SOCKETS.contains(socket)) {
            name = "localhost";
        } else {
            String file = socket.getFileName().toString();
            name = "localhost:" + (file.endsWith(".sock") ? file.substring(0, file.length() - 5) : file);
        }
        return LABEL_UNSAFE.matcher(name).replaceAll("_");
    }

    /** The same server and credentials with another database. */
    public Dsn withDatabase(String db) {
        Objects.requireNonNull(db, "db");
        if (db.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        Map<String, String> rest = new LinkedHashMap<>(params);
        rest.remove("dbname");
        return new Dsn(engine, scheme, user, userInAuthority, password, authorityHost, authorityPort, host, port,
                socket, db, true, rest, tls);
    }

    /** The DSN as written with an inline password replaced by "***"; password references such as env:NAME stay visible. */
    public String redacted() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        boolean inlinePassword = password instanceof Secret.Inline;
        if (userInAuthority || inlinePassword) {
            if (userInAuthority) {
                out.append(PercentCoding.encode(user, ""));
            }
            if (inlinePassword) {
                out.append(':').append(Secrets.MASK);
            }
            out.append('@');
        }
        if (authorityHost.indexOf(':') >= 0) {
            out.append('[').append(authorityHost).append(']');
        } else {
            out.append(PercentCoding.encode(authorityHost, "."));
        }
        if (authorityPort != null) {
            out.append(':').append(authorityPort);
        }
        out.append('/');
        if (databaseInPath) {
            out.append(PercentCoding.encode(database, ""));
        }
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            out.append(separator).append(PercentCoding.encode(param.getKey(), "-"))
                    .append('=').append(PercentCoding.encode(param.getValue(), "/:.-,"));
            separator = '&';
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dsn that
                && redacted().equals(that.redacted())
                && Objects.equals(user, that.user)
                && Objects.equals(database, that.database)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(redacted(), user, database);
    }
}
