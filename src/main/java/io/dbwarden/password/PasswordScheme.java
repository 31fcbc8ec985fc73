package io.dbwarden.password;

/** How a stored password verifier was made, recognised from its text alone. */
public enum PasswordScheme {
    /** {@code *} + 40 hex digits of SHA1(SHA1(password)): MySQL/MariaDB mysql_native_password. */
    MYSQL_NATIVE_PASSWORD("mysql_native_password"),
    /** {@code md5} + 32 hex digits of MD5(password ‖ role name): PostgreSQL md5. */
    MD5("md5"),
    /** {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}: PostgreSQL scram-sha-256. */
    SCRAM_SHA_256("scram-sha-256"),
    /** {@code $A$<rounds/1000 in hex>$<20-byte salt><43 chars>}: MySQL 8 caching_sha2_password (SHA-256 crypt). */
    CACHING_SHA2_PASSWORD("caching_sha2_password"),
    /** No verifier (NULL or ''): the account has no password at all. */
    EMPTY("empty"),
    /** Anything else (ed25519, sha256_password, mysql_old_password, plugin data…): never compared. */
    UNKNOWN("unknown");

    private final String id;

    PasswordScheme(String id) {
        this.id = id;
    }

    /**
     * The name rules see: 'mysql_native_password', 'md5', 'scram-sha-256', 'caching_sha2_password', 'empty' or
     * 'unknown'.
     */
    public String id() {
        return id;
    }

    public static PasswordScheme of(String verifier) {
        if (verifier == null || verifier.isEmpty()) {
            return EMPTY;
        }
        if (MysqlNativePassword.isVerifier(verifier)) {
            return MYSQL_NATIVE_PASSWORD;
        }
        if (PostgresMd5Password.isVerifier(verifier)) {
            return MD5;
        }
        if (ScramSha256Verifier.parse(verifier).isPresent()) {
            return SCRAM_SHA_256;
        }
        if (CachingSha2Password.parse(verifier).isPresent()) {
            return CACHING_SHA2_PASSWORD;
        }
        return UNKNOWN;
    }
}
