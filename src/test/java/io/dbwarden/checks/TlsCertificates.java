package io.dbwarden.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for the TLS tests, made with the openssl command line in {@code dir}.
 *
 * <ul>
 *   <li>{@link #ca()}: a CA (RSA 2048, SHA-256, 10 years); {@link #otherCa()}: an unrelated one (EC P-256);</li>
 *   <li>{@link #serverCert()}: the healthy server certificate, signed by the CA: RSA 2048, SHA-256, CN and SAN
 *       localhost plus IP 127.0.0.1, valid {@value #HEALTHY_DAYS} days from now;</li>
 *   <li>{@link #clientCert()}: a client certificate for CN {@value #CLIENT} signed by the CA (clientAuth, EC P-256
 *       key, which is quicker to make than RSA on a busy machine);</li>
 *   <li>{@link #weakCert()}: the fdw article's recipe ({@code openssl genrsa … 1024}), self-signed with SHA-1 and
 *       valid only from {@value #EXPIRED_FROM} to {@value #EXPIRED_UNTIL}: three problems in one certificate.
 *       {@code openssl x509 -days} cannot go negative and this OpenSSL 3.0 has no {@code req -not_after}, so
 *       {@code openssl ca -selfsign -startdate -enddate} signs it; {@link #weakKeyStore()} holds it as PKCS#12;</li>
 *   <li>{@link #sha1ExpiredCert()}: the same but with the server's RSA 2048 key, for PostgreSQL, which refuses to
 *       load a 1024-bit key (see TlsScenarios).</li>
 * </ul>
 */
public record TlsCertificates(Path ca, Path otherCa, Path serverCert, Path serverKey, Path clientCert,
        Path clientKey, Path weakCert, Path weakKey, Path weakKeyStore, Path sha1ExpiredCert, Path sha1ExpiredKey) {

    public static final String CLIENT = "dbwarden";
    public static final int HEALTHY_DAYS = 400;
    public static final String EXPIRED_FROM = "2020-01-01T00:00:00Z";
    public static final String EXPIRED_UNTIL = "2021-01-01T00:00:00Z";
    public static final String KEY_STORE_PASSWORD = "planted";

    public static TlsCertificates create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", "3650",
                "-subj", "/CN=dbwarden test CA", "-keyout", caKey.toString(), "-out", ca.toString());
        Path otherCa = dir.resolve("other-ca.pem");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-sha256", "-nodes",
                "-days", "3650", "-subj", "/CN=unrelated CA", "-keyout", dir.resolve("other-ca.key").toString(), "-out", otherCa.toString());

        Path serverExt = dir.resolve("server.ext");
        Files.writeString(serverExt, "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Path serverCert = dir.resolve("server.pem");
        Path serverKey = dir.resolve("server.key");
        signedByCa(dir, "localhost", "rsa:2048", serverKey, serverCert, ca, caKey, serverExt);

        Path clientExt = dir.resolve("client.ext");
        Files.writeString(clientExt, "extendedKeyUsage=clientAuth\n");
        Path clientCert = dir.resolve("client.pem");
        Path clientKey = dir.resolve("client.key");
        signedByCa(dir, CLIENT, "ec", clientKey, clientCert, ca, caKey, clientExt);

        Path weakKey = dir.resolve("weak.key");
        openssl(dir, "genrsa", "-out", weakKey.toString(), "1024");
        Path weakCert = dir.resolve("weak.pem");
        expiredSha1SelfSigned(dir, "weak", weakKey, weakCert);
        Path weakKeyStore = dir.resolve("weak.p12");
        openssl(dir, "pkcs12", "-export", "-in", weakCert.toString(), "-inkey", weakKey.toString(),
                "-name", "server", "-passout", "pass:" + KEY_STORE_PASSWORD, "-out", weakKeyStore.toString());

        Path sha1Key = serverKey; // RSA 2048; key generation is the slow part of all this
        Path sha1Cert = dir.resolve("sha1-expired.pem");
        expiredSha1SelfSigned(dir, "sha1-expired", sha1Key, sha1Cert);

        return new TlsCertificates(ca, otherCa, serverCert, serverKey, clientCert, clientKey, weakCert, weakKey,
                weakKeyStore, sha1Cert, sha1Key);
    }

    private static void signedByCa(Path dir, String commonName, String keyType, Path key, Path cert, Path ca,
            Path caKey, Path ext) throws IOException, InterruptedException {
        Path csr = dir.resolve(commonName + ".csr");
        List<String> args = new ArrayList<>(List.of("req", "-newkey", keyType));
        if (keyType.equals("ec")) {
            args.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        args.addAll(List.of("-nodes", "-subj", "/CN=" + commonName, "-keyout", key.toString(), "-out", csr.toString()));
        openssl(dir, args.toArray(String[]::new));
        openssl(dir, "x509", "-req", "-sha256", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", Integer.toString(HEALTHY_DAYS), "-extfile", ext.toString(),
                "-out", cert.toString());
    }

    /** {@code openssl ca -selfsign}: the only way in OpenSSL 3.0 to put a validity period in the past. */
    private static void expiredSha1SelfSigned(Path dir, String name, Path key, Path cert)
            throws IOException, InterruptedException {
        Path db = Files.createDirectories(dir.resolve(name + "-ca"));
        Files.writeString(db.resolve("index.txt"), "");
        Files.writeString(db.resolve("serial"), "1000\n");
        Path config = dir.resolve(name + "-ca.cnf");
        Files.writeString(config, """
                [ca]
                default_ca = planted
                [planted]
                database = %1$s/index.txt
                new_certs_dir = %1$s
                serial = %1$s/serial
                policy = anything
                unique_subject = no
                [anything]
                commonName = supplied
                organizationName = optional
                """.formatted(db));
        Path csr = dir.resolve(name + ".csr");
        openssl(dir, "req", "-new", "-key", key.toString(), "-subj", "/O=dbwarden planted/CN=localhost",
                "-out", csr.toString());
        openssl(dir, "ca", "-batch", "-notext", "-config", config.toString(), "-selfsign", "-keyfile", key.toString(),
                "-in", csr.toString(), "-md", "sha1", "-startdate", opensslTime(EXPIRED_FROM),
                "-enddate", opensslTime(EXPIRED_UNTIL), "-out", cert.toString());
    }

    /** 2020-01-01T00:00:00Z as openssl ca wants it: 20200101000000Z. */
    private static String opensslTime(String iso) {
        return iso.replaceAll("[-:T]", "");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + Files.readString(log));
        }
    }
}
