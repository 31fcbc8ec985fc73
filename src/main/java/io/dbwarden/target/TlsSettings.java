package io.dbwarden.target;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS part of a DSN.
 *
 * @param mode how TLS is used; {@link TlsMode#PREFERRED} when the DSN says nothing
 * @param explicit whether the DSN set the mode itself rather than relying on the default
 * @param rootCert CA certificate(s) in PEM used for verification, or null for the JVM's trust store
 * @param clientCert client certificate in PEM, or null
 * @param clientKey client private key (PEM PKCS#8 or PKCS#1, or pgjdbc's DER .pk8 / PKCS#12), or null
 */
public record TlsSettings(TlsMode mode, boolean explicit, Path rootCert, Path clientCert, Path clientKey) {

    public TlsSettings {
        Objects.requireNonNull(mode, "mode");
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate and its key must be given together");
        }
    }

    /** No TLS options at all: behave as the standard clients do. */
    public static TlsSettings defaults() {
        return new TlsSettings(TlsMode.PREFERRED, false, null, null, null);
    }
}
