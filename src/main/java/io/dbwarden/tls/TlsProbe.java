package io.dbwarden.tls;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Reads a server's TLS parameters the way its own clients reach them: TCP, the protocol's request to switch to TLS,
 * then a handshake that accepts any certificate. Nothing but the handshake is sent; the connection is closed right
 * after. Every connect and read is bounded by the timeout.
 */
final class TlsProbe {

    /** What one completed handshake showed. */
    record Handshake(String protocol, String cipher, List<X509Certificate> chain) {
        Handshake {
            chain = List.copyOf(chain);
        }
    }

    private final Duration timeout;

    TlsProbe(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * A handshake with the protocols this JVM allows (TLSv1.2 and TLSv1.3 by default).
     *
     * @return empty when the server does not offer TLS on this port
     */
    Optional<Handshake> handshake(StartTls startTls, String host, int port) throws TlsProbeException {
        String step = "the TCP connect";
        try (Socket socket = connect(host, port)) {
            step = startTls.exchange();
            if (!startTls.request(socket.getInputStream(), socket.getOutputStream())) {
                return Optional.empty();
            }
            step = "the TLS handshake";
            SSLContext context = SSLContext.getInstance("TLS"); // fresh each time: no resumed session, no stale peer
            context.init(null, new TrustManager[] {new TrustAnyCertificate()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true)) {
                tls.setUseClientMode(true);
                tls.setSoTimeout(millis());
                tls.startHandshake();
                SSLSession session = tls.getSession();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : session.getPeerCertificates()) {
                    if (c instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
                if (chain.isEmpty()) {
                    throw new TlsProbeException("the server presented no X.509 certificate", null);
                }
                return Optional.of(new Handshake(session.getProtocol(), session.getCipherSuite(), chain));
            }
        } catch (GeneralSecurityException e) {
            throw new TlsProbeException("this JVM cannot set up TLS: " + e.getMessage(), e);
        } catch (IOException e) {
            throw failure(e, host, port, step);
        }
    }

    /** Whether the server completes a ServerHello for this protocol version alone. */
    boolean accepts(StartTls startTls, String host, int port, LegacyProtocol protocol) throws TlsProbeException {
        String step = "the TCP connect";
        try (Socket socket = connect(host, port)) {
            step = startTls.exchange();
            if (!startTls.request(socket.getInputStream(), socket.getOutputStream())) {
                return false;
            }
            step = "a " + protocol.protocolName() + " ClientHello";
            socket.getOutputStream().write(protocol.clientHello(host));
            socket.getOutputStream().flush();
            return protocol.acceptedBy(socket.getInputStream());
        } catch (IOException e) {
            throw failure(e, host, port, step);
        }
    }

    private Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), millis());
            socket.setSoTimeout(millis());
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    private TlsProbeException failure(IOException e, String host, int port, String step) {
        String endpoint = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        String sentence;
        if (e instanceof UnknownHostException) {
            sentence = "cannot resolve host '" + host + "'";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            sentence = "cannot connect to " + endpoint + ": " + e.getMessage();
        } else if (e instanceof SocketTimeoutException) {
            sentence = endpoint + " did not answer within " + io.dbwarden.units.Durations.format(timeout)
                    + " during " + step;
        } else if (e instanceof SSLHandshakeException || e instanceof SSLException) {
            sentence = step + " with " + endpoint + " failed: " + e.getMessage();
        } else if (e instanceof EOFException || e instanceof ProtocolException) {
            sentence = endpoint + ": " + e.getMessage();
        } else {
            sentence = step + " with " + endpoint + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return new TlsProbeException(sentence, e);
    }
}
