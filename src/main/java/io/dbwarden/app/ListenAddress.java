package io.dbwarden.app;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the service listens: {@code 127.0.0.1:9650}, {@code [::1]:9650}, {@code localhost:9650}, or {@code :9650}
 * for every interface. Port 0 asks the system for a free port (tests use it).
 *
 * @param host an IP address or host name, without IPv6 brackets; empty for every interface
 */
public record ListenAddress(String host, int port) {

    private static final int MAX_PORT = 65_535;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]*)");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Where a fresh installation listens: loopback only (declared after the patterns its constructor uses). */
    public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 9650);

    public ListenAddress {
        if (host == null) {
            throw new IllegalArgumentException("listen address has no host");
        }
        if (!host.isEmpty() && !HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("listen host '" + host + "' is neither a host name nor an IP address");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("listen port " + port + " is outside 0-" + MAX_PORT);
        }
    }

    /** Parses {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code :PORT}. */
    public static ListenAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("listen address '" + text + "' must look like [::1]:9650");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon < 0 || t.indexOf(':') != colon) {
                throw new IllegalArgumentException("listen address '" + text
                        + "' must be HOST:PORT such as 127.0.0.1:9650 ([::1]:9650 for IPv6, :9650 for every interface)");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("listen address '" + text + "' has no valid port");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    /** Whether only this machine can connect; decided from the text, without name resolution. */
    public boolean isLoopback() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches() || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
