package io.dbwarden.target;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a target lives and how to log in, parsed from a URL-style DSN such as
 * {@code postgresql://user:pass@host:5432/db?sslmode=verify-full} or
 * {@code mysql://root@localhost/?socket=/run/mysqld/mysqld.sock}.
 *
 * <p>Defaults follow the standard clients: the user is the operating-system user, a PostgreSQL database defaults
 * to the user name, and with no host at all the server's default unix socket is used (libpq: the first existing of
 * /var/run/postgresql and /tmp; mysql: /run/mysqld/mysqld.sock and the like). Unlike the mysql client, host
 * {@code localhost} means TCP unless {@code socket=} is given. Only the parameters dbwarden understands are
 * accepted, so that a typo such as {@code sslmod=} cannot silently drop TLS.
 *
 * <p>Immutable. The password (inline, or resolved from {@code password=env:NAME} / {@code password=file:PATH}
 * when parsing) is kept for {@link TargetConnector} only: {@link #toString()} and {@link #redacted()} never show it.
 */
public final class Dsn {

    private static final Pattern LABEL_UNSAFE = Pattern.compile("[^A-Za-z0-9_.:\\-]");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final Engine engine;
    private final String scheme;
    private final String user;
    private final boolean userExplicit;
    private final boolean inlinePassword;
    private final String password;
    private final String authorityHost;
    private final Integer authorityPort;
    private final String host;
    private final int port;
    private final Path socket;
    private final String database;
    private final boolean databaseInPath;
    private final Map<String, String> params;
    private final TlsSettings tls;

    Dsn(Engine engine, String scheme, String user, boolean userExplicit, boolean inlinePassword, String password,
            String authorityHost, Integer authorityPort, String host, int port, Path socket, String database,
            boolean databaseInPath, Map<String, String> params, TlsSettings tls) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.user = Objects.requireNonNull(user, "user");
        this.userExplicit = userExplicit;
        this.inlinePassword = inlinePassword;
        this.password = password;
        this.authorityHost = Objects.requireNonNull(authorityHost, "authorityHost");
        this.authorityPort = authorityPort;
        if ((host == null) == (socket == null)) {
            throw new IllegalArgumentException("exactly one of host and socket must be set");
        }
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.database = database;
        this.databaseInPath = databaseInPath;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    /** Parses a DSN, resolving a password reference from the process environment or a file. */
    public static Dsn parse(String text) throws DsnException {
        return parse(text, System::getenv);
    }

    /** Parses a DSN, resolving {@code password=env:NAME} through {@code env} (tests inject their own). */
    static Dsn parse(String text, Function<String, String> env) throws DsnException {
        return new DsnParser(text, env).parse();
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

    /** Database to connect to; null for a MySQL DSN without one. */
    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The unix socket file to connect to, when not connecting over TCP. */
    public Optional<Path> socket() {
        return Optional.ofNullable(socket);
    }

    public TlsSettings tls() {
        return tls;
    }

    /** Whether a password was given, inline or by reference. */
    public boolean hasPassword() {
        return password != null;
    }

    /** The resolved password, for the connector only. */
    String password() {
        return password;
    }

    /** Loopback host or unix socket. No name resolution happens here. */
    public boolean isLocal() {
        if (socket != null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("ip6-localhost")
                || IPV4_LOOPBACK.matcher(h).matches() || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /** A readable, label-safe name: "host:port", "localhost:5432" for a PostgreSQL socket, "localhost" for MySQL's default socket. */
    public String defaultName() {
        String name;
        if (socket == null) {
            name = host + ":" + port;
        } else if (engine == Engine.POSTGRESQL) {
            name = "localhost:" + port;
        } else if (DsnParser.MYSQL_DEFAULT_SOCKETS.contains(socket)) {
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
        return new Dsn(engine, scheme, user, userExplicit, inlinePassword, password, authorityHost, authorityPort,
                host, port, socket, db, true, rest, tls);
    }

    /** The DSN with an inline password replaced by "***"; password references such as env:NAME stay visible. */
    public String redacted() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (userExplicit || inlinePassword) {
            if (userExplicit) {
                out.append(DsnParser.encode(user, ""));
            }
            if (inlinePassword) {
                out.append(":***");
            }
            out.append('@');
        }
        if (authorityHost.indexOf(':') >= 0) {
            out.append('[').append(authorityHost).append(']');
        } else {
            out.append(DsnParser.encode(authorityHost, "."));
        }
        if (authorityPort != null) {
            out.append(':').append(authorityPort);
        }
        out.append('/');
        if (databaseInPath) {
            out.append(DsnParser.encode(database, ""));
        }
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            out.append(separator).append(DsnParser.encode(param.getKey(), "-"))
                    .append('=').append(DsnParser.encode(param.getValue(), "/:.-,"));
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
                && user.equals(that.user)
                && Objects.equals(database, that.database)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(redacted(), user, database);
    }
}
