package io.dbwarden.tls;

import io.dbwarden.target.Engine;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How each database protocol turns a fresh TCP connection into one ready for a TLS ClientHello: PostgreSQL's
 * SSLRequest and the MySQL/MariaDB SSL Request packet. Reads exactly the bytes of the protocol and no more, so that
 * the TLS handshake can follow on the same stream.
 */
enum StartTls {

    POSTGRESQL("the SSLRequest") {
        /** Int32 length 8, Int32 80877103 (1234 &lt;&lt; 16 | 5679). */
        private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

        @Override
        boolean request(InputStream in, OutputStream out) throws IOException {
            out.write(SSL_REQUEST);
            out.flush();
            int answer = in.read();
            return switch (answer) {
                case 'S' -> true;
                case 'N' -> false;
                case -1 -> throw new EOFException("the server closed the connection instead of answering the SSLRequest");
                default -> throw new ProtocolException("the server answered the SSLRequest with byte 0x"
                        + Integer.toHexString(answer) + ", not 'S' or 'N': is it a PostgreSQL server?");
            };
        }
    },

    MYSQL("the server greeting and SSL Request") {
        private static final int PROTOCOL_10 = 10;
        private static final int ERROR_PACKET = 0xff;
        private static final int CLIENT_LONG_PASSWORD = 0x0001;
        private static final int CLIENT_PROTOCOL_41 = 0x0200;
        private static final int CLIENT_SSL = 0x0800;
        private static final int CLIENT_TRANSACTIONS = 0x2000;
        private static final int CLIENT_SECURE_CONNECTION = 0x8000;
        private static final int MAX_PACKET = 16 * 1024 * 1024;
        /** utf8mb4_general_ci, when the greeting names no character set. */
        private static final int DEFAULT_CHARSET = 45;
        /** A greeting is well under 200 bytes; anything this long is not a MySQL server. */
        private static final int MAX_GREETING = 64 * 1024;

        @Override
        boolean request(InputStream in, OutputStream out) throws IOException {
            byte[] header = readFully(in, 4, "its greeting");
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            if (length < 1 || length > MAX_GREETING) {
                throw new ProtocolException("the server's first packet is " + length
                        + " bytes long: is it a MySQL/MariaDB server?");
            }
            byte[] greeting = readFully(in, length, "its greeting");
            int protocol = greeting[0] & 0xff;
            if (protocol == ERROR_PACKET) {
                throw new ProtocolException("the server refused the connection: " + errorMessage(greeting));
            }
            if (protocol != PROTOCOL_10) {
                throw new ProtocolException("the server greeted with protocol version " + protocol
                        + ", not 10: is it a MySQL/MariaDB server?");
            }
            int pos = 1;
            while (pos < greeting.length && greeting[pos] != 0) {
                pos++; // server version, NUL-terminated
            }
            pos += 1 + 4 + 8 + 1; // NUL, connection id, auth-plugin-data part 1, filler
            if (pos + 2 > greeting.length) {
                throw new ProtocolException("the server's greeting is truncated (" + greeting.length + " bytes)");
            }
            int capabilities = (greeting[pos] & 0xff) | (greeting[pos + 1] & 0xff) << 8;
            int charset = pos + 2 < greeting.length ? greeting[pos + 2] & 0xff : DEFAULT_CHARSET;
            if ((capabilities & CLIENT_SSL) == 0) {
                return false;
            }
            byte[] packet = new byte[4 + 32]; // header, then 32 bytes: flags, max packet, charset, 23 zero bytes
            packet[0] = 32;
            packet[3] = (byte) (header[3] + 1);
            writeInt32(packet, 4, CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_TRANSACTIONS
                    | CLIENT_SECURE_CONNECTION);
            writeInt32(packet, 8, MAX_PACKET);
            packet[12] = (byte) (charset == 0 ? DEFAULT_CHARSET : charset);
            out.write(packet);
            out.flush();
            return true;
        }

        private static String errorMessage(byte[] packet) {
            if (packet.length < 3) {
                return "error packet without a message";
            }
            int code = (packet[1] & 0xff) | (packet[2] & 0xff) << 8;
            int start = packet.length > 3 && packet[3] == '#' ? 9 : 3;
            String text = start < packet.length
                    ? new String(packet, start, packet.length - start, StandardCharsets.UTF_8) : "";
            return text + " (error " + code + ")";
        }

        private static void writeInt32(byte[] buffer, int offset, int value) {
            for (int i = 0; i < 4; i++) {
                buffer[offset + i] = (byte) (value >>> (8 * i));
            }
        }
    };

    private final String exchange;

    StartTls(String exchange) {
        this.exchange = exchange;
    }

    /** How TLS starts on this engine's protocol; empty for engines the probe does not speak. */
    static Optional<StartTls> of(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> Optional.of(POSTGRESQL);
            case MYSQL -> Optional.of(MYSQL);
            case MONGODB -> Optional.empty();
        };
    }

    /** The protocol step that asks for TLS, for messages: "the SSLRequest". */
    String exchange() {
        return exchange;
    }

    /**
     * Asks the server to switch to TLS on this connection.
     *
     * @return true when the next bytes on the connection are to be a TLS handshake; false when the server does not
     *     offer TLS
     */
    abstract boolean request(InputStream in, OutputStream out) throws IOException;

    static byte[] readFully(InputStream in, int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the server closed the connection in the middle of " + what);
        }
        return bytes;
    }
}
