package io.dbwarden.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * A MySQL 8 {@code caching_sha2_password} verifier as stored in mysql.user.authentication_string:
 * {@code $A$} + the rounds / 1000 as three hex digits + {@code $} + a 20-byte salt + 43 characters of SHA-256
 * crypt (Ulrich Drepper's SHA-crypt, without its 16-byte salt limit). MySQL draws salt bytes from 1–127
 * (neither NUL nor '$'), so the string is 70 characters of text. One candidate costs {@code rounds} SHA-256
 * digests (5000 by default), as slow as a SCRAM-SHA-256 check, so only short candidate lists are tried.
 * {@link #toString()} shows the rounds only.
 */
public final class CachingSha2Password {

    private static final String PREFIX = "$A$";
    private static final int SALT_LENGTH = 20;
    private static final int HASH_CHARS = 43;
    private static final int LENGTH = PREFIX.length() + 3 + 1 + SALT_LENGTH + HASH_CHARS;
    private static final int ROUNDS_MULTIPLIER = 1000;
    /** MySQL's authentication string for accounts that must never log in with a password (roles, locked users). */
    private static final String NO_PASSWORD_MARKER = "INVALIDSALTANDPASSWORD";
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final int rounds;
    private final byte[] salt;
    private final String hash;

    private CachingSha2Password(int rounds, byte[] salt, String hash) {
        this.rounds = rounds;
        this.salt = salt;
        this.hash = hash;
    }

    /** The verifier, or empty when {@code text} is not one (never throws, never echoes the text). */
    public static Optional<CachingSha2Password> parse(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX) || text.charAt(6) != '$'
                || !Hex.isHex(text, 3, 6) || text.contains(NO_PASSWORD_MARKER)) {
            return Optional.empty();
        }
        int rounds = Integer.parseInt(text, 3, 6, 16) * ROUNDS_MULTIPLIER;
        byte[] salt = new byte[SALT_LENGTH];
        for (int i = 0; i < SALT_LENGTH; i++) {
            char c = text.charAt(7 + i);
            if (c > 0xff) {
                return Optional.empty();
            }
            salt[i] = (byte) c;
        }
        String hash = text.substring(7 + SALT_LENGTH);
        for (int i = 0; i < hash.length(); i++) {
            if (ITOA64.indexOf(hash.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        if (rounds == 0) {
            return Optional.empty();
        }
        return Optional.of(new CachingSha2Password(rounds, salt, hash));
    }

    /** The verifier MySQL would store for this password, 20-byte salt and rounds (a multiple of 1000). */
    public static String create(String password, byte[] salt, int rounds) {
        if (salt.length != SALT_LENGTH || rounds <= 0 || rounds % ROUNDS_MULTIPLIER != 0) {
            throw new IllegalArgumentException("caching_sha2_password needs a 20-byte salt and rounds in thousands");
        }
        StringBuilder out = new StringBuilder(PREFIX)
                .append(String.format("%03X", rounds / ROUNDS_MULTIPLIER)).append('$');
        for (byte b : salt) {
            out.append((char) (b & 0xff));
        }
        return out.append(crypt(password.getBytes(StandardCharsets.UTF_8), salt, rounds)).toString();
    }

    public int rounds() {
        return rounds;
    }

    /** Whether {@code password} (as UTF-8) is the one this verifier was made from. */
    public boolean matches(String password) {
        String computed = crypt(password.getBytes(StandardCharsets.UTF_8), salt, rounds);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA-256 crypt's 43 characters for this password, salt and round count (Drepper, steps 1–22). */
    static String crypt(byte[] p, byte[] s, int rounds) {
        MessageDigest md = HmacSha256.sha256();
        // B = SHA256(P S P)
        md.update(p);
        md.update(s);
        md.update(p);
        byte[] b = md.digest();
        // A = SHA256(P S B-repeated-to-|P| and, per bit of |P|, B or P)
        md.update(p);
        md.update(s);
        int n;
        for (n = p.length; n > 32; n -= 32) {
            md.update(b, 0, 32);
        }
        md.update(b, 0, n);
        for (n = p.length; n > 0; n >>= 1) {
            if ((n & 1) != 0) {
                md.update(b, 0, 32);
            } else {
                md.update(p);
            }
        }
        byte[] a = md.digest();
        // P-sequence: SHA256(P repeated |P| times), repeated to |P| bytes
        for (int i = 0; i < p.length; i++) {
            md.update(p);
        }
        byte[] ps = repeat(md.digest(), p.length);
        // S-sequence: SHA256(S repeated 16 + A[0] times), repeated to |S| bytes
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(s);
        }
        byte[] ss = repeat(md.digest(), s.length);
        byte[] c = a;
        for (int i = 0; i < rounds; i++) {
            boolean odd = (i & 1) != 0;
            md.update(odd ? ps : c);
            if (i % 3 != 0) {
                md.update(ss);
            }
            if (i % 7 != 0) {
                md.update(ps);
            }
            md.update(odd ? c : ps);
            c = md.digest();
        }
        StringBuilder out = new StringBuilder(HASH_CHARS);
        int[][] groups = {{0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14}, {15, 25, 5}, {6, 16, 26},
                {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};
        for (int[] g : groups) {
            encode(out, c[g[0]], c[g[1]], c[g[2]], 4);
        }
        encode(out, (byte) 0, c[31], c[30], 3);
        return out.toString();
    }

    private static byte[] repeat(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i += digest.length) {
            System.arraycopy(digest, 0, out, i, Math.min(digest.length, length - i));
        }
        return out;
    }

    private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int chars) {
        int w = (b2 & 0xff) << 16 | (b1 & 0xff) << 8 | (b0 & 0xff);
        for (int i = 0; i < chars; i++) {
            out.append(ITOA64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    /** Never the salt or the hash. */
    @Override
    public String toString() {
        return "CachingSha2Password[" + rounds + " rounds]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CachingSha2Password other && rounds == other.rounds && Arrays.equals(salt, other.salt)
                && hash.equals(other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + hash.hashCode();
    }
}
