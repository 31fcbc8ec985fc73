package io.dbwarden.target;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port that behaves like a dead server without sending traffic anywhere else: it listens but never
 * accepts, so connections either complete and then get no answer, or (once its tiny accept queue is full) see
 * their SYNs dropped and never complete.
 */
final class HangingServer implements AutoCloseable {

    private static final int MAX_FILLERS = 16;

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    private HangingServer() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** Connections complete, then the server says nothing. */
    static HangingServer silent() throws IOException {
        return new HangingServer();
    }

    /** The accept queue is full, so new connections hang in the TCP handshake like an unroutable address. */
    static HangingServer droppingConnections() throws IOException {
        HangingServer server = new HangingServer();
        for (int i = 0; i < MAX_FILLERS; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 300);
                server.fillers.add(filler);
            } catch (SocketTimeoutException e) {
                filler.close();
                return server;
            }
        }
        server.close();
        throw new IllegalStateException("the accept queue never filled up");
    }

    /** A loopback port on which nothing listens. */
    static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : fillers) {
            filler.close();
        }
        listener.close();
    }
}
