package io.dbwarden.target;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB sessions through MariaDB Connector/J.
 *
 * <p>Connector/J has no "preferred" TLS mode, so {@link TlsMode#PREFERRED} (also the default, as with the mysql
 * client) is done here: first try TLS without verification ({@code sslMode=trust}); only if the server says it
 * does not support TLS, connect again in plain text. Any other failure of the TLS attempt is reported as is.
 *
 * <p>As with {@link PostgresSessions}, reads are bounded by the connect timeout until the login is over.
 *
 * <p>One statement per query is the server's rule here: the driver does not announce multi-statement support, so
 * the server refuses a second statement as a syntax error before running the first, and prepared statements are
 * prepared on the server ({@code useServerPrepStmts}), which tells callers, before anything runs, whether a
 * statement returns rows at all. Prepared statements are not cached, so each one is closed on the server when the
 * caller closes it.
 */
final class MariaDbSessions implements SessionOpener {

    private static final Pattern SIMPLE_DATABASE = Pattern.compile("[A-Za-z0-9_$]+");

    static {
        // Without SLF4J, Connector/J prints every server error to the console itself; dbwarden reports failures
        // on its own, so route the driver's log to java.util.logging where the application decides.
        if (System.getProperty("mariadb.logging.fallback") == null) {
            System.setProperty("mariadb.logging.fallback", "JDK");
        }
    }

    @Override
    public Connection open(ResolvedDsn dsn, ConnectOptions options)
            throws SQLException, IOException, GeneralSecurityException {
        TlsMode mode = dsn.tls().mode();
        if (dsn.socket().isPresent() && !dsn.tls().explicit()) {
            // the mysql client does not use TLS on a local socket unless told to
            mode = TlsMode.DISABLED;
        }
        Connection connection;
        if (mode == TlsMode.PREFERRED || mode == TlsMode.ALLOW) {
            try {
                connection = connect(dsn, options, "trust");
            } catch (SQLException e) {
                if (!serverLacksTls(e)) {
                    throw e;
                }
                connection = connect(dsn, options, "disable");
            }
        } else {
            connection = connect(dsn, options, switch (mode) {
                case DISABLED -> "disable";
                case REQUIRED -> "trust";
                case VERIFY_CA -> "verify-ca";
                case VERIFY_FULL -> "verify-full";
                case ALLOW, PREFERRED -> throw new AssertionError(mode);
            });
        }
        try {
            configureSession(connection, options);
            return connection;
        } catch (SQLException | RuntimeException e) {
            SessionOpener.closeQuietly(connection, e);
            throw e;
        }
    }

    /** Connector/J's words when TLS is asked for and the server's handshake lacks the SSL capability. */
    static boolean serverLacksTls(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("ssl not enabled in the server")) {
                return true;
            }
        }
        return false;
    }

    private static Connection connect(ResolvedDsn dsn, ConnectOptions options, String sslMode)
            throws SQLException, IOException, GeneralSecurityException {
        Properties props = new Properties();
        props.setProperty("user", dsn.user());
        if (dsn.password() != null) {
            props.setProperty("password", dsn.password());
        }
        int loginMillis = SessionOpener.millis(options.connectTimeout());
        props.setProperty("connectTimeout", Integer.toString(loginMillis));
        props.setProperty("socketTimeout", Integer.toString(loginMillis));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectionAttributes", "program_name:dbwarden");
        props.setProperty("allowLocalInfile", "false");
        props.setProperty("allowMultiQueries", "false");
        props.setProperty("useServerPrepStmts", "true");
        props.setProperty("cachePrepStmts", "false");
        props.setProperty("permitRedirect", "false");
        props.setProperty("sslMode", sslMode);

        String address;
        if (dsn.socket().isPresent()) {
            address = "localhost:" + dsn.port();
            props.setProperty("socketFactory", MariaDbUnixSocketFactory.class.getName());
            props.setProperty(MariaDbUnixSocketFactory.SOCKET_PROPERTY, dsn.socket().get().toString());
        } else {
            address = (dsn.host().indexOf(':') >= 0 ? "[" + dsn.host() + "]" : dsn.host()) + ":" + dsn.port();
        }
        String database = dsn.database();
        boolean databaseInUrl = database != null && SIMPLE_DATABASE.matcher(database).matches();
        String url = "jdbc:mariadb://" + address + "/" + (databaseInUrl ? database : "");

        ClientKeyStore keyStore = null;
        if (!sslMode.equals("disable")) {
            TlsSettings tls = dsn.tls();
            if (tls.rootCert() != null && tls.mode().verifiesCertificate()) {
                props.setProperty("serverSslCert", tls.rootCert().toString());
            }
            if (tls.clientCert() != null) {
                keyStore = ClientKeyStore.fromPem(tls.clientCert(), tls.clientKey());
                props.setProperty("keyStore", keyStore.file().toString());
                props.setProperty("keyStorePassword", keyStore.password());
                props.setProperty("keyStoreType", "PKCS12");
            }
        }
        Connection connection;
        try {
            connection = new org.mariadb.jdbc.Driver().connect(url, props);
        } finally {
            if (keyStore != null) {
                keyStore.close();
            }
        }
        if (connection == null) {
            throw new SQLException("Connector/J did not accept the connection URL");
        }
        if (database != null && !databaseInUrl) {
            try {
                connection.setCatalog(database);
            } catch (SQLException | RuntimeException e) {
                SessionOpener.closeQuietly(connection, e);
                throw e;
            }
        }
        return connection;
    }

    private static void configureSession(Connection connection, ConnectOptions options) throws SQLException {
        connection.setAutoCommit(true);
        boolean mariaDb = connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT)
                .contains("mariadb");
        // lock waits are whole seconds on these servers; a lock wait never outlasts the statement by much
        int lockWaitSeconds = SessionOpener.ceilSeconds(options.statementTimeout());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION READ ONLY");
            String timeLimit = mariaDb
                    ? "max_statement_time = " + BigDecimal.valueOf(options.statementTimeout().toMillis(), 3).toPlainString()
                    : "max_execution_time = " + SessionOpener.millis(options.statementTimeout());
            statement.execute("SET SESSION " + timeLimit + ", lock_wait_timeout = " + lockWaitSeconds
                    + ", innodb_lock_wait_timeout = " + lockWaitSeconds);
        }
        connection.setReadOnly(true);
        connection.setNetworkTimeout(DIRECT, SessionOpener.millis(options.socketTimeout()));
    }
}
