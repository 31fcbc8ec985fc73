package io.dbwarden.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The stored form of an API token: {@code sha256:<64 lowercase hex digits>}, the SHA-256 of the token's UTF-8 bytes
 * (what {@code printf %s "$TOKEN" | sha256sum} prints). A plain hash without salt is enough because tokens are long
 * random strings, not passwords a person chose: generate them with e.g. {@code openssl rand -hex 32}.
 */
public final class TokenHash {

    public static final String PREFIX = "sha256:";

    private static final int DIGEST_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("sha256:[0-9a-f]{" + DIGEST_BYTES * 2 + "}");

    private final byte[] digest;

    private TokenHash(byte[] digest) {
        this.digest = digest;
    }

    /**
     * Reads the stored form. The message never repeats the value: a plain token pasted where its hash belongs would
     * otherwise end up in an error message or a log.
     */
    public static TokenHash parse(String stored) {
        if (stored == null || !FORMAT.matcher(stored).matches()) {
            int length = stored == null ? 0 : stored.length();
            throw new IllegalArgumentException("a token hash must be " + PREFIX + "<" + DIGEST_BYTES * 2
                    + " lowercase hex digits> (the SHA-256 of the token), not a value of " + length
                    + " characters; store the hash, never the token");
        }
        return new TokenHash(HexFormat.of().parseHex(stored.substring(PREFIX.length())));
    }

    /** The hash of a token, for configuration tools and tests. */
    public static TokenHash of(String token) {
        return new TokenHash(sha256(token));
    }

    /** True when {@code digestOfPresented} is this hash, compared in constant time. */
    boolean matchesDigest(byte[] digestOfPresented) {
        return MessageDigest.isEqual(digest, digestOfPresented);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenHash that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** The stored form; safe to show, as a hash of a random token reveals nothing usable. */
    @Override
    public String toString() {
        return PREFIX + HexFormat.of().formatHex(digest);
    }
}
