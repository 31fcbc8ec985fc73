package io.dbwarden.target;

import io.dbwarden.target.TargetConnectException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Turns a driver failure into a {@link TargetConnectException} with a short, password-free message. */
final class ConnectFailures {

    /** Connector/J prefixes server errors with the connection id, e.g. "(conn=18) Access denied ...". */
    private static final Pattern CONNECTION_ID = Pattern.compile("^\\(conn=\\d+\\)\\s*");

    /**
     * Connector/J's words when the certificate chain fails verification; it defers the check to after
     * authentication (to allow password-based fingerprint validation) and so reports it without an SSLException.
     */
    private static final String UNTRUSTED_CERTIFICATE = "self signed certificates";

    private ConnectFailures() {
    }

    static TargetConnectException classify(Throwable failure, String targetName, ResolvedDsn dsn,
            ConnectOptions options) {
        List<Throwable> chain = chain(failure);
        String endpoint = endpoint(dsn);
        String cannotConnect = "cannot connect to " + endpoint + ": ";
        Reason reason;
        String detail;

        SQLException sql = first(chain, SQLException.class);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState().toUpperCase(Locale.ROOT);
        int code = sql == null ? 0 : sql.getErrorCode();
        boolean mysql = dsn.engine() == Engine.MYSQL;

        if (isAuthentication(state, code, mysql, sql)) {
            reason = Reason.AUTHENTICATION_FAILED;
            detail = "authentication failed for user '" + dsn.user() + "'" + authenticationHint(state, code, sql);
        } else if (state.equals("3D000") || (mysql && code == 1049)) {
            reason = Reason.DATABASE_NOT_FOUND;
            detail = "database '" + dsn.database() + "' does not exist";
        } else if (isTls(chain)) {
            reason = Reason.TLS;
            detail = "TLS handshake failed: " + tlsMessage(chain);
        } else if (isTimeout(chain)) {
            reason = Reason.TIMEOUT;
            detail = cannotConnect + "connection timed out after " + format(options.connectTimeout());
        } else if (first(chain, UnknownHostException.class) != null) {
            reason = Reason.UNREACHABLE;
            detail = cannotConnect + "unknown host";
        } else if (first(chain, NoRouteToHostException.class) != null) {
            reason = Reason.UNREACHABLE;
            detail = cannotConnect + "no route to host";
        } else if (first(chain, ConnectException.class) != null) {
            reason = Reason.UNREACHABLE;
            detail = cannotConnect + socketProblem(first(chain, ConnectException.class));
        } else if (socketProblem(last(chain, SocketException.class)) != null) {
            // junixsocket reports a missing or refusing socket file as a plain SocketException
            reason = Reason.UNREACHABLE;
            detail = cannotConnect + socketProblem(last(chain, SocketException.class));
        } else if (first(chain, NoSuchFileException.class) != null || first(chain, AccessDeniedException.class) != null) {
            Throwable file = first(chain, NoSuchFileException.class) != null
                    ? first(chain, NoSuchFileException.class) : first(chain, AccessDeniedException.class);
            reason = Reason.OTHER;
            detail = "cannot read " + file.getMessage() + (file instanceof NoSuchFileException
                    ? ": no such file" : ": permission denied");
        } else {
            reason = Reason.OTHER;
            Throwable top = sql != null ? sql : failure;
            Throwable root = chain.get(chain.size() - 1);
            detail = cannotConnect + firstLine(top) + (root == top ? "" : " (" + firstLine(root) + ")");
        }
        detail = Secrets.scrub(detail, dsn.password());
        Throwable cause = Secrets.leaks(failure, dsn.password()) ? null : failure;
        return new TargetConnectException(targetName, reason, detail, cause);
    }

    private static boolean isAuthentication(String state, int code, boolean mysql, SQLException sql) {
        if (state.equals("28P01") || state.equals("28000")) {
            return true;
        }
        if (mysql && (code == 1045 || code == 1044 || code == 1698)) {
            return true;
        }
        // pgjdbc: "The server requested SCRAM-based authentication, but no password was provided."
        return !mysql && state.equals("08004") && sql != null && sql.getMessage() != null
                && sql.getMessage().contains("no password was provided");
    }

    private static String authenticationHint(String state, int code, SQLException sql) {
        if (state.equals("28P01") || code == 1045) {
            return "";
        }
        if (code == 1044) {
            return ": access to the database was denied";
        }
        if (sql.getMessage() != null && sql.getMessage().contains("no password was provided")) {
            return ": the server asks for a password but none was given";
        }
        // e.g. "no pg_hba.conf entry for host ..." tells the operator what to fix
        String server = firstLine(sql).replaceFirst("^(FATAL|ERROR): ", "");
        return server.isEmpty() ? "" : ": " + server;
    }

    private static boolean isTls(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof SSLException || t instanceof GeneralSecurityException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("does not support ssl") || message.contains("ssl not enabled in the server")
                    || message.contains(UNTRUSTED_CERTIFICATE)) {
                return true;
            }
        }
        return false;
    }

    private static String tlsMessage(List<Throwable> chain) {
        Throwable deepest = null;
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("does not support ssl") || message.contains("ssl not enabled in the server")) {
                return "the server does not support TLS";
            }
            if (message.contains(UNTRUSTED_CERTIFICATE)) {
                return "the server certificate is not trusted (check the CA certificate)";
            }
            if (t instanceof SSLException || t instanceof GeneralSecurityException) {
                deepest = t;
            }
        }
        return deepest == null ? "unknown TLS error" : firstLine(deepest);
    }

    private static boolean isTimeout(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException) {
                return true;
            }
            // pgjdbc when loginTimeout expires
            if (t.getMessage() != null && t.getMessage().contains("Connection attempt timed out")) {
                return true;
            }
        }
        return false;
    }

    /** A short description of a failed socket connect, or null when the exception is about something else. */
    private static String socketProblem(SocketException e) {
        if (e == null) {
            return null;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("refused")) {
            return "connection refused";
        }
        if (message.contains("no such file")) {
            return "no such socket file";
        }
        if (message.contains("permission denied")) {
            return "permission denied";
        }
        if (message.contains("network is unreachable") || message.contains("no route")) {
            return "network is unreachable";
        }
        return e instanceof ConnectException ? firstLine(e) : null;
    }

    static String endpoint(ResolvedDsn dsn) {
        if (dsn.socket().isPresent()) {
            return dsn.socket().get().toString();
        }
        String host = dsn.host().indexOf(':') >= 0 ? "[" + dsn.host() + "]" : dsn.host();
        return host + ":" + dsn.port();
    }

    /** "5s", "1.5s" or "250ms". */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).strip();
        return CONNECTION_ID.matcher(line).replaceFirst("");
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static <T extends Throwable> T last(List<Throwable> chain, Class<T> type) {
        T found = null;
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
        }
        return found;
    }

    private static <T extends Throwable> T first(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
