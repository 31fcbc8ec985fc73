package io.dbwarden.sql;

/** Character helpers both lexers share. */
final class Words {

    private static final String PUNCTUATION = "()[],;.";

    private Words() {}

    /** Both servers fold only ASCII letters in keywords and unquoted names. */
    static String lowerAscii(String s) {
        char[] out = null;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[k] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? s : new String(out);
    }

    static boolean isPunctuation(char c) {
        return PUNCTUATION.indexOf(c) >= 0;
    }
}
