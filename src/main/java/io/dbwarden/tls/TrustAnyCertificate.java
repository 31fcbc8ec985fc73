package io.dbwarden.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server certificate: the probe inspects the certificate, it never trusts the connection (nothing is
 * sent over it). It is an {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain X509TrustManager in one
 * that applies its own certificate-path constraints, which would refuse exactly the weak certificates we must read.
 */
final class TrustAnyCertificate extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // inspected, not trusted
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // inspected, not trusted
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // inspected, not trusted
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("the probe is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("the probe is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("the probe is a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
