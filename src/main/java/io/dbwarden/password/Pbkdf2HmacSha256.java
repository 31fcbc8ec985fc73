package io.dbwarden.password;

/** PBKDF2 with HMAC-SHA-256 (RFC 8018), one 32-byte block: the SaltedPassword of SCRAM-SHA-256 (RFC 7677). */
final class Pbkdf2HmacSha256 {

    private Pbkdf2HmacSha256() {
    }

    /**
     * U1 = HMAC(P, salt ‖ INT(1)), Ui = HMAC(P, Ui-1), result = U1 ⊕ … ⊕ Uc. The padded key blocks are made once
     * per candidate; the loop reuses one digest and two 32-byte buffers and allocates nothing.
     */
    static byte[] derive(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        HmacSha256 prf = new HmacSha256(password);
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[salt.length + 3] = 1;
        byte[] u = new byte[HmacSha256.LENGTH];
        prf.mac(first, first.length, u);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            prf.mac(u, HmacSha256.LENGTH, u);
            for (int j = 0; j < HmacSha256.LENGTH; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }
}
