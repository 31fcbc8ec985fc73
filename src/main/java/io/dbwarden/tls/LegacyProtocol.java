package io.dbwarden.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * TLS versions the JDK refuses to speak ({@code jdk.tls.disabledAlgorithms} lists TLSv1 and TLSv1.1, and that
 * property is read once per process), probed without the JDK's TLS stack: a hand-written ClientHello that offers
 * only this version, and a look at the first record the server answers with. A ServerHello for this version means
 * the server accepts it; an alert or a closed connection means it does not. The handshake is never finished, so
 * nothing is trusted and no global security property is touched.
 */
enum LegacyProtocol {
    TLS_1_0("TLSv1", 0x0301),
    TLS_1_1("TLSv1.1", 0x0302);

    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    /** Largest TLS record the peer may send (2^14 plus expansion). */
    private static final int MAX_RECORD = 16384 + 2048;
    /** CBC-SHA suites such versions use (ECDHE, DHE and plain RSA key exchange), 3DES, and the renegotiation SCSV. */
    private static final int[] CIPHER_SUITES = {
        0xc014, 0xc013, 0xc00a, 0xc009, 0x0039, 0x0033, 0x0035, 0x002f, 0x000a, 0x00ff};
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String protocolName;
    private final int wireVersion;

    LegacyProtocol(String protocolName, int wireVersion) {
        this.protocolName = protocolName;
        this.wireVersion = wireVersion;
    }

    /** The name servers and the JDK use: TLSv1, TLSv1.1. */
    String protocolName() {
        return protocolName;
    }

    /** A ClientHello offering only this version; with server_name when {@code host} is a name, not an address. */
    byte[] clientHello(String host) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeShort(body, wireVersion);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        writeShort(body, CIPHER_SUITES.length * 2);
        for (int suite : CIPHER_SUITES) {
            writeShort(body, suite);
        }
        body.write(1); // one compression method:
        body.write(0); // null
        byte[] extensions = extensions(host);
        writeShort(body, extensions.length);
        body.writeBytes(extensions);

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        writeShort(record, 0x0301);
        writeShort(record, body.size() + 4);
        record.write(CLIENT_HELLO);
        record.write(0);
        writeShort(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static byte[] extensions(String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (host != null && !IP_LITERAL.matcher(host).matches()) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            writeShort(out, 0x0000); // server_name
            writeShort(out, name.length + 5);
            writeShort(out, name.length + 3);
            out.write(0); // host_name
            writeShort(out, name.length);
            out.writeBytes(name);
        }
        writeShort(out, 0x000a); // supported_groups: x25519, secp256r1, secp384r1
        writeShort(out, 8);
        writeShort(out, 6);
        writeShort(out, 0x001d);
        writeShort(out, 0x0017);
        writeShort(out, 0x0018);
        writeShort(out, 0x000b); // ec_point_formats: uncompressed
        writeShort(out, 2);
        out.write(1);
        out.write(0);
        return out.toByteArray();
    }

    /**
     * Reads the server's answer to {@link #clientHello}.
     *
     * @return true when the server chose this version in a ServerHello
     */
    boolean acceptedBy(InputStream in) throws IOException {
        byte[] header = in.readNBytes(5);
        if (header.length < 5) {
            return false; // closed without a word: refused
        }
        int type = header[0] & 0xff;
        int length = (header[3] & 0xff) << 8 | (header[4] & 0xff);
        if (type == ALERT) {
            return false;
        }
        if (type != HANDSHAKE || length < 6 || length > MAX_RECORD) {
            throw new ProtocolException("the server answered a " + protocolName
                    + " ClientHello with a record that is not TLS (type " + type + ", " + length + " bytes)");
        }
        byte[] fragment = StartTls.readFully(in, length, "its ServerHello");
        if ((fragment[0] & 0xff) != SERVER_HELLO) {
            throw new ProtocolException("the server answered a " + protocolName
                    + " ClientHello with handshake message " + (fragment[0] & 0xff) + ", not a ServerHello");
        }
        int chosen = (fragment[4] & 0xff) << 8 | (fragment[5] & 0xff);
        return chosen == wireVersion;
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
