package io.dbwarden.checks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The TLS front of a PostgreSQL server, in the JDK: answers the SSLRequest with 'S', then completes a TLS
 * handshake with the certificate of a PKCS#12 file, and goes no further (no startup, no authentication). It stands
 * in for PostgreSQL where PostgreSQL itself cannot serve a certificate, e.g. one with a 1024-bit key under
 * OpenSSL 3's security level 2. Listens on 127.0.0.1 only.
 */
public final class TlsPostgresEndpoint implements AutoCloseable {

    private static final int SSL_REQUEST_CODE = 80877103;

    private final ServerSocket listener;
    private final SSLContext context;
    private final Thread acceptor;

    private TlsPostgresEndpoint(ServerSocket listener, SSLContext context) {
        this.listener = listener;
        this.context = context;
        this.acceptor = Thread.ofVirtual().name("tls-postgres-endpoint").start(this::acceptLoop);
    }

    public static TlsPostgresEndpoint serving(Path keyStore, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new TlsPostgresEndpoint(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), context);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            int code = in.readInt();
            if (length != 8 || code != SSL_REQUEST_CODE) {
                return;
            }
            socket.getOutputStream().write('S');
            socket.getOutputStream().flush();
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, true)) {
                tls.startHandshake();
                tls.getInputStream().read(); // until the client closes
            }
        } catch (IOException e) {
            // the probe hangs up as soon as it has what it wants
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        acceptor.interrupt();
    }
}
