package io.dbwarden.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway CA with a server certificate (localhost, 127.0.0.1) and a client certificate, made with openssl. */
record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
        Path clientKeyPkcs1, Path otherCa) {

    static TestCertificates create(Path dir, String clientName) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=dbwarden test CA",
                "-keyout", caKey.toString(), "-out", ca.toString());
        Path otherCa = dir.resolve("other-ca.pem");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=unrelated CA",
                "-keyout", dir.resolve("other-ca.key").toString(), "-out", otherCa.toString());

        Path serverExt = dir.resolve("server.ext");
        Files.writeString(serverExt, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Path serverCert = dir.resolve("server.pem");
        Path serverKey = dir.resolve("server.key");
        signed(dir, "localhost", serverKey, serverCert, ca, caKey, serverExt);

        Path clientExt = dir.resolve("client.ext");
        Files.writeString(clientExt, "extendedKeyUsage=clientAuth\n");
        Path clientCert = dir.resolve("client.pem");
        Path clientKey = dir.resolve("client.key");
        signed(dir, clientName, clientKey, clientCert, ca, caKey, clientExt);
        Path clientKeyPkcs1 = dir.resolve("client-pkcs1.key");
        openssl(dir, "rsa", "-in", clientKey.toString(), "-traditional", "-out", clientKeyPkcs1.toString());
        return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey, clientKeyPkcs1, otherCa);
    }

    private static void signed(Path dir, String commonName, Path key, Path cert, Path ca, Path caKey, Path ext)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(commonName + ".csr");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName,
                "-keyout", key.toString(), "-out", csr.toString());
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("openssl " + String.join(" ", args) + " failed: "
                    + Files.readString(dir.resolve("openssl.log")));
        }
    }
}
