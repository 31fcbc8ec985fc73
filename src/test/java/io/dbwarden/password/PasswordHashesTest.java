package io.dbwarden.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The hash functions against known vectors. Every expected verifier below was made by the servers of this
 * machine: MariaDB 10.11.19 ({@code SELECT PASSWORD('…')}) and PostgreSQL 15 ({@code SET password_encryption …;
 * CREATE ROLE … PASSWORD '…'; SELECT rolpassword FROM pg_authid}). WeakPasswordChecksTest repeats the comparison
 * against live servers.
 */
class PasswordHashesTest {

    /** PostgreSQL 15, password_encryption = scram-sha-256, password 'pencil'. */
    static final String SCRAM_PENCIL = "SCRAM-SHA-256$4096:1NvKf9DkrKYnjbVS62NkvQ==$eiSgh1RUJu5sDKC6EzD/x9JVy5Rv4t8nkgTNKDHZy70="
            + ":468V9jAdbLhrQ5jn+6sWBHCPFPkMt6XXI1HlKbcJbcY=";
    /** PostgreSQL 15, password 'pässwörd' (non-ASCII, already NFKC). */
    static final String SCRAM_UMLAUTS = "SCRAM-SHA-256$4096:smt7Z+vvkxFLSY4Vu5eLOw==$Ep9xfU9LBhB2Ry22sRu7/PfFi2nG4Zt1mqTk2Ti+ia8="
            + ":LQYk0MI2r1alPe+OcgS/nOoMnD8LoFP0AlMJbUw8vAU=";
    /** PostgreSQL 15, password "\uFB01sh\u00A0and\u00ADchips" (ligature, no-break space, soft hyphen). */
    static final String SCRAM_SASLPREP = "SCRAM-SHA-256$4096:GoSS0U6is7hmUt03XOsy4A==$pvKJuAfN0/1TXhVxs0ercWYkFIx0tlVLt3W6DwKphKg="
            + ":x7hVV4J89Yt5gh2UdSGOQTTwDrLJ2WDG62p8/Kd4mvE=";

    @Test
    void mysqlNativePasswordIsStarAndUpperCaseHexOfDoubleSha1AsMariaDbComputesIt() {
        assertThat(MysqlNativePassword.hash("password")).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
        assertThat(MysqlNativePassword.hash("bob")).isEqualTo("*61584B76F6ECE8FB9A328E7CF198094B2FAC55C7");
        assertThat(MysqlNativePassword.hash("pässwörd")).isEqualTo("*0225EC5004ABB0B8CB557541FE53DE1A5D8CC825");
        assertThat(MysqlNativePassword.isVerifier("*2470c0c06dee42fd1618bb99005adca2ec9d1e19")).isTrue();
        assertThat(MysqlNativePassword.isVerifier("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E1")).isFalse();
        assertThat(MysqlNativePassword.isVerifier("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19Z")).isFalse();
    }

    @Test
    void postgresMd5IsMd5OfPasswordFollowedByRoleNameAsPostgresComputesIt() {
        assertThat(PostgresMd5Password.hash("pencil", "vec_md5")).isEqualTo("md5d3ebb44626804ca107f3d0cc8e7c93cc");
        assertThat(PostgresMd5Password.isVerifier("md5d3ebb44626804ca107f3d0cc8e7c93cc")).isTrue();
        assertThat(PostgresMd5Password.isVerifier("md5d3ebb44626804ca107f3d0cc8e7c93c")).isFalse();
    }

    @Test
    void scramVerifiersMadeByPostgresMatchTheirPasswordOnly() {
        ScramSha256Verifier pencil = ScramSha256Verifier.parse(SCRAM_PENCIL).orElseThrow();
        assertThat(pencil.iterations()).isEqualTo(4096);
        assertThat(pencil.matches("pencil")).isTrue();
        assertThat(pencil.matches("Pencil")).isFalse();
        assertThat(pencil.matches("")).isFalse();
        assertThat(ScramSha256Verifier.parse(SCRAM_UMLAUTS).orElseThrow().matches("pässwörd")).isTrue();
    }

    @Test
    void scramPasswordsAreSaslPreppedAsPostgresDoes() {
        ScramSha256Verifier v = ScramSha256Verifier.parse(SCRAM_SASLPREP).orElseThrow();
        assertThat(v.matches("\uFB01sh\u00A0and\u00ADchips")).isTrue();
        assertThat(v.matches("fish andchips")).as("the normalised form").isTrue();
        assertThat(v.matches("fish and chips")).isFalse();
    }

    @Test
    void aVerifierCreatedHereWithPostgresSaltAndIterationsIsPostgresOwn() {
        byte[] salt = java.util.Base64.getDecoder().decode("1NvKf9DkrKYnjbVS62NkvQ==");
        assertThat(ScramSha256Verifier.create("pencil", salt, 4096)).isEqualTo(SCRAM_PENCIL);
    }

    @Test
    void pbkdf2AgreesWithTheJdkAndRfc7914() throws Exception {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1), first 32 bytes
        assertThat(HexFormat.of().formatHex(Pbkdf2HmacSha256.derive(bytes("passwd"), bytes("salt"), 1)))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] longKey = bytes("a password longer than the sixty-four byte block of SHA-256, so it is hashed first");
        for (int iterations : new int[] {1, 2, 4096}) {
            byte[] expected = jdk.generateSecret(new PBEKeySpec(new String(longKey, StandardCharsets.UTF_8).toCharArray(),
                    bytes("NaCl"), iterations, 256)).getEncoded();
            assertThat(Pbkdf2HmacSha256.derive(longKey, bytes("NaCl"), iterations)).isEqualTo(expected);
        }
    }

    /**
     * MySQL 8 caching_sha2_password cannot be produced here (MariaDB has no such plugin): these are the two published
     * vectors of hashcat mode 7401 ({@code $mysql$A$005*<salt hex>*<hash hex>}, passwords 'hashcat' and 'password'),
     * the second one taken from a MySQL server's mysql.user.
     */
    @Test
    void cachingSha2PasswordIsSha256CryptAsInHashcatsPublishedMysqlVectors() {
        assertThat(CachingSha2Password.create("hashcat", hex("F9CC98CE08892924F50A213B6BC571A2C11778C5"), 5000))
                .endsWith(ascii("625479393559393965414D45316477456B484F41316E64484742577A2E3162785353526B7554584647562F"));
        String password = CachingSha2Password.create("password", hex("06437A150142644D74187A6A2F0D7971094F2575"), 5000);
        assertThat(password).startsWith("$A$005$")
                .endsWith(ascii("48667A67485366745A304F6A487A73704250663465337A7530325157687A51364A384D737554424939702E"))
                .hasSize(70);
        CachingSha2Password parsed = CachingSha2Password.parse(password).orElseThrow();
        assertThat(parsed.rounds()).isEqualTo(5000);
        assertThat(parsed.matches("password")).isTrue();
        assertThat(parsed.matches("Password")).isFalse();
        assertThat(parsed.toString()).isEqualTo("CachingSha2Password[5000 rounds]");
        assertThat(CachingSha2Password.parse("$A$005$THISISACOMBINATIONOFINVALIDSALTANDPASSWORDTHATMUSTNEVERBRBEUSED"))
                .as("MySQL's marker of an account without a usable password").isEmpty();
    }

    @Test
    void schemesAreRecognisedFromTheVerifierText() {
        assertThat(PasswordScheme.of("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19").id()).isEqualTo("mysql_native_password");
        assertThat(PasswordScheme.of("md5d3ebb44626804ca107f3d0cc8e7c93cc").id()).isEqualTo("md5");
        assertThat(PasswordScheme.of(SCRAM_PENCIL).id()).isEqualTo("scram-sha-256");
        assertThat(PasswordScheme.of("").id()).isEqualTo("empty");
        assertThat(PasswordScheme.of(null).id()).isEqualTo("empty");
        assertThat(PasswordScheme.of("$A$005$salt-and-hash-of-caching_sha2_password").id()).isEqualTo("unknown");
        assertThat(PasswordScheme.of(CachingSha2Password.create("x", new byte[20], 5000)).id())
                .isEqualTo("caching_sha2_password");
        assertThat(PasswordScheme.of("$5$rounds=5000$saltsaltsaltsalt$hash").id()).as("sha256_password").isEqualTo("unknown");
        assertThat(PasswordScheme.of("SCRAM-SHA-256$4096:!!!$x:y").id()).isEqualTo("unknown");
        assertThat(PasswordScheme.of("SCRAM-SHA-256$0:1NvKf9DkrKYnjbVS62NkvQ==$eiSgh1RUJu5sDKC6EzD/x9JVy5Rv4t8nkgTNKDHZy70="
                + ":468V9jAdbLhrQ5jn+6sWBHCPFPkMt6XXI1HlKbcJbcY=").id()).isEqualTo("unknown");
    }

    @Test
    void aParsedVerifierShowsNeitherSaltNorKeys() {
        assertThat(ScramSha256Verifier.parse(SCRAM_PENCIL).orElseThrow().toString())
                .isEqualTo("ScramSha256Verifier[4096 iterations]");
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String ascii(String hex) {
        return new String(hex(hex), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
