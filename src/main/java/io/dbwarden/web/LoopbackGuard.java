package io.dbwarden.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps web pages away from a server that has no tokens. Such a server treats every caller as an admin, trusting
 * that only this machine can reach it; a browser on this machine is the exception: a page from anywhere can make
 * it send requests to 127.0.0.1 (cross-site requests), or rename itself to 127.0.0.1 (DNS rebinding). So a request
 * must be addressed to a loopback name ({@code Host}) and, when a browser says where it comes from
 * ({@code Origin}), come from this server itself. A server with tokens needs none of this: browsers never attach an
 * {@code Authorization} header on their own.
 */
final class LoopbackGuard {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6_LOOPBACK = Pattern.compile("(0{0,4}:){2,7}0{0,3}1|::1");

    private final String listenHost;

    LoopbackGuard(String listenHost) {
        this.listenHost = listenHost.toLowerCase(Locale.ROOT);
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !isLoopbackName(hostName(host))) {
            throw Forbidden.foreignHost(host == null ? "" : host);
        }
        String origin = ctx.header("Origin");
        if (origin != null && !isThisServer(origin, ctx.req().getLocalPort())) {
            throw Forbidden.crossOrigin(origin);
        }
    }

    private boolean isThisServer(String origin, int port) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        int originPort = uri.getPort() == -1 ? 80 : uri.getPort();
        return originPort == port && isLoopbackName(stripBrackets(uri.getHost()));
    }

    private boolean isLoopbackName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.equals(listenHost) || lower.equals(stripBrackets(listenHost))
                || IPV4_LOOPBACK.matcher(lower).matches() || IPV6_LOOPBACK.matcher(lower).matches();
    }

    /** The name in a Host header: {@code [::1]:9650} → {@code ::1}, {@code localhost:9650} → {@code localhost}. */
    private static String hostName(String hostHeader) {
        String host = hostHeader.strip();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
