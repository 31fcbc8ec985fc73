package io.dbwarden.app;

/**
 * Finds and masks an inline password in DSN text without parsing the rest or resolving references: a password in
 * the user information ({@code user:secret@host}) or a {@code password=} parameter that is not {@code env:} or
 * {@code file:}.
 */
final class DsnPasswords {

    private static final String MASK = "***";

    private DsnPasswords() {
    }

    static boolean hasInline(String dsn) {
        boolean[] found = new boolean[1];
        mask(dsn, found);
        return found[0];
    }

    static String redact(String dsn) {
        return mask(dsn, new boolean[1]);
    }

    /** The DSN with inline passwords masked; {@code found[0]} tells whether there was one (even one spelled ***). */
    private static String mask(String dsn, boolean[] found) {
        int start = dsn.indexOf("://");
        if (start < 0) {
            return dsn;
        }
        start += 3;
        int authorityEnd = start;
        while (authorityEnd < dsn.length() && dsn.charAt(authorityEnd) != '/' && dsn.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        StringBuilder out = new StringBuilder(dsn.substring(0, start));
        int at = dsn.lastIndexOf('@', authorityEnd - 1);
        int colon = at < start ? -1 : dsn.indexOf(':', start);
        if (colon >= 0 && colon < at && at > colon + 1) {
            out.append(dsn, start, colon + 1).append(MASK).append(dsn, at, authorityEnd);
            found[0] = true;
        } else {
            out.append(dsn, start, authorityEnd);
        }
        int query = dsn.indexOf('?', authorityEnd);
        if (query < 0) {
            return out.append(dsn.substring(authorityEnd)).toString();
        }
        out.append(dsn, authorityEnd, query + 1);
        String[] params = dsn.substring(query + 1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            String param = params[i];
            if (i > 0) {
                out.append('&');
            }
            int eq = param.indexOf('=');
            String value = eq < 0 ? "" : param.substring(eq + 1);
            boolean inline = eq >= 0 && param.substring(0, eq).equalsIgnoreCase("password") && !value.isEmpty()
                    && !value.startsWith("env:") && !value.startsWith("file:");
            out.append(inline ? param.substring(0, eq + 1) + MASK : param);
            found[0] |= inline;
        }
        return out.toString();
    }
}
