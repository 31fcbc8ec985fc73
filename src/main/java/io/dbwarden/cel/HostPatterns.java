package io.dbwarden.cel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies the host patterns servers use to say where a client may connect from: MySQL
 * account hosts ({@code 10.%}, {@code 192.168.1.0/255.255.255.0}, {@code localhost}) and
 * PostgreSQL pg_hba addresses ({@code 127.0.0.1/32}, {@code samenet}). Names other than
 * localhost cannot be resolved safely here, so they count as neither loopback nor private.
 */
final class HostPatterns {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostPatterns() {}

    static boolean isLoopback(String pattern) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (p.equals("localhost") || p.equals("::1") || p.equals("::1/128") || p.equals("samehost")) {
            return true;
        }
        String address = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
        if (p.contains("/") && address.startsWith("127.")) {
            return prefixLength(p) >= 8;
        }
        return IPV4_LITERAL.matcher(address).matches() && address.startsWith("127.")
                || wildcardPrefix(p).map(prefix -> prefix.startsWith("127.")).orElse(false);
    }

    static boolean isPrivateNetwork(String pattern) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (isLoopback(p) || p.equals("samenet")) {
            return true;
        }
        java.util.Optional<String> wildcard = wildcardPrefix(p);
        if (wildcard.isPresent()) {
            return privatePrefix(wildcard.get());
        }
        String address = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
        if (!IPV4_LITERAL.matcher(address).matches() && !address.contains(":")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(address);
            boolean inRange = a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
                    || isUniqueLocalV6(a);
            return inRange && (!p.contains("/") || prefixLength(p) >= minimumPrefix(a));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isUniqueLocalV6(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** The smallest prefix that keeps a network inside its private range (10/8, 172.16/12, 192.168/16). */
    private static int minimumPrefix(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return 7;
        }
        int first = b[0] & 0xff;
        return first == 10 ? 8 : first == 172 ? 12 : first == 127 ? 8 : 16;
    }

    /** Prefix length of {@code a/24} or {@code a/255.255.255.0}; 0 when it cannot be read. */
    private static int prefixLength(String cidr) {
        String mask = cidr.substring(cidr.indexOf('/') + 1);
        if (mask.matches("\\d{1,3}")) {
            return Integer.parseInt(mask);
        }
        if (IPV4_LITERAL.matcher(mask).matches()) {
            int bits = 0;
            for (String octet : mask.split("\\.")) {
                bits += Integer.bitCount(Integer.parseInt(octet) & 0xff);
            }
            return bits;
        }
        return 0;
    }

    /** For MySQL wildcards ({@code 10.%}, {@code 192.168._.%}) the literal part before the first wildcard. */
    private static java.util.Optional<String> wildcardPrefix(String p) {
        int i = indexOfWildcard(p);
        return i < 0 ? java.util.Optional.empty() : java.util.Optional.of(p.substring(0, i));
    }

    private static int indexOfWildcard(String p) {
        int percent = p.indexOf('%');
        int underscore = p.indexOf('_');
        if (percent < 0) {
            return underscore;
        }
        return underscore < 0 ? percent : Math.min(percent, underscore);
    }

    private static boolean privatePrefix(String prefix) {
        if (prefix.contains(":")) {
            // fc00::/7 unique-local and fe80::/10 link-local, decided by the first group
            String first = prefix.substring(0, prefix.indexOf(':'));
            return first.length() == 4 && (first.startsWith("fc") || first.startsWith("fd") || first.matches("fe[89ab]."));
        }
        if (prefix.startsWith("10.") || prefix.startsWith("192.168.") || prefix.startsWith("127.")) {
            return true;
        }
        if (prefix.startsWith("172.")) {
            String[] parts = prefix.split("\\.");
            if (parts.length >= 2 && parts[1].matches("\\d+") && prefix.length() > parts[0].length() + parts[1].length() + 1) {
                int second = Integer.parseInt(parts[1]);
                return second >= 16 && second <= 31;
            }
        }
        return false;
    }
}
