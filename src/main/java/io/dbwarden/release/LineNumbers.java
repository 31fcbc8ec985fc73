package io.dbwarden.release;

import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a version number splits into its release line and its place in that line. PostgreSQL 10 and
 * later: the line is the first number and the minor release the second ("15.10" is line 15,
 * release 10); PostgreSQL before 10: "9.6.24" is line 9.6, release 24. MySQL, MariaDB and Percona
 * Server: "8.0.36" is line 8.0, release 36 (Percona's build suffix, "-28", is not compared).
 */
final class LineNumbers {

    private LineNumbers() {}

    private static final Pattern POSTGRES_LINE = Pattern.compile("(?:[1-9]\\d+|[6-9]\\.\\d)");
    private static final Pattern MYSQL_LINE = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern BUILD = Pattern.compile("-(\\d+)");

    /** Orders lines numerically: 9.6 < 10 and 10.9 < 10.11. */
    static final Comparator<String> ORDER = (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : -1, i < y.length ? Integer.parseInt(y[i]) : -1);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    static boolean isLine(Flavor flavor, String line) {
        return (flavor == Flavor.POSTGRESQL ? POSTGRES_LINE : MYSQL_LINE).matcher(line).matches();
    }

    /** The release number of {@code version} within {@code line}, or -1 when it is not a release of that line. */
    static int releaseIn(Flavor flavor, String line, String version) {
        String rest = version.startsWith(line + ".") ? version.substring(line.length() + 1) : null;
        if (rest == null) {
            return -1;
        }
        Matcher build = BUILD.matcher(rest);
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            if (flavor != Flavor.PERCONA || !build.region(dash, rest.length()).matches()) {
                return -1;
            }
            rest = rest.substring(0, dash);
        }
        return rest.matches("\\d{1,6}") ? Integer.parseInt(rest) : -1;
    }

    /** The line a running server belongs to. */
    static String lineOf(ServerVersion v) {
        ServerVersion n = v;
        if (n.flavor() == Flavor.POSTGRESQL && n.major() >= 10) {
            return Integer.toString(n.major());
        }
        return n.major() + "." + n.minor();
    }

    /** The running server's release number within its line. */
    static int releaseOf(ServerVersion v) {
        ServerVersion n = v;
        return n.flavor() == Flavor.POSTGRESQL && n.major() >= 10 ? n.minor() : n.patch();
    }

    /** The running version as people write it: "15.20", "9.6.24", "10.11.19", "8.0.36-28". */
    static String running(ServerVersion v) {
        ServerVersion n = v;
        if (n.flavor() == Flavor.POSTGRESQL && n.major() >= 10) {
            return n.major() + "." + n.minor();
        }
        String number = n.major() + "." + n.minor() + "." + n.patch();
        if (n.flavor() == Flavor.PERCONA) {
            Matcher m = Pattern.compile(Pattern.quote(number) + "(-\\d+)").matcher(n.full());
            if (m.lookingAt()) {
                return number + m.group(1);
            }
        }
        return number;
    }
}
