package io.dbwarden.target;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * PostgreSQL sessions through pgjdbc.
 *
 * <p>While logging in, every read is bounded by the connect timeout (pgjdbc {@code socketTimeout} and
 * {@code loginTimeout}), so a server that accepts the TCP connection but never answers cannot hang us;
 * once logged in, the socket timeout is raised to the statement timeout plus a margin.
 *
 * <p>The session is set up so that the server has the last word on what a query may do: autocommit is off and
 * the connection is read-only, so pgjdbc opens every transaction with {@code BEGIN READ ONLY}, and callers end each
 * one with a rollback, which also undoes any setting a query changed; names resolve in {@code pg_catalog} first and
 * never in a schema another role can create objects in; statements go through the extended query protocol, whose
 * Parse message holds one statement only; and pgjdbc refuses, before holding it in memory, a result larger than
 * {@link TargetConnector#MAX_RESULT_BYTES} (it then drops the session, so callers must be ready to open a new one).
 */
final class PostgresSessions implements SessionOpener {

    static final String UNIX_SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

    /** Schemas a session resolves names in: the system catalog, and temporary objects last (never functions). */
    static final String SEARCH_PATH = "pg_catalog, pg_temp";

    @Override
    public Connection open(ResolvedDsn dsn, ConnectOptions options)
            throws SQLException, IOException, GeneralSecurityException {
        Properties props = new Properties();
        props.setProperty("user", dsn.user());
        if (dsn.password() != null) {
            props.setProperty("password", dsn.password());
        }
        props.setProperty("ApplicationName", "dbwarden");
        int loginSeconds = SessionOpener.ceilSeconds(options.connectTimeout());
        props.setProperty("connectTimeout", Integer.toString(loginSeconds));
        props.setProperty("loginTimeout", Integer.toString(loginSeconds));
        props.setProperty("socketTimeout", Integer.toString(loginSeconds));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("preferQueryMode", "extended");
        props.setProperty("readOnlyMode", "transaction");
        props.setProperty("maxResultBuffer", Long.toString(TargetConnector.MAX_RESULT_BYTES));

        String address;
        if (dsn.socket().isPresent()) {
            // libpq ignores sslmode on unix sockets and the server never offers TLS there
            address = "localhost:" + dsn.port();
            props.setProperty("socketFactory", UNIX_SOCKET_FACTORY);
            props.setProperty("socketFactoryArg", dsn.socket().get().toString());
            props.setProperty("sslmode", "disable");
        } else {
            address = (dsn.host().indexOf(':') >= 0 ? "[" + dsn.host() + "]" : dsn.host()) + ":" + dsn.port();
        }
        String url = "jdbc:postgresql://" + address + "/" + URLEncoder.encode(dsn.database(), StandardCharsets.UTF_8);

        ClientKeyStore keyStore = dsn.socket().isPresent() ? null : configureTls(dsn.tls(), props);
        Connection connection;
        try {
            connection = new org.postgresql.Driver().connect(url, props);
        } finally {
            if (keyStore != null) {
                keyStore.close();
            }
        }
        if (connection == null) {
            throw new SQLException("pgjdbc did not accept the connection URL");
        }
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                // one round trip: pgjdbc sends the statements of this trusted text together
                statement.execute(sessionSettings(options));
            }
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setNetworkTimeout(DIRECT, SessionOpener.millis(options.socketTimeout()));
            return connection;
        } catch (SQLException | RuntimeException e) {
            SessionOpener.closeQuietly(connection, e);
            throw e;
        }
    }

    /**
     * Session defaults. They only matter between transactions: each transaction a caller runs sets its own limits
     * again with {@code SET LOCAL} and is rolled back, so nothing a query changes outlives it.
     */
    static String sessionSettings(ConnectOptions options) {
        int statementMillis = SessionOpener.millis(options.statementTimeout());
        return "SET search_path = " + SEARCH_PATH
                + "; SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
                + "; SET statement_timeout = " + statementMillis
                + "; SET lock_timeout = " + statementMillis
                + "; SET idle_in_transaction_session_timeout = " + SessionOpener.millis(options.socketTimeout());
    }

    private static ClientKeyStore configureTls(TlsSettings tls, Properties props)
            throws IOException, GeneralSecurityException {
        props.setProperty("sslmode", switch (tls.mode()) {
            case DISABLED -> "disable";
            case ALLOW -> "allow";
            case PREFERRED -> "prefer";
            case REQUIRED -> "require";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_FULL -> "verify-full";
        });
        if (tls.mode().verifiesCertificate()) {
            if (tls.rootCert() != null) {
                props.setProperty("sslrootcert", tls.rootCert().toString());
            } else {
                // no CA given: trust what the JVM trusts instead of pgjdbc's ~/.postgresql/root.crt
                // (this factory presents no client certificate)
                props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
            }
        }
        if (tls.clientCert() == null) {
            return null;
        }
        if (!ClientKeyStore.isPem(tls.clientKey())) {
            props.setProperty("sslcert", tls.clientCert().toString());
            props.setProperty("sslkey", tls.clientKey().toString());
            return null;
        }
        ClientKeyStore keyStore = ClientKeyStore.fromPem(tls.clientCert(), tls.clientKey());
        // pgjdbc picks its PKCS#12 key manager by the .p12 extension
        props.setProperty("sslkey", keyStore.file().toString());
        props.setProperty("sslpassword", keyStore.password());
        return keyStore;
    }
}
