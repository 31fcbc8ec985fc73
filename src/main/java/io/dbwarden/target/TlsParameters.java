package io.dbwarden.target;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The TLS parameters of a DSN, in each engine's own spelling, mapped to {@link TlsSettings}. */
final class TlsParameters {

    private static final Map<String, TlsMode> POSTGRESQL_SSLMODES = Map.of(
            "disable", TlsMode.DISABLED, "allow", TlsMode.ALLOW, "prefer", TlsMode.PREFERRED,
            "require", TlsMode.REQUIRED, "verify-ca", TlsMode.VERIFY_CA, "verify-full", TlsMode.VERIFY_FULL);
    private static final Map<String, TlsMode> MYSQL_SSLMODES = Map.of(
            "DISABLED", TlsMode.DISABLED, "PREFERRED", TlsMode.PREFERRED, "REQUIRED", TlsMode.REQUIRED,
            "VERIFY_CA", TlsMode.VERIFY_CA, "VERIFY_IDENTITY", TlsMode.VERIFY_FULL);

    private TlsParameters() {
    }

    /**
     * @param params the DSN's parameters, already checked to be ones the engine supports
     * @param kind the scheme as messages name it (postgresql, mysql or mariadb)
     */
    static TlsSettings read(Map<String, String> params, Engine engine, String kind, DsnText text)
            throws DsnException {
        boolean postgres = engine == Engine.POSTGRESQL;
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
                throw new DsnException(modeKey + " " + text.quoteValue(value) + " is not valid for " + kind
                        + " (expected " + expected + ")");
            }
        }
        String caKey = postgres ? "sslrootcert" : "ssl-ca";
        String certKey = postgres ? "sslcert" : "ssl-cert";
        String keyKey = postgres ? "sslkey" : "ssl-key";
        Path ca = path(params, caKey);
        Path cert = path(params, certKey);
        Path key = path(params, keyKey);
        if ((cert == null) != (key == null)) {
            throw new DsnException(certKey + " and " + keyKey + " must be given together");
        }
        return new TlsSettings(mode, explicit, ca, cert, key);
    }

    private static Path path(Map<String, String> params, String key) throws DsnException {
        return params.containsKey(key) ? DsnParser.toPath(DsnParser.requireValue(params, key), key) : null;
    }
}
