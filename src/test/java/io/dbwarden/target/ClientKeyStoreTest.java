package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientKeyStoreTest {

    @TempDir
    static Path dir;
    private static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.create(dir, "carol");
    }

    @Test
    void buildsAnOwnerOnlyPkcs12FromAPemCertificateAndPkcs8Key() throws Exception {
        try (ClientKeyStore store = ClientKeyStore.fromPem(certs.clientCert(), certs.clientKey())) {
            assertThat(Files.getPosixFilePermissions(store.file()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            KeyStore loaded = load(store);
            assertThat(loaded.isKeyEntry(ClientKeyStore.ALIAS)).isTrue();
            assertThat(((X509Certificate) loaded.getCertificate(ClientKeyStore.ALIAS)).getSubjectX500Principal().getName())
                    .isEqualTo("CN=carol");
        }
    }

    @Test
    void acceptsATraditionalPkcs1RsaKey() throws Exception {
        assertThat(Files.readString(certs.clientKeyPkcs1())).contains("BEGIN RSA PRIVATE KEY");

        try (ClientKeyStore store = ClientKeyStore.fromPem(certs.clientCert(), certs.clientKeyPkcs1())) {
            assertThat(load(store).getKey(ClientKeyStore.ALIAS, store.password().toCharArray()).getAlgorithm()).isEqualTo("RSA");
        }
    }

    @Test
    void deletesTheFileWhenClosed() throws Exception {
        ClientKeyStore store = ClientKeyStore.fromPem(certs.clientCert(), certs.clientKey());
        store.close();

        assertThat(store.file()).doesNotExist();
    }

    @Test
    void explainsHowToConvertAnUnsupportedKeyFormat() throws Exception {
        Path ec = dir.resolve("ec.key");
        Files.writeString(ec, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ClientKeyStore.readKey(ec))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("'EC PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void recognisesPemByItsHeader() throws Exception {
        Path der = dir.resolve("key.pk8");
        Files.write(der, new byte[] {0x30, (byte) 0x82, 0x04, 0x01});

        assertThat(ClientKeyStore.isPem(certs.clientKey())).isTrue();
        assertThat(ClientKeyStore.isPem(der)).isFalse();
    }

    private static KeyStore load(ClientKeyStore store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store.file())) {
            keyStore.load(in, store.password().toCharArray());
        }
        return keyStore;
    }
}
