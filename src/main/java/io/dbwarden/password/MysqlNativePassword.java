package io.dbwarden.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MySQL/MariaDB {@code mysql_native_password}: the stored string is {@code *} followed by the upper-case hex of
 * SHA1(SHA1(password)), the password taken as UTF-8 bytes (what a utf8mb4 client sends). Unsalted, so a
 * dictionary's hashes are computed once and looked up.
 */
public final class MysqlNativePassword {

    private static final int HEX_DIGITS = 40;

    private MysqlNativePassword() {
    }

    /** {@code *} + 40 hex digits (either case). */
    public static boolean isVerifier(String s) {
        return s != null && s.length() == HEX_DIGITS + 1 && s.charAt(0) == '*' && Hex.isHex(s, 1, s.length());
    }

    /** The 20 bytes of SHA1(SHA1(password)) a verifier holds; callers check {@link #isVerifier} first. */
    static byte[] digestOf(String verifier) {
        return Hex.decode(verifier, 1, verifier.length());
    }

    /** What {@code PASSWORD('…')} returns on MariaDB / MySQL 5.x for this password. */
    public static String hash(String password) {
        return "*" + HexFormat.of().withUpperCase().formatHex(digest(sha1(), password.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA1(SHA1(password)) with a digest the caller owns (not thread-safe, reused across calls). */
    static byte[] digest(MessageDigest sha1, byte[] password) {
        byte[] stage1 = sha1.digest(password);
        return sha1.digest(stage1);
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
