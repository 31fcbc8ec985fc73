package io.dbwarden.sql;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the MySQL client/server protocol to hand MariaDB a text exactly as written and learn how it
 * prepares it (COM_STMT_PREPARE never executes and, without CLIENT_MULTI_STATEMENTS, refuses a second statement).
 * JDBC drivers rewrite SQL on their own reading of it, which is what the oracle must not depend on. Logs in as a
 * user without a password (the harness's private servers).
 */
final class MysqlWire implements AutoCloseable {

    /** Read timeout per packet; a private server answers in milliseconds. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_CONNECT_WITH_DB = 0x8;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_TRANSACTIONS = 0x2000;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;
    /** utf8mb4_general_ci, as the MariaDB JDBC driver asks for. */
    private static final int UTF8MB4 = 45;
    private static final int MAX_PACKET = 16 * 1024 * 1024;

    /** The server's answer to COM_STMT_PREPARE or COM_QUERY (OK or error only). */
    record Answer(int errorCode, String errorMessage, int columns) {
        boolean failed() {
            return errorCode != 0;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int sequence;

    MysqlWire(String host, int port, String user, String database) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] greeting = readPacket();
        if ((greeting[0] & 0xff) == 0xff) {
            throw new IOException("server refused the connection: " + error(greeting).errorMessage());
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int capabilities = CLIENT_LONG_PASSWORD | CLIENT_CONNECT_WITH_DB | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS
                | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH;
        int4(response, capabilities);
        int4(response, MAX_PACKET);
        response.write(UTF8MB4);
        response.write(new byte[23]);
        cstring(response, user);
        response.write(0);
        cstring(response, database);
        cstring(response, "mysql_native_password");
        writePacket(response.toByteArray());
        byte[] reply = readPacket();
        if ((reply[0] & 0xff) == 0xfe) {
            writePacket(new byte[0]);
            reply = readPacket();
        }
        if ((reply[0] & 0xff) != 0) {
            throw new IOException("login refused: " + error(reply).errorMessage());
        }
    }

    /** COM_QUERY for a statement that returns no rows (SET …); OK or error. */
    Answer query(String sql) throws IOException {
        Rows rows = rows(sql);
        if (!rows.rows().isEmpty()) {
            throw new IOException("the statement returned rows: " + sql);
        }
        return rows.answer();
    }

    /** The rows of a statement run with COM_QUERY, every value as text (null for NULL). */
    record Rows(Answer answer, List<List<String>> rows) {}

    /** COM_QUERY; the rows of its result set, or the error. */
    Rows rows(String sql) throws IOException {
        sequence = 0;
        writePacket(command(0x03, sql));
        byte[] first = readPacket();
        if ((first[0] & 0xff) == 0xff) {
            return new Rows(error(first), List.of());
        }
        List<List<String>> rows = new ArrayList<>();
        if ((first[0] & 0xff) == 0) {
            return new Rows(new Answer(0, null, 0), rows);
        }
        int columns = (int) new Reader(first).lengthEncoded();
        for (int c = 0; c < columns; c++) {
            readPacket();
        }
        readPacket();
        while (true) {
            byte[] row = readPacket();
            if ((row[0] & 0xff) == 0xfe && row.length < 9) {
                return new Rows(new Answer(0, null, columns), rows);
            }
            if ((row[0] & 0xff) == 0xff) {
                return new Rows(error(row), rows);
            }
            Reader reader = new Reader(row);
            List<String> values = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                values.add(reader.lengthEncodedString());
            }
            rows.add(values);
        }
    }

    /** Reads length-encoded integers and strings from a packet. */
    private static final class Reader {
        private final byte[] packet;
        private int at;

        Reader(byte[] packet) {
            this.packet = packet;
        }

        long lengthEncoded() {
            int first = packet[at++] & 0xff;
            int bytes = first < 0xfb ? 0 : first == 0xfc ? 2 : first == 0xfd ? 3 : 8;
            if (bytes == 0) {
                return first;
            }
            long value = 0;
            for (int b = 0; b < bytes; b++) {
                value |= (long) (packet[at++] & 0xff) << (8 * b);
            }
            return value;
        }

        String lengthEncodedString() {
            if ((packet[at] & 0xff) == 0xfb) {
                at++;
                return null;
            }
            int length = (int) lengthEncoded();
            String value = new String(packet, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }
    }

    /** COM_STMT_PREPARE: the number of result columns, or the error; the statement is closed again. */
    Answer prepare(String sql) throws IOException {
        sequence = 0;
        writePacket(command(0x16, sql));
        byte[] reply = readPacket();
        if ((reply[0] & 0xff) == 0xff) {
            return error(reply);
        }
        int statementId = (reply[1] & 0xff) | (reply[2] & 0xff) << 8 | (reply[3] & 0xff) << 16 | (reply[4] & 0xff) << 24;
        int columns = (reply[5] & 0xff) | (reply[6] & 0xff) << 8;
        int parameters = (reply[7] & 0xff) | (reply[8] & 0xff) << 8;
        int definitions = (parameters > 0 ? parameters + 1 : 0) + (columns > 0 ? columns + 1 : 0);
        for (int d = 0; d < definitions; d++) {
            readPacket();
        }
        sequence = 0;
        ByteArrayOutputStream close = new ByteArrayOutputStream();
        close.write(0x19);
        int4(close, statementId);
        writePacket(close.toByteArray());
        return new Answer(0, null, columns);
    }

    private static byte[] command(int code, String sql) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(code);
        bytes.write(sql.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static Answer error(byte[] packet) {
        int code = (packet[1] & 0xff) | (packet[2] & 0xff) << 8;
        int messageAt = packet.length > 3 && packet[3] == '#' ? 9 : 3;
        return new Answer(code, new String(packet, messageAt, packet.length - messageAt, StandardCharsets.UTF_8), 0);
    }

    private void writePacket(byte[] payload) throws IOException {
        if (payload.length >= 0xffffff) {
            throw new IOException("the oracle sends texts shorter than 16 MB");
        }
        byte[] packet = new byte[payload.length + 4];
        packet[0] = (byte) payload.length;
        packet[1] = (byte) (payload.length >> 8);
        packet[2] = (byte) (payload.length >> 16);
        packet[3] = (byte) sequence++;
        System.arraycopy(payload, 0, packet, 4, payload.length);
        out.write(packet);
        out.flush();
    }

    private byte[] readPacket() throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new IOException("connection closed by the server");
        }
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        sequence = (header[3] & 0xff) + 1;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new IOException("connection closed by the server");
        }
        return payload;
    }

    private static void int4(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >> 8);
        out.write(value >> 16);
        out.write(value >> 24);
    }

    private static void cstring(ByteArrayOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        try {
            sequence = 0;
            writePacket(new byte[] {0x01});
        } finally {
            socket.close();
        }
    }
}
