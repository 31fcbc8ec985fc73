package io.dbwarden.target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses DSN text into a {@link Dsn}.
 *
 * <p>Error messages quote pieces of the input. Because a password with unencoded reserved characters can
 * make any piece of the input look like a port, a database or a parameter, every quoted piece is checked
 * against the span of the text that could hold an inline password and shown as '***' when they overlap.
 */
final class DsnParser {

    static final int POSTGRESQL_PORT = 5432;
    static final int MYSQL_PORT = 3306;

    /** Where libpq looks when no host is given: Debian's compiled-in directory first, then upstream's. */
    static final List<Path> POSTGRESQL_DEFAULT_SOCKET_DIRS = List.of(Path.of("/var/run/postgresql"), Path.of("/tmp"));
    /** Where the mysql client looks when no host is given, most common first. */
    static final List<Path> MYSQL_DEFAULT_SOCKETS = List.of(
            Path.of("/run/mysqld/mysqld.sock"), Path.of("/var/run/mysqld/mysqld.sock"), Path.of("/tmp/mysql.sock"));

    private static final String EXPECTED_SCHEMES = "postgresql, postgres, mysql or mariadb";
    private static final List<String> POSTGRESQL_PARAMS =
            List.of("host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "sslcert", "sslkey");
    private static final List<String> MYSQL_PARAMS =
            List.of("socket", "password", "ssl-mode", "ssl-ca", "ssl-cert", "ssl-key");
    private static final Map<String, TlsMode> POSTGRESQL_SSLMODES = Map.of(
            "disable", TlsMode.DISABLED, "allow", TlsMode.ALLOW, "prefer", TlsMode.PREFERRED,
            "require", TlsMode.REQUIRED, "verify-ca", TlsMode.VERIFY_CA, "verify-full", TlsMode.VERIFY_FULL);
    private static final Map<String, TlsMode> MYSQL_SSLMODES = Map.of(
            "DISABLED", TlsMode.DISABLED, "PREFERRED", TlsMode.PREFERRED, "REQUIRED", TlsMode.REQUIRED,
            "VERIFY_CA", TlsMode.VERIFY_CA, "VERIFY_IDENTITY", TlsMode.VERIFY_FULL);

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.\\-]*)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.\\-]+)?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_QUOTED = 80;

    private final String text;
    private final Function<String, String> env;
    private final int secretStart;
    private final int secretEnd;

    DsnParser(String text, Function<String, String> env) {
        this.text = text == null ? "" : text.strip();
        this.env = env;
        int start = this.text.indexOf("://");
        int at = this.text.lastIndexOf('@');
        int colon = start < 0 ? -1 : this.text.indexOf(':', start + 3);
        if (start >= 0 && colon >= 0 && colon < at) {
            secretStart = colon + 1;
            secretEnd = at;
        } else {
            secretStart = -1;
            secretEnd = -1;
        }
    }

    Dsn parse() throws DsnException {
        if (text.isEmpty()) {
            throw new DsnException("DSN is empty");
        }
        int schemeEnd = text.indexOf("://");
        if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new DsnException("JDBC URLs are not accepted: drop the 'jdbc:' prefix (e.g. postgresql://host/db)");
        }
        if (schemeEnd < 0) {
            throw new DsnException("missing '://' after the scheme (expected e.g. postgresql://user@host:5432/db)");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Engine engine = switch (scheme) {
            case "postgresql", "postgres" -> Engine.POSTGRESQL;
            case "mysql", "mariadb" -> Engine.MYSQL;
            case "" -> throw new DsnException("missing scheme before '://' (expected " + EXPECTED_SCHEMES + ")");
            case "mongodb", "mongodb+srv" -> throw new DsnException(
                    "scheme " + quote(0, schemeEnd) + " is not supported yet (expected " + EXPECTED_SCHEMES + ")");
            default -> throw new DsnException(
                    "unknown scheme " + quote(0, schemeEnd) + " (expected " + EXPECTED_SCHEMES + ")");
        };
        String kind = scheme.equals("postgres") ? "postgresql" : scheme;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            throw new DsnException("'#' is not allowed in a DSN; percent-encode it as %23");
        }

        int authorityStart = schemeEnd + 3;
        int authorityEnd = indexOfAny(text, "/?", authorityStart);
        int pathEnd = text.indexOf('?', authorityEnd);
        if (pathEnd < 0) {
            pathEnd = text.length();
        }

        // user info
        int at = text.lastIndexOf('@', authorityEnd - 1);
        String user = null;
        String inlinePassword = null;
        int hostStart = authorityStart;
        if (at >= authorityStart) {
            int colon = text.indexOf(':', authorityStart);
            if (colon >= 0 && colon < at) {
                user = decode(authorityStart, colon, "the user name");
                inlinePassword = decodeSecret(colon + 1, at);
            } else {
                user = decode(authorityStart, at, "the user name");
            }
            if (user.isEmpty()) {
                user = null;
            }
            hostStart = at + 1;
        }
        int strayAt = text.indexOf('@', authorityEnd);
        int firstEquals = text.indexOf('=', authorityEnd);
        if (strayAt >= 0 && (firstEquals < 0 || strayAt < firstEquals)) {
            throw new DsnException("found '@' after the host: percent-encode reserved characters in the user name "
                    + "and password ('@' as %40, '/' as %2F, '?' as %3F)");
        }

        // host and port
        String authorityHost;
        Integer authorityPort = null;
        int portStart = -1;
        if (hostStart < authorityEnd && text.charAt(hostStart) == '[') {
            int close = text.indexOf(']', hostStart);
            if (close < 0 || close >= authorityEnd) {
                throw new DsnException("IPv6 address " + quote(hostStart, authorityEnd) + " is missing its closing ']'");
            }
            authorityHost = text.substring(hostStart + 1, close);
            if (!IPV6.matcher(authorityHost).matches()) {
                throw new DsnException("IPv6 address " + quote(hostStart, close + 1) + " is not valid");
            }
            if (close + 1 < authorityEnd) {
                if (text.charAt(close + 1) != ':') {
                    throw new DsnException("unexpected text " + quote(close + 1, authorityEnd) + " after the IPv6 address");
                }
                portStart = close + 2;
            }
        } else {
            if (indexOf(',', hostStart, authorityEnd) >= 0) {
                throw new DsnException("multiple hosts " + quote(hostStart, authorityEnd) + " are not supported; "
                        + "define one target per server");
            }
            int colon = indexOf(':', hostStart, authorityEnd);
            if (colon >= 0 && indexOf(':', colon + 1, authorityEnd) >= 0) {
                throw new DsnException("IPv6 addresses must be written in brackets, e.g. postgresql://[::1]:5432/db");
            }
            int hostEnd = colon >= 0 ? colon : authorityEnd;
            authorityHost = decode(hostStart, hostEnd, "the host");
            if (colon >= 0) {
                portStart = colon + 1;
            }
            boolean socketDir = engine == Engine.POSTGRESQL && authorityHost.startsWith("/");
            if (!authorityHost.isEmpty() && !socketDir && !HOST_NAME.matcher(authorityHost).matches()) {
                throw new DsnException("host " + quote(hostStart, hostEnd) + " contains characters that are not "
                        + "allowed in a host name");
            }
        }
        if (portStart >= 0) {
            authorityPort = parsePort(portStart, authorityEnd);
        }

        // database
        String pathDatabase = null;
        if (authorityEnd < pathEnd && text.charAt(authorityEnd) == '/') {
            String db = decode(authorityEnd + 1, pathEnd, "the database name");
            if (db.indexOf('/') >= 0) {
                throw new DsnException("database name " + quote(authorityEnd + 1, pathEnd) + " must not contain '/'");
            }
            pathDatabase = db.isEmpty() ? null : db;
        }

        Map<String, String> params = parseQuery(pathEnd, engine, kind);
        return assemble(engine, scheme, kind, user, inlinePassword, authorityHost, authorityPort, pathDatabase, params);
    }

    private Dsn assemble(Engine engine, String scheme, String kind, String authorityUser, String inlinePassword,
            String authorityHost, Integer authorityPort, String pathDatabase, Map<String, String> params)
            throws DsnException {
        boolean postgres = engine == Engine.POSTGRESQL;

        String user = authorityUser;
        if (params.containsKey("user")) {
            if (user != null) {
                throw new DsnException("the user is given twice (before the '@' and as ?user=)");
            }
            user = requireValue(params, "user");
        }
        boolean userExplicit = user != null;
        if (user == null) {
            user = System.getProperty("user.name", "");
            if (user.isEmpty()) {
                throw new DsnException("no user given and the operating system user is unknown");
            }
        }

        String database = pathDatabase;
        if (params.containsKey("dbname")) {
            if (database != null) {
                throw new DsnException("the database is given twice (in the path and as ?dbname=)");
            }
            database = requireValue(params, "dbname");
        }
        if (database == null && postgres) {
            database = user;
        }

        int port = postgres ? POSTGRESQL_PORT : MYSQL_PORT;
        if (authorityPort != null) {
            port = authorityPort;
        }
        if (params.containsKey("port")) {
            if (authorityPort != null) {
                throw new DsnException("the port is given twice (after the host and as ?port=)");
            }
            port = parsePortValue(params.get("port"));
        }

        String host = authorityHost.isEmpty() ? null : authorityHost;
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
            Path socketDir = null;
            if (host == null) {
                socketDir = firstExisting(POSTGRESQL_DEFAULT_SOCKET_DIRS);
            } else if (host.startsWith("/")) {
                socketDir = toPath(host, "socket directory");
            }
            if (socketDir != null) {
                socket = socketDir.resolve(".s.PGSQL." + port);
                host = null;
            }
        } else if (params.containsKey("socket")) {
            String value = requireValue(params, "socket");
            if (!value.startsWith("/")) {
                throw new DsnException("socket must be an absolute path");
            }
            if (host != null && !host.equalsIgnoreCase("localhost")) {
                throw new DsnException("socket= can only be used with host localhost or no host, not " + quoteValue(host));
            }
            socket = toPath(value, "socket");
            host = null;
        } else if (host == null) {
            socket = firstExisting(MYSQL_DEFAULT_SOCKETS);
        }

        TlsSettings tls = tls(params, kind, postgres);
        Password password = password(params, inlinePassword);
        return new Dsn(engine, scheme, user, userExplicit, password.inline, password.value, authorityHost,
                authorityPort, host, port, socket, database, pathDatabase != null, params, tls);
    }

    private TlsSettings tls(Map<String, String> params, String kind, boolean postgres) throws DsnException {
        String modeKey = postgres ? "sslmode" : "ssl-mode";
        TlsMode mode = TlsMode.PREFERRED;
        boolean explicit = params.containsKey(modeKey);
        if (explicit) {
            String value = params.get(modeKey);
            mode = postgres ? POSTGRESQL_SSLMODES.get(value) : MYSQL_SSLMODES.get(value.toUpperCase(Locale.ROOT));
            if (mode == null) {
                String expected = postgres
                        ? "disable, allow, prefer, require, verify-ca or verify-full"
                        : "DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY";
                throw new DsnException(modeKey + " " + quoteValue(value) + " is not valid for " + kind
                        + " (expected " + expected + ")");
            }
        }
        String caKey = postgres ? "sslrootcert" : "ssl-ca";
        String certKey = postgres ? "sslcert" : "ssl-cert";
        String keyKey = postgres ? "sslkey" : "ssl-key";
        Path ca = params.containsKey(caKey) ? toPath(requireValue(params, caKey), caKey) : null;
        Path cert = params.containsKey(certKey) ? toPath(requireValue(params, certKey), certKey) : null;
        Path key = params.containsKey(keyKey) ? toPath(requireValue(params, keyKey), keyKey) : null;
        if ((cert == null) != (key == null)) {
            throw new DsnException(certKey + " and " + keyKey + " must be given together");
        }
        return new TlsSettings(mode, explicit, ca, cert, key);
    }

    private record Password(String value, boolean inline) {
        @Override
        public String toString() {
            return "Password[inline=" + inline + "]";
        }
    }

    private Password password(Map<String, String> params, String inline) throws DsnException {
        String reference = params.get("password");
        if (reference == null) {
            return new Password(inline, inline != null);
        }
        if (inline != null) {
            throw new DsnException("the password is given twice (before the '@' and as ?password=)");
        }
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            if (!ENV_NAME.matcher(name).matches()) {
                throw new DsnException("password=env:" + name + " does not name a valid environment variable");
            }
            String value = env.apply(name);
            if (value == null) {
                throw new DsnException("environment variable " + name + " (from password=env:" + name + ") is not set");
            }
            if (value.isEmpty()) {
                throw new DsnException("environment variable " + name + " (from password=env:" + name + ") is empty");
            }
            return new Password(value, false);
        }
        if (reference.startsWith("file:")) {
            String location = reference.substring(5);
            if (location.isEmpty()) {
                throw new DsnException("password=file: needs a path, e.g. password=file:/run/secrets/db");
            }
            return new Password(readPasswordFile(location), false);
        }
        throw new DsnException("parameter 'password' must be env:NAME or file:PATH; "
                + "put a literal password before the '@' instead");
    }

    private static String readPasswordFile(String location) throws DsnException {
        String origin = "password file " + location + " (from password=file:" + location + ")";
        Path file = toPath(location, "password file");
        if (Files.isDirectory(file)) {
            throw new DsnException(origin + " is a directory");
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DsnException(origin + " does not exist");
        } catch (AccessDeniedException e) {
            throw new DsnException(origin + " is not readable (permission denied)");
        } catch (IOException e) {
            // the exception message could quote file content (e.g. a malformed-input report), so it is not shown
            throw new DsnException(origin + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new DsnException(origin + " is empty");
        }
        return content.substring(0, end);
    }

    private Map<String, String> parseQuery(int questionMark, Engine engine, String kind) throws DsnException {
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
                int eq = indexOf('=', start, end);
                if (eq < 0) {
                    throw new DsnException("parameter " + quote(start, end) + " has no value (expected name=value)");
                }
                String key = decode(start, eq, "a parameter name");
                if (key.isEmpty()) {
                    throw new DsnException("a parameter has an empty name");
                }
                if (!supported.contains(key)) {
                    String suggestion = suggest(key, supported);
                    throw new DsnException("unsupported parameter " + quote(start, eq) + " for " + kind
                            + (suggestion != null
                                    ? " (did you mean " + suggestion + "?)"
                                    : " (supported: " + String.join(", ", supported) + ")"));
                }
                String value = key.equals("password") ? decodeSecret(eq + 1, end) : decode(eq + 1, end, key);
                if (params.putIfAbsent(key, value) != null) {
                    throw new DsnException("parameter '" + key + "' is given more than once");
                }
            }
            start = end + 1;
        }
        return params;
    }

    private int parsePort(int start, int end) throws DsnException {
        if (start >= end) {
            throw new DsnException("port is empty after ':'");
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new DsnException("port " + quote(start, end) + " is not a number");
            }
        }
        return checkPortRange(text.substring(start, end), quote(start, end));
    }

    private int parsePortValue(String value) throws DsnException {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DsnException("port " + quoteValue(value) + " is not a number");
        }
        return checkPortRange(value, quoteValue(value));
    }

    private static int checkPortRange(String digits, String quoted) throws DsnException {
        int port = digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new DsnException("port " + quoted + " is out of range (1-65535)");
        }
        return port;
    }

    private static String requireValue(Map<String, String> params, String key) throws DsnException {
        String value = params.get(key);
        if (value.isEmpty()) {
            throw new DsnException("parameter '" + key + "' is empty");
        }
        return value;
    }

    private static Path toPath(String value, String what) throws DsnException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new DsnException(what + " '" + value + "' is not a valid path");
        }
    }

    private static Path firstExisting(List<Path> candidates) {
        return candidates.stream().filter(Files::exists).findFirst().orElse(candidates.get(0));
    }

    /** Closest supported name within a small edit distance, treating '_' and '-' alike. */
    private static String suggest(String key, List<String> supported) {
        String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : supported) {
            int distance = distance(normalized, candidate.replace('_', '-'));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(1, Math.min(2, key.length() / 3)) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- text helpers ----

    /** Quotes the input between start and end for a message, or '***' when it may overlap the password. */
    private String quote(int start, int end) {
        if (secretStart >= 0 && start < secretEnd && end > secretStart) {
            return "'***'";
        }
        String raw = text.substring(start, end);
        return "'" + (raw.length() > MAX_QUOTED ? raw.substring(0, MAX_QUOTED) + "…" : raw) + "'";
    }

    /** Quotes an already decoded value that did not come straight from a known span of the input. */
    private String quoteValue(String value) {
        if (secretStart >= 0) {
            String secret = text.substring(secretStart, secretEnd);
            if (!secret.isEmpty() && (secret.contains(value) || value.contains(secret))) {
                return "'***'";
            }
        }
        return "'" + (value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value) + "'";
    }

    private String decodeSecret(int start, int end) throws DsnException {
        try {
            return percentDecode(text.substring(start, end));
        } catch (IllegalArgumentException e) {
            throw new DsnException("the password has invalid percent-encoding (encode '%' as %25)");
        }
    }

    private String decode(int start, int end, String what) throws DsnException {
        try {
            return percentDecode(text.substring(start, end));
        } catch (IllegalArgumentException e) {
            throw new DsnException(what + " " + quote(start, end) + " has invalid percent-encoding");
        }
    }

    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }

    private static final Set<Character> UNRESERVED_MARKS = Set.of('-', '.', '_', '~');

    /** Percent-encodes everything but letters, digits, unreserved marks and the extra characters given. */
    static String encode(String value, String alsoSafe) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || UNRESERVED_MARKS.contains(c) || alsoSafe.indexOf(c) >= 0;
            if (safe && c < 0x80) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private int indexOf(char c, int from, int to) {
        int index = text.indexOf(c, from);
        return index >= 0 && index < to ? index : -1;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
