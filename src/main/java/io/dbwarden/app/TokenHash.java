package io.dbwarden.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The stored form of an API token: {@code sha256:} and the lower-case hex SHA-256 of the token. Tokens are long random
 * strings (e.g. {@code openssl rand -hex 32}), so a plain digest is enough; make the hash with
 * {@code printf %s "$TOKEN" | sha256sum}.
 */
public record TokenHash(String hex) {

    private static final String PREFIX = "sha256:";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public TokenHash {
        hex = hex == null ? "" : hex.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a token hash is 64 hexadecimal digits after 'sha256:'");
        }
    }

    /** Parses {@code sha256:<64 hex digits>}; the message never repeats the text, which may be a token pasted by mistake. */
    public static TokenHash parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a token hash must look like sha256:<64 hex digits> "
                    + "(make it with: printf %s \"$TOKEN\" | sha256sum)");
        }
        return new TokenHash(t.substring(PREFIX.length()));
    }

    public static TokenHash of(String token) {
        return new TokenHash(HexFormat.of().formatHex(sha256(token)));
    }

    /** Compares in constant time, so response times do not reveal how much of a guess was right. */
    public boolean matches(String token) {
        return token != null && MessageDigest.isEqual(sha256(token), HexFormat.of().parseHex(hex));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }
}
