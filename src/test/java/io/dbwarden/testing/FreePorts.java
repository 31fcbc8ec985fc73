package io.dbwarden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Finds TCP ports on 127.0.0.1 that nothing is listening on. */
public final class FreePorts {
    /** Ports handed out by this JVM, never handed out twice (avoids races between parallel starts). */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** The machine's shared servers and other well-known ports: never returned. */
    private static final Set<Integer> RESERVED = Set.of(1883, 3306, 4222, 4369, 5432, 5672, 6379, 9100, 25672);

    private FreePorts() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may still grab it before the caller binds;
     * the server classes retry with a new port when that happens.
     */
    public static int find() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
            }
            if (!RESERVED.contains(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found on 127.0.0.1");
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean isAccepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
