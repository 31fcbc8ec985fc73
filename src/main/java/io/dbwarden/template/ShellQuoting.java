package io.dbwarden.template;

import java.util.regex.Pattern;

/** POSIX shell quoting for a value placed in a command line (pg_repack --dbname=…, vacuumdb -d …). */
final class ShellQuoting {

    /** Characters no POSIX shell treats specially; a word made only of them needs no quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {}

    static String word(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
