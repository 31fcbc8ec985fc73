package io.dbwarden.target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short-lived PKCS#12 file built from a PEM client certificate and key, because neither driver reads PEM keys:
 * Connector/J wants a key store and pgjdbc wants DER PKCS#8 or PKCS#12. The file is owner-only and is deleted by
 * {@link #close()} once the handshake is over.
 */
final class ClientKeyStore implements AutoCloseable {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** DER AlgorithmIdentifier for rsaEncryption, used to wrap a PKCS#1 key into PKCS#8. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    /** pgjdbc's PKCS#12 key manager only looks at this alias; Connector/J takes any. */
    static final String ALIAS = "user";

    private final Path file;
    private final String password;

    private ClientKeyStore(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    /** Whether the key file is PEM text rather than DER or PKCS#12, judged by its first bytes. */
    static boolean isPem(Path key) throws IOException {
        try (InputStream in = Files.newInputStream(key)) {
            byte[] head = in.readNBytes(64);
            return new String(head, StandardCharsets.US_ASCII).contains("-----BEGIN");
        }
    }

    static ClientKeyStore fromPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(certFile)) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("client certificate file " + certFile + " holds no certificate");
        }
        PrivateKey key = readKey(keyFile);
        String password = randomPassword();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
        Path file = Files.createTempFile("dbwarden-client-", ".p12",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new ClientKeyStore(file, password);
    }

    Path file() {
        return file;
    }

    String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    static PrivateKey readKey(Path keyFile) throws IOException, GeneralSecurityException {
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw new GeneralSecurityException("client key file " + keyFile + " is not a PEM private key");
        }
        String type = pem.group(1);
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        return switch (type) {
            case "PRIVATE KEY" -> pkcs8(der, keyFile);
            case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(wrapPkcs1(der)));
            case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(
                    "client key file " + keyFile + " is encrypted; decrypt it with: openssl pkcs8 -topk8 -nocrypt");
            default -> throw new GeneralSecurityException("client key file " + keyFile + " holds a '" + type
                    + "' key; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
        };
    }

    private static PrivateKey pkcs8(byte[] der, Path keyFile) throws GeneralSecurityException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("client key file " + keyFile + " holds a key of an unsupported type");
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(derHeader(0x30, body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] header = new byte[2 + bytes];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
        }
        return header;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
