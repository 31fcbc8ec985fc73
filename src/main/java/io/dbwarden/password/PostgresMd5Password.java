package io.dbwarden.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PostgreSQL {@code md5} passwords: {@code md5} followed by the lower-case hex of MD5(password ‖ role name), both
 * as the server's bytes (UTF-8 here). Salted only with the role name, so each role is its own computation.
 */
public final class PostgresMd5Password {

    private static final String PREFIX = "md5";
    private static final int HEX_DIGITS = 32;

    private PostgresMd5Password() {
    }

    public static boolean isVerifier(String s) {
        return s != null && s.length() == PREFIX.length() + HEX_DIGITS && s.startsWith(PREFIX)
                && Hex.isHex(s, PREFIX.length(), s.length());
    }

    static byte[] digestOf(String verifier) {
        return Hex.decode(verifier, PREFIX.length(), verifier.length());
    }

    /** The verifier PostgreSQL stores for this role and password with password_encryption = md5. */
    public static String hash(String password, String role) {
        MessageDigest md5 = md5();
        md5.update(password.getBytes(StandardCharsets.UTF_8));
        md5.update(role.getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(md5.digest());
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
