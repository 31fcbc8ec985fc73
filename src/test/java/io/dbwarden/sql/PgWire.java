package io.dbwarden.sql;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Just enough of PostgreSQL's frontend/backend protocol (version 3) to hand the server a text exactly as written:
 * JDBC drivers split and rewrite SQL on their own reading of it, which is what the oracle must not depend on. Trust
 * authentication only (the harness's private servers).
 */
final class PgWire implements AutoCloseable {

    /** Read timeout per message; a private server answers in milliseconds. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    /** What the server answered to one exchange. */
    record Answer(String errorCode, String errorMessage, List<String> logDetails, List<String> columns,
                  List<String> rows) {
        boolean failed() {
            return errorCode != null;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    /** Connects and starts a session with these startup parameters (user, database and any setting). */
    PgWire(String host, int port, Map<String, String> parameters) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(196608);
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            cstring(b, p.getKey());
            cstring(b, p.getValue());
        }
        b.writeByte(0);
        out.writeInt(body.size() + 4);
        body.writeTo(out);
        out.flush();
        Answer startup = readUntilReady();
        if (startup.failed()) {
            throw new IOException("startup refused: " + startup.errorMessage());
        }
    }

    /** A simple Query message (for BEGIN / ROLLBACK / SET; never for the text under test). */
    Answer simpleQuery(String sql) throws IOException {
        message('Q', b -> cstring(b, sql));
        out.flush();
        return readUntilReady();
    }

    /**
     * Parse the text as the unnamed statement and Describe it, inside {@code BEGIN READ ONLY … ROLLBACK}, all in one
     * round trip; nothing is executed.
     */
    Answer parseAndDescribe(String sql) throws IOException {
        message('Q', b -> cstring(b, "BEGIN READ ONLY"));
        message('P', b -> {
            cstring(b, "");
            cstring(b, sql);
            b.writeShort(0);
        });
        message('D', b -> {
            b.writeByte('S');
            cstring(b, "");
        });
        message('S', b -> { });
        message('Q', b -> cstring(b, "ROLLBACK"));
        out.flush();
        readUntilReady();
        Answer answer = readUntilReady();
        readUntilReady();
        return answer;
    }

    /** Parse, Bind and Execute the text (the extended protocol runs one statement at most), rows as text. */
    Answer execute(String sql) throws IOException {
        message('P', b -> {
            cstring(b, "");
            cstring(b, sql);
            b.writeShort(0);
        });
        message('B', b -> {
            cstring(b, "");
            cstring(b, "");
            b.writeShort(0);
            b.writeShort(0);
            b.writeShort(0);
        });
        message('E', b -> {
            cstring(b, "");
            b.writeInt(0);
        });
        message('S', b -> { });
        out.flush();
        return readUntilReady();
    }

    private interface Body {
        void write(DataOutputStream b) throws IOException;
    }

    private void message(char type, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.write(new DataOutputStream(bytes));
        out.writeByte(type);
        out.writeInt(bytes.size() + 4);
        bytes.writeTo(out);
    }

    private Answer readUntilReady() throws IOException {
        String errorCode = null;
        String errorMessage = null;
        List<String> logDetails = new ArrayList<>();
        List<String> columns = null;
        List<String> rows = new ArrayList<>();
        while (true) {
            char type = (char) in.readUnsignedByte();
            byte[] payload = new byte[in.readInt() - 4];
            in.readFully(payload);
            DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(payload));
            switch (type) {
                case 'R' -> {
                    if (p.readInt() != 0) {
                        throw new IOException("only trust authentication is supported");
                    }
                }
                case 'E', 'N' -> {
                    Map<Character, String> fields = fields(p);
                    if (type == 'E') {
                        errorCode = fields.get('C');
                        errorMessage = fields.get('M');
                    } else if ("LOG".equals(fields.get('V')) && fields.containsKey('D')) {
                        logDetails.add(fields.get('D'));
                    }
                }
                case 'T' -> {
                    columns = new ArrayList<>();
                    int count = p.readUnsignedShort();
                    for (int c = 0; c < count; c++) {
                        columns.add(readCString(p));
                        p.skipBytes(18);
                    }
                }
                case 'n' -> columns = List.of();
                case 'D' -> {
                    int count = p.readUnsignedShort();
                    StringBuilder row = new StringBuilder();
                    for (int c = 0; c < count; c++) {
                        int length = p.readInt();
                        if (length >= 0) {
                            byte[] value = new byte[length];
                            p.readFully(value);
                            row.append(c == 0 ? "" : "\t").append(new String(value, StandardCharsets.UTF_8));
                        }
                    }
                    rows.add(row.toString());
                }
                case 'Z' -> {
                    return new Answer(errorCode, errorMessage, logDetails, columns, rows);
                }
                default -> { }
            }
        }
    }

    private static Map<Character, String> fields(DataInputStream p) throws IOException {
        Map<Character, String> fields = new java.util.HashMap<>();
        while (true) {
            int code = p.readUnsignedByte();
            if (code == 0) {
                return fields;
            }
            fields.put((char) code, readCString(p));
        }
    }

    private static String readCString(DataInputStream p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = p.readUnsignedByte(); b != 0; b = p.readUnsignedByte()) {
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void cstring(DataOutputStream b, String s) throws IOException {
        b.write(s.getBytes(StandardCharsets.UTF_8));
        b.writeByte(0);
    }

    @Override
    public void close() throws IOException {
        try {
            message('X', b -> { });
            out.flush();
        } finally {
            socket.close();
        }
    }
}
