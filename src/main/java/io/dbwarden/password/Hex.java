package io.dbwarden.password;

/** Hex helpers that never echo their input in an exception. */
final class Hex {
    private Hex() {
    }

    static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes {@code s[from, to)} (even length, hex digits, either case); callers check {@link #isHex} first. */
    static byte[] decode(String s, int from, int to) {
        byte[] out = new byte[(to - from) / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(from + 2 * i), 16);
            int lo = Character.digit(s.charAt(from + 2 * i + 1), 16);
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
