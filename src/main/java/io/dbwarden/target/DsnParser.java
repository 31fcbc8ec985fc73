package io.dbwarden.target;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses DSN text into a {@link Dsn} that holds what the text says and nothing more: no environment variable or
 * file is read and no local default is decided here (see {@link Secret} and {@link LocalDefaults}).
 *
 * <p>Messages quote the input only through {@link DsnText}, which never shows the password.
 */
final class DsnParser {

    static final int POSTGRESQL_PORT = 5432;
    static final int MYSQL_PORT = 3306;

    private static final String EXPECTED_SCHEMES = "postgresql, postgres, mysql or mariadb";
    private static final List<String> POSTGRESQL_PARAMS =
            List.of("host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "sslcert", "sslkey");
    private static final List<String> MYSQL_PARAMS =
            List.of("socket", "password", "ssl-mode", "ssl-ca", "ssl-cert", "ssl-key");

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.\\-]*)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.\\-]+)?");
    /** The most digits a port can have before it is surely out of range (and would overflow an int). */
    private static final int MAX_PORT_DIGITS = 5;

    private final DsnText text;

    private DsnParser(String text) {
        this.text = new DsnText(text);
    }

    static Dsn parse(String text) throws DsnException {
        return new DsnParser(text).parse();
    }

    /** The user info before the '@': both null when absent; the user is null when empty. */
    private record UserInfo(String user, String inlinePassword) {
        @Override
        public String toString() {
            return "UserInfo[user=" + user + ", inlinePassword=" + (inlinePassword == null ? "none" : Secrets.MASK) + "]";
        }
    }

    /** The host as written ("" when none) and the port after it (null when none). */
    private record Address(String host, Integer port) {
    }

    private Dsn parse() throws DsnException {
        if (text.isEmpty()) {
            throw new DsnException("DSN is empty");
        }
        int schemeEnd = text.indexOf("://");
        if (text.startsWithIgnoringCase("jdbc:")) {
            throw new DsnException("JDBC URLs are not accepted: drop the 'jdbc:' prefix (e.g. postgresql://host/db)");
        }
        if (schemeEnd < 0) {
            throw new DsnException("missing '://' after the scheme (expected e.g. postgresql://user@host:5432/db)");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Engine engine = engine(scheme, schemeEnd);
        String kind = scheme.equals("postgres") ? "postgresql" : scheme;
        if (text.indexOf('#') >= 0) {
            throw new DsnException("'#' is not allowed in a DSN; percent-encode it as %23");
        }

        int authorityStart = schemeEnd + 3;
        int authorityEnd = text.indexOfAny("/?", authorityStart);
        int pathEnd = text.indexOf('?', authorityEnd);
        if (pathEnd < 0) {
            pathEnd = text.length();
        }
        int at = text.lastIndexOf('@', authorityEnd - 1);
        UserInfo userInfo = at >= authorityStart ? userInfo(authorityStart, at) : new UserInfo(null, null);
        int hostStart = at >= authorityStart ? at + 1 : authorityStart;
        int strayAt = text.indexOf('@', authorityEnd);
        int firstEquals = text.indexOf('=', authorityEnd);
        if (strayAt >= 0 && (firstEquals < 0 || strayAt < firstEquals)) {
            throw new DsnException("found '@' after the host: percent-encode reserved characters in the user name "
                    + "and password ('@' as %40, '/' as %2F, '?' as %3F)");
        }
        Address address = address(hostStart, authorityEnd, engine);
        String pathDatabase = pathDatabase(authorityEnd, pathEnd);
        Map<String, String> params = parameters(pathEnd, engine, kind);
        return assemble(engine, scheme, kind, userInfo, address, pathDatabase, params);
    }

    private Engine engine(String scheme, int schemeEnd) throws DsnException {
        return switch (scheme) {
            case "postgresql", "postgres" -> Engine.POSTGRESQL;
            case "mysql", "mariadb" -> Engine.MYSQL;
            case "" -> throw new DsnException("missing scheme before '://' (expected " + EXPECTED_SCHEMES + ")");
            case "mongodb", "mongodb+srv" -> throw new DsnException(
                    "scheme " + text.quote(0, schemeEnd) + " is not supported yet (expected " + EXPECTED_SCHEMES + ")");
            default -> throw new DsnException(
                    "unknown scheme " + text.quote(0, schemeEnd) + " (expected " + EXPECTED_SCHEMES + ")");
        };
    }

    private UserInfo userInfo(int start, int at) throws DsnException {
        int colon = text.indexOf(':', start);
        String user;
        String inlinePassword = null;
        if (colon >= 0 && colon < at) {
            user = text.decode(start, colon, "the user name");
            inlinePassword = text.decodeSecret(colon + 1, at);
        } else {
            user = text.decode(start, at, "the user name");
        }
        return new UserInfo(user.isEmpty() ? null : user, inlinePassword);
    }

    private Address address(int hostStart, int authorityEnd, Engine engine) throws DsnException {
        String host;
        int portStart = -1;
        if (hostStart < authorityEnd && text.charAt(hostStart) == '[') {
            int close = text.indexOf(']', hostStart);
            if (close < 0 || close >= authorityEnd) {
                throw new DsnException("IPv6 address " + text.quote(hostStart, authorityEnd) + " is missing its closing ']'");
            }
            host = text.substring(hostStart + 1, close);
            if (!IPV6.matcher(host).matches()) {
                throw new DsnException("IPv6 address " + text.quote(hostStart, close + 1) + " is not valid");
            }
            if (close + 1 < authorityEnd) {
                if (text.charAt(close + 1) != ':') {
                    throw new DsnException("unexpected text " + text.quote(close + 1, authorityEnd)
                            + " after the IPv6 address");
                }
                portStart = close + 2;
            }
        } else {
            if (text.indexOf(',', hostStart, authorityEnd) >= 0) {
                throw new DsnException("multiple hosts " + text.quote(hostStart, authorityEnd) + " are not supported; "
                        + "define one target per server");
            }
            int colon = text.indexOf(':', hostStart, authorityEnd);
            if (colon >= 0 && text.indexOf(':', colon + 1, authorityEnd) >= 0) {
                throw new DsnException("IPv6 addresses must be written in brackets, e.g. postgresql://[::1]:5432/db");
            }
            int hostEnd = colon >= 0 ? colon : authorityEnd;
            host = text.decode(hostStart, hostEnd, "the host");
            if (colon >= 0) {
                portStart = colon + 1;
            }
            boolean socketDir = engine == Engine.POSTGRESQL && host.startsWith("/");
            if (!host.isEmpty() && !socketDir && !HOST_NAME.matcher(host).matches()) {
                throw new DsnException("host " + text.quote(hostStart, hostEnd) + " contains characters that are not "
                        + "allowed in a host name");
            }
        }
        return new Address(host, portStart >= 0 ? port(portStart, authorityEnd) : null);
    }

    private String pathDatabase(int authorityEnd, int pathEnd) throws DsnException {
        if (authorityEnd >= pathEnd || text.charAt(authorityEnd) != '/') {
            return null;
        }
        String db = text.decode(authorityEnd + 1, pathEnd, "the database name");
        if (db.indexOf('/') >= 0) {
            throw new DsnException("database name " + text.quote(authorityEnd + 1, pathEnd) + " must not contain '/'");
        }
        return db.isEmpty() ? null : db;
    }

    private Map<String, String> parameters(int questionMark, Engine engine, String kind) throws DsnException {
        Map<String, String> params = new LinkedHashMap<>();
        if (questionMark >= text.length()) {
            return params;
        }
        List<String> supported = engine == Engine.POSTGRESQL ? POSTGRESQL_PARAMS : MYSQL_PARAMS;
        int start = questionMark + 1;
        while (start <= text.length()) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                int eq = text.indexOf('=', start, end);
                if (eq < 0) {
                    throw new DsnException("parameter " + text.quote(start, end) + " has no value (expected name=value)");
                }
                String key = text.decode(start, eq, "a parameter name");
                if (key.isEmpty()) {
                    throw new DsnException("a parameter has an empty name");
                }
                if (!supported.contains(key)) {
                    String suggestion = ParameterSuggestions.closest(key, supported);
                    throw new DsnException("unsupported parameter " + text.quote(start, eq) + " for " + kind
                            + (suggestion != null
                                    ? " (did you mean " + suggestion + "?)"
                                    : " (supported: " + String.join(", ", supported) + ")"));
                }
                String value = key.equals("password") ? text.decodeSecret(eq + 1, end) : text.decode(eq + 1, end, key);
                if (params.putIfAbsent(key, value) != null) {
                    throw new DsnException("parameter '" + key + "' is given more than once");
                }
            }
            start = end + 1;
        }
        return params;
    }

    /** Merges what the authority and path say with the parameters, refusing anything given twice. */
    private Dsn assemble(Engine engine, String scheme, String kind, UserInfo userInfo, Address address,
            String pathDatabase, Map<String, String> params) throws DsnException {
        boolean postgres = engine == Engine.POSTGRESQL;

        String user = userInfo.user();
        if (params.containsKey("user")) {
            if (user != null) {
                throw new DsnException("the user is given twice (before the '@' and as ?user=)");
            }
            user = requireValue(params, "user");
        }

        String database = pathDatabase;
        if (params.containsKey("dbname")) {
            if (database != null) {
                throw new DsnException("the database is given twice (in the path and as ?dbname=)");
            }
            database = requireValue(params, "dbname");
        }

        int port = postgres ? POSTGRESQL_PORT : MYSQL_PORT;
        if (address.port() != null) {
            port = address.port();
        }
        if (params.containsKey("port")) {
            if (address.port() != null) {
                throw new DsnException("the port is given twice (after the host and as ?port=)");
            }
            port = portValue(params.get("port"));
        }

        // a null host and socket means the default unix socket, which is chosen at connect time
        String host = address.host().isEmpty() ? null : address.host();
        Path socket = null;
        if (postgres) {
            if (params.containsKey("host")) {
                if (host != null) {
                    throw new DsnException("the host is given twice (after the '@' and as ?host=)");
                }
                host = requireValue(params, "host");
                if (!host.startsWith("/") && !HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
                    throw new DsnException("host parameter must be a host name or an absolute socket directory");
                }
            }
            if (host != null && host.startsWith("/")) {
                socket = LocalDefaults.postgresqlSocket(toPath(host, "socket directory"), port);
                host = null;
            }
        } else if (params.containsKey("socket")) {
            String value = requireValue(params, "socket");
            if (!value.startsWith("/")) {
                throw new DsnException("socket must be an absolute path");
            }
            if (host != null && !host.equalsIgnoreCase("localhost")) {
                throw new DsnException("socket= can only be used with host localhost or no host, not "
                        + text.quoteValue(host));
            }
            socket = toPath(value, "socket");
            host = null;
        }

        TlsSettings tls = TlsParameters.read(params, engine, kind, text);
        Secret password = password(params, userInfo.inlinePassword());
        return new Dsn(engine, scheme, user, userInfo.user() != null, password, address.host(), address.port(),
                host, port, socket, database, pathDatabase != null, params, tls);
    }

    private static Secret password(Map<String, String> params, String inline) throws DsnException {
        String reference = params.get("password");
        if (reference == null) {
            return inline == null ? null : new Secret.Inline(inline);
        }
        if (inline != null) {
            throw new DsnException("the password is given twice (before the '@' and as ?password=)");
        }
        return Secret.reference(reference);
    }

    private int port(int start, int end) throws DsnException {
        if (start >= end) {
            throw new DsnException("port is empty after ':'");
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new DsnException("port " + text.quote(start, end) + " is not a number");
            }
        }
        return checkPortRange(text.substring(start, end), text.quote(start, end));
    }

    private int portValue(String value) throws DsnException {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DsnException("port " + text.quoteValue(value) + " is not a number");
        }
        return checkPortRange(value, text.quoteValue(value));
    }

    private static int checkPortRange(String digits, String quoted) throws DsnException {
        int port = digits.length() > MAX_PORT_DIGITS ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new DsnException("port " + quoted + " is out of range (1-65535)");
        }
        return port;
    }

    static String requireValue(Map<String, String> params, String key) throws DsnException {
        String value = params.get(key);
        if (value.isEmpty()) {
            throw new DsnException("parameter '" + key + "' is empty");
        }
        return value;
    }

    static Path toPath(String value, String what) throws DsnException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new DsnException(what + " '" + value + "' is not a valid path");
        }
    }
}
