package io.dbwarden.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * A PostgreSQL SCRAM-SHA-256 verifier, {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64).
 * A password matches when SHA256(HMAC(PBKDF2-HMAC-SHA256(SASLprep(password), salt, iterations), "Client Key"))
 * equals StoredKey. {@link #toString()} shows the iteration count only.
 */
public final class ScramSha256Verifier {

    private static final String PREFIX = "SCRAM-SHA-256$";
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private final int iterations;
    private final byte[] salt;
    private final byte[] storedKey;

    private ScramSha256Verifier(int iterations, byte[] salt, byte[] storedKey) {
        this.iterations = iterations;
        this.salt = salt;
        this.storedKey = storedKey;
    }

    /** The verifier, or empty when {@code text} is not one (never throws, never echoes the text). */
    public static Optional<ScramSha256Verifier> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        int dollar = rest.indexOf('$');
        if (colon <= 0 || dollar < colon) {
            return Optional.empty();
        }
        int keysColon = rest.indexOf(':', dollar);
        if (keysColon < 0) {
            return Optional.empty();
        }
        try {
            int iterations = Integer.parseInt(rest, 0, colon, 10);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(rest.substring(colon + 1, dollar));
            byte[] stored = b64.decode(rest.substring(dollar + 1, keysColon));
            byte[] server = b64.decode(rest.substring(keysColon + 1));
            if (iterations < 1 || salt.length == 0 || stored.length != HmacSha256.LENGTH
                    || server.length != HmacSha256.LENGTH) {
                return Optional.empty();
            }
            return Optional.of(new ScramSha256Verifier(iterations, salt, stored));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The verifier PostgreSQL would store for this password, salt and iteration count. */
    public static String create(String password, byte[] salt, int iterations) {
        byte[] salted = Pbkdf2HmacSha256.derive(SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8),
                salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(storedKey(salted)) + ":" + b64.encodeToString(mac(salted, SERVER_KEY));
    }

    public int iterations() {
        return iterations;
    }

    /** Whether {@code password} is the one this verifier was made from; costs {@link #iterations()} HMACs. */
    public boolean matches(String password) {
        byte[] salted = Pbkdf2HmacSha256.derive(SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8),
                salt, iterations);
        return MessageDigest.isEqual(storedKey(salted), storedKey);
    }

    private static byte[] storedKey(byte[] saltedPassword) {
        return HmacSha256.sha256().digest(mac(saltedPassword, CLIENT_KEY));
    }

    private static byte[] mac(byte[] key, byte[] message) {
        byte[] out = new byte[HmacSha256.LENGTH];
        new HmacSha256(key).mac(message, message.length, out);
        return out;
    }

    /** Never the salt or keys. */
    @Override
    public String toString() {
        return "ScramSha256Verifier[" + iterations + " iterations]";
    }
}
