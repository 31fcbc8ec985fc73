package io.dbwarden.target;

import java.nio.file.Path;
import java.util.List;

/**
 * The defaults the standard clients take from the machine they run on, decided when a session is opened (not when
 * the DSN is parsed, so a parsed DSN says only what its author wrote): the operating-system user when no user is
 * given, a PostgreSQL database named after the user, and the server's default unix socket when no host is given
 * (libpq: the first existing of /var/run/postgresql and /tmp; mysql: /run/mysqld/mysqld.sock and the like).
 */
final class LocalDefaults {

    /** Where libpq looks when no host is given: Debian's compiled-in directory first, then upstream's. */
    static final List<Path> POSTGRESQL_SOCKET_DIRS = List.of(Path.of("/var/run/postgresql"), Path.of("/tmp"));
    /** Where the mysql client looks when no host is given, most common first. */
    static final List<Path> MYSQL_SOCKETS = List.of(
            Path.of("/run/mysqld/mysqld.sock"), Path.of("/var/run/mysqld/mysqld.sock"), Path.of("/tmp/mysql.sock"));

    private LocalDefaults() {
    }

    /** The DSN's user, or the operating-system user. */
    static String user(Dsn dsn, LocalEnvironment local) throws DsnResolutionException {
        if (dsn.user() != null) {
            return dsn.user();
        }
        String osUser = local.osUser().get();
        if (osUser == null || osUser.isEmpty()) {
            throw DsnResolutionException.localDefault("no user given and the operating system user is unknown");
        }
        return osUser;
    }

    /** The DSN's database; for PostgreSQL without one, the user's name (as libpq does); null for MySQL without one. */
    static String database(Dsn dsn, String user) {
        if (dsn.database() != null || dsn.engine() != Engine.POSTGRESQL) {
            return dsn.database();
        }
        return user;
    }

    /** The socket file to connect to: the DSN's, or the default one when it gives no host; null over TCP. */
    static Path socket(Dsn dsn, LocalEnvironment local) {
        if (dsn.host() != null) {
            return null;
        }
        if (dsn.socket().isPresent()) {
            return dsn.socket().get();
        }
        return switch (dsn.engine()) {
            case POSTGRESQL -> postgresqlSocket(firstExisting(POSTGRESQL_SOCKET_DIRS, local), dsn.port());
            case MYSQL -> firstExisting(MYSQL_SOCKETS, local);
            case MONGODB -> throw new IllegalArgumentException("MongoDB targets have no default unix socket");
        };
    }

    /** libpq names the socket file in its directory after the port. */
    static Path postgresqlSocket(Path directory, int port) {
        return directory.resolve(".s.PGSQL." + port);
    }

    /** The first candidate that exists, else the first one (so that the error names where the client looked first). */
    private static Path firstExisting(List<Path> candidates, LocalEnvironment local) {
        return candidates.stream().filter(local.exists()).findFirst().orElse(candidates.get(0));
    }
}
