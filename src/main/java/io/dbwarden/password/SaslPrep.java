package io.dbwarden.password;

import java.text.Normalizer;

/**
 * The password normalisation PostgreSQL applies before SCRAM (its {@code pg_saslprep}, RFC 4013): a pure ASCII
 * password is used as it is; otherwise non-ASCII spaces become U+0020, "commonly mapped to nothing" characters
 * are dropped and the result is NFKC-normalised. When the result holds a prohibited character PostgreSQL falls
 * back to the raw bytes, and so does this. Best effort: the bidirectional-text rule and unassigned code points are
 * not checked (a candidate that normalises differently only goes undetected, it never makes a false match).
 */
final class SaslPrep {

    private SaslPrep() {
    }

    static String prepare(String password) {
        if (isAscii(password)) {
            return password;
        }
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        if (normalized.isEmpty() || normalized.codePoints().anyMatch(SaslPrep::isProhibited)) {
            return password;
        }
        return normalized;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 table B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 4013 section 2.3 (tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9), approximately. */
    private static boolean isProhibited(int cp) {
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
            return true;
        }
        if (isNonAsciiSpace(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.PRIVATE_USE || type == Character.SURROGATE) {
            return true;
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return true;
        }
        if ((cp >= 0xFFF9 && cp <= 0xFFFD) || (cp >= 0x2FF0 && cp <= 0x2FFB)) {
            return true;
        }
        if (cp == 0x0340 || cp == 0x0341 || (cp >= 0x200E && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x206A && cp <= 0x206F)) {
            return true;
        }
        return cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E
                || (cp >= 0x200C && cp <= 0x200D) || (cp >= 0x2028 && cp <= 0x2029) || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x1D173 && cp <= 0x1D17A);
    }
}
