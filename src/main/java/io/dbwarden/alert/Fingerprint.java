package io.dbwarden.alert;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The identity of a label set as Alertmanager computes it (Prometheus {@code model.LabelSet.Fingerprint}): 64-bit
 * FNV-1a over every label in name order, each name and each value followed by the byte 0xff (which never occurs in
 * UTF-8), printed as 16 lower-case hex digits.
 */
public record Fingerprint(long value) {

    /** FNV-1a 64-bit offset basis (14695981039346656037 unsigned). */
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    /** FNV-1a 64-bit prime (1099511628211). */
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Ends every name and value, so ("ab","c") and ("a","bc") hash apart. */
    private static final int SEPARATOR = 0xff;
    private static final int HEX_DIGITS = 16;

    /** The fingerprint of labels already sorted by name (as a {@link LabelSet} keeps them). */
    static Fingerprint of(SortedMap<String, String> labels) {
        long hash = FNV_OFFSET_BASIS;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            hash = add(hash, label.getKey());
            hash = add(hash, SEPARATOR);
            hash = add(hash, label.getValue());
            hash = add(hash, SEPARATOR);
        }
        return new Fingerprint(hash);
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = add(hash, b & 0xff);
        }
        return hash;
    }

    private static long add(long hash, int octet) {
        return (hash ^ octet) * FNV_PRIME;
    }

    /** Reads the 16-hex-digit form Alertmanager prints, e.g. in {@code GET /api/v2/alerts}. */
    public static Fingerprint parse(String hex) {
        if (hex == null || hex.length() != HEX_DIGITS || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a fingerprint is " + HEX_DIGITS + " hex digits, not '" + hex + "'");
        }
        return new Fingerprint(HexFormat.fromHexDigitsToLong(hex));
    }

    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(value);
    }
}
