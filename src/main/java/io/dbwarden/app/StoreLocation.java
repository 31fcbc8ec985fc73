package io.dbwarden.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the service keeps its state: {@code h2} (the embedded default, a file {@code dbwarden.mv.db} under the data
 * directory), {@code h2:PATH} (an H2 file elsewhere; relative paths are under the data directory), or
 * {@code postgresql://USER@HOST:PORT/DATABASE?password=env:NAME} with the password by reference only.
 */
public sealed interface StoreLocation {

    /** The H2 file's base name under the data directory; H2 adds {@code .mv.db}. */
    String H2_DEFAULT_FILE = "dbwarden";

    /** @param file the database file without H2's {@code .mv.db} suffix, absolute */
    record H2File(Path file) implements StoreLocation {
        public H2File {
            Objects.requireNonNull(file, "file");
            file = file.toAbsolutePath().normalize();
            // The path becomes part of an H2 URL, where ';' starts settings (INIT=… runs SQL): never let it through.
            if (file.toString().contains(";")) {
                throw new IllegalArgumentException("the H2 store path must not contain ';': " + file);
            }
        }

        @Override
        public String toString() {
            return "h2:" + file;
        }
    }

    /** @param tls libpq-style TLS parameters passed to the driver: sslmode, sslrootcert, sslcert, sslkey */
    record Postgres(String host, int port, String database, String user, Optional<SecretRef> password,
            Map<String, String> tls) implements StoreLocation {

        static final int DEFAULT_PORT = 5432;
        /** The database name becomes part of a JDBC URL, where '?' or '&' would smuggle in driver settings. */
        static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.$\\-]{1,63}");
        static final List<String> TLS_PARAMS = List.of("sslmode", "sslrootcert", "sslcert", "sslkey");

        public Postgres {
            if (host == null || host.isBlank() || user == null || user.isBlank() || database == null || database.isBlank()) {
                throw new IllegalArgumentException("a PostgreSQL store needs a host, a user and a database");
            }
            if (!DATABASE.matcher(database).matches()) {
                throw new IllegalArgumentException("store database name '" + database
                        + "' must be 1 to 63 letters, digits, '_', '.', '$' or '-'");
            }
            Objects.requireNonNull(password, "password");
            tls = Collections.unmodifiableMap(new LinkedHashMap<>(tls));
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("postgresql://").append(user).append('@')
                    .append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port).append('/')
                    .append(database);
            char separator = '?';
            if (password.isPresent()) {
                out.append(separator).append("password=").append(password.get());
                separator = '&';
            }
            for (Map.Entry<String, String> e : tls.entrySet()) {
                out.append(separator).append(e.getKey()).append('=').append(e.getValue());
                separator = '&';
            }
            return out.toString();
        }
    }

    /** The default: an H2 file under the data directory. */
    static StoreLocation h2Under(Path dataDir) {
        return new H2File(dataDir.resolve(H2_DEFAULT_FILE));
    }

    static StoreLocation parse(String text, Path dataDir) {
        String t = text == null ? "" : text.strip();
        if (t.equals("h2") || t.equals("h2:")) {
            return h2Under(dataDir);
        }
        if (t.startsWith("h2:")) {
            String file = t.substring(3);
            if (file.endsWith(".mv.db")) {
                file = file.substring(0, file.length() - ".mv.db".length());
            }
            return new H2File(dataDir.resolve(file));
        }
        if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
            return postgres(t);
        }
        throw new IllegalArgumentException("store must be 'h2', 'h2:PATH' or a URL such as "
                + "postgresql://dbwarden@db:5432/dbwarden?password=env:DBWARDEN_STORE_PASSWORD");
    }

    private static Postgres postgres(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the store URL is not a valid URL (" + e.getReason() + ")");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("the store URL holds a password inline; give it by reference instead: "
                    + "?password=env:NAME or ?password=file:PATH");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the store URL needs a host, e.g. postgresql://dbwarden@db:5432/dbwarden");
        }
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("the store URL needs a user, e.g. postgresql://dbwarden@db:5432/dbwarden");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("the store URL needs one database name, e.g. postgresql://dbwarden@db:5432/dbwarden");
        }
        Optional<SecretRef> password = Optional.empty();
        Map<String, String> tls = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("password")) {
                    password = Optional.of(SecretRef.parse(value));
                } else if (Postgres.TLS_PARAMS.contains(key)) {
                    tls.put(key, value);
                } else {
                    throw new IllegalArgumentException("the store URL has an unknown parameter '" + key
                            + "' (expected password, " + String.join(", ", Postgres.TLS_PARAMS) + ")");
                }
            }
        }
        return new Postgres(uri.getHost().replace("[", "").replace("]", ""),
                uri.getPort() < 0 ? Postgres.DEFAULT_PORT : uri.getPort(), database,
                URLDecoder.decode(userInfo, StandardCharsets.UTF_8), password, tls);
    }
}
