package io.dbwarden.target;

/**
 * How a session uses TLS, in the engine-neutral vocabulary shared by libpq's {@code sslmode}
 * and MySQL's {@code ssl-mode}.
 */
public enum TlsMode {
    /** Never use TLS (libpq {@code disable}, MySQL {@code DISABLED}). */
    DISABLED,
    /** Plain first, TLS only if the server insists (libpq {@code allow}; PostgreSQL only). */
    ALLOW,
    /** TLS when the server offers it, plain otherwise, no verification (libpq {@code prefer}, MySQL {@code PREFERRED}). */
    PREFERRED,
    /** TLS or fail, without verifying the certificate (libpq {@code require}, MySQL {@code REQUIRED}). */
    REQUIRED,
    /** TLS and the certificate must chain to the CA, any host name (libpq {@code verify-ca}, MySQL {@code VERIFY_CA}). */
    VERIFY_CA,
    /** TLS, trusted chain and matching host name (libpq {@code verify-full}, MySQL {@code VERIFY_IDENTITY}). */
    VERIFY_FULL;

    /** Whether the server certificate is checked against a CA. */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }
}
