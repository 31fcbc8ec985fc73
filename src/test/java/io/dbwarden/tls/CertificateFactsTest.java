package io.dbwarden.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fact says about certificates the planted servers do not carry: other key types, time boundaries. */
class CertificateFactsTest {

    @TempDir
    Path dir;

    @Test
    void ecdsaCertificateNamesItsCurveSizeAndHash() throws Exception {
        X509Certificate cert = selfSigned("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-sha384");

        assertThat(CertificateFacts.of(cert, Instant.now()))
                .containsEntry("key_algorithm", "EC").containsEntry("key_bits", 384L)
                .containsEntry("signature_algorithm", "SHA384withECDSA").containsEntry("signature_hash", "SHA-384")
                .containsEntry("sha1_signed", false).containsEntry("self_signed", true);
    }

    @Test
    void rsaPssCertificateTakesItsHashFromTheSignatureParameters() throws Exception {
        X509Certificate cert = selfSigned("-newkey", "rsa-pss", "-pkeyopt", "rsa_keygen_bits:2048", "-sha256");

        assertThat(CertificateFacts.of(cert, Instant.now()))
                .containsEntry("key_algorithm", "RSASSA-PSS").containsEntry("key_bits", 2048L)
                .containsEntry("signature_algorithm", "RSASSA-PSS").containsEntry("signature_hash", "SHA-256");
    }

    @Test
    void ed25519CertificateHasNoSeparateHash() throws Exception {
        X509Certificate cert = selfSigned("-newkey", "ed25519");

        assertThat(CertificateFacts.of(cert, Instant.now()))
                .containsEntry("key_algorithm", "Ed25519").containsEntry("key_bits", 255L)
                .containsEntry("signature_hash", "").containsEntry("sha1_signed", false);
    }

    @Test
    void daysLeftRoundDownSoThatAnHourPastTheEndIsMinusOneAndTheLastInstantIsStillValid() throws Exception {
        X509Certificate cert = selfSigned("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        Instant notAfter = cert.getNotAfter().toInstant();
        Instant notBefore = cert.getNotBefore().toInstant();

        assertThat(CertificateFacts.of(cert, notAfter)).containsEntry("days_left", 0L).containsEntry("expired", false);
        assertThat(CertificateFacts.of(cert, notAfter.plus(Duration.ofHours(1))))
                .containsEntry("days_left", -1L).containsEntry("expired", true);
        assertThat(CertificateFacts.of(cert, notAfter.minus(Duration.ofHours(47))))
                .containsEntry("days_left", 1L);
        assertThat(CertificateFacts.of(cert, notBefore.minusSeconds(1))).containsEntry("not_yet_valid", true);
    }

    @Test
    void everyValueIsACelValue() throws Exception {
        Map<String, Object> facts = CertificateFacts.of(selfSigned("-newkey", "ed25519"), Instant.now());

        assertThat(facts.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Long.class,
                Boolean.class, List.class));
    }

    private X509Certificate selfSigned(String... keyOptions) throws IOException, InterruptedException, Exception {
        Path cert = dir.resolve("cert-" + System.nanoTime() + ".pem");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "30",
                "-subj", "/CN=facts.example", "-keyout", dir.resolve("key.pem").toString(), "-out", cert.toString()));
        command.addAll(List.of(keyOptions));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
        }
        try (InputStream in = Files.newInputStream(cert)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
