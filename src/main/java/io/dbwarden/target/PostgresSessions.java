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
 */
final class PostgresSessions implements SessionOpener {

    static final String UNIX_SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

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
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                statement.execute("SET statement_timeout = " + SessionOpener.millis(options.statementTimeout()));
            }
            connection.setNetworkTimeout(DIRECT, SessionOpener.millis(options.socketTimeout()));
            return connection;
        } catch (SQLException | RuntimeException e) {
            SessionOpener.closeQuietly(connection, e);
            throw e;
        }
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
