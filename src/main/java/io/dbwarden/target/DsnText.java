package io.dbwarden.target;

/**
 * The DSN text being parsed, and the only way the parser quotes it back in a message.
 *
 * <p>Because a password with unencoded reserved characters can make any piece of the input look like a port, a
 * database or a parameter, every quoted piece is checked against the span of the text that could hold an inline
 * password (between the first ':' after "://" and the last '@') and shown as '***' when they overlap.
 */
final class DsnText {

    /** Longer pieces are cut in messages: enough to recognise the piece, short enough for one line. */
    private static final int MAX_QUOTED = 80;

    private final String text;
    private final int secretStart;
    private final int secretEnd;

    DsnText(String text) {
        this.text = text == null ? "" : text.strip();
        int start = this.text.indexOf("://");
        int at = this.text.lastIndexOf('@');
        int colon = start < 0 ? -1 : this.text.indexOf(':', start + 3);
        if (start >= 0 && colon >= 0 && colon < at) {
            secretStart = colon + 1;
            secretEnd = at;
        } else {
            secretStart = -1;
            secretEnd = -1;
        }
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    int length() {
        return text.length();
    }

    char charAt(int index) {
        return text.charAt(index);
    }

    boolean startsWithIgnoringCase(String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Never call it on the span that may hold the password: use {@link #decodeSecret}. */
    String substring(int start, int end) {
        return text.substring(start, end);
    }

    int indexOf(String s) {
        return text.indexOf(s);
    }

    int indexOf(char c) {
        return text.indexOf(c);
    }

    /** First index of {@code c} at or after {@code from}; -1 when none. */
    int indexOf(char c, int from) {
        return text.indexOf(c, from);
    }

    /** First index of {@code c} in [from, to); -1 when none. */
    int indexOf(char c, int from, int to) {
        int index = text.indexOf(c, from);
        return index >= 0 && index < to ? index : -1;
    }

    /** Last index of {@code c} at or before {@code from}; -1 when none. */
    int lastIndexOf(char c, int from) {
        return text.lastIndexOf(c, from);
    }

    /** First index at or after {@code from} of any of {@code chars}; the length when none. */
    int indexOfAny(String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** Quotes the input between start and end for a message, or '***' when it may overlap the password. */
    String quote(int start, int end) {
        if (secretStart >= 0 && start < secretEnd && end > secretStart) {
            return "'***'";
        }
        return quoted(text.substring(start, end));
    }

    /** Quotes an already decoded value that did not come straight from a known span of the input. */
    String quoteValue(String value) {
        if (secretStart >= 0) {
            String secret = text.substring(secretStart, secretEnd);
            if (!secret.isEmpty() && (secret.contains(value) || value.contains(secret))) {
                return "'***'";
            }
        }
        return quoted(value);
    }

    /** Percent-decodes the input between start and end; {@code what} names it in the error. */
    String decode(int start, int end, String what) throws DsnException {
        try {
            return PercentCoding.decode(text.substring(start, end));
        } catch (IllegalArgumentException e) {
            throw new DsnException(what + " " + quote(start, end) + " has invalid percent-encoding");
        }
    }

    /** Percent-decodes a password; the error does not quote it. */
    String decodeSecret(int start, int end) throws DsnException {
        try {
            return PercentCoding.decode(text.substring(start, end));
        } catch (IllegalArgumentException e) {
            throw new DsnException("the password has invalid percent-encoding (encode '%' as %25)");
        }
    }

    private static String quoted(String raw) {
        return "'" + (raw.length() > MAX_QUOTED ? raw.substring(0, MAX_QUOTED) + "…" : raw) + "'";
    }
}
