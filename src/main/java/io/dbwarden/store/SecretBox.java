package io.dbwarden.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts target DSNs that hold a password inline, with AES-256-GCM under a key read from a file. The target's name
 * is authenticated with the text, so a sealed DSN copied onto another target's row does not open.
 *
 * <p>The key file holds 32 random bytes, raw ({@code head -c 32 /dev/urandom}) or base64
 * ({@code openssl rand -base64 32}).
 */
final class SecretBox {

    static final int KEY_BYTES = 32;
    /** GCM's standard nonce length; a fresh random nonce per seal. */
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Marks the format, so a later key or cipher change can tell old rows apart. */
    private static final String VERSION = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    static SecretBox fromFile(Path file) {
        byte[] content;
        try {
            if (Files.size(file) > 1024) {
                throw new StoreException("secret key file " + file + " is not a key: expected 32 bytes, raw or base64");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StoreException("secret key file " + file + " does not exist");
        } catch (IOException e) {
            throw new StoreException("cannot read secret key file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (content.length == KEY_BYTES) {
            return new SecretBox(content);
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            if (decoded.length == KEY_BYTES) {
                return new SecretBox(decoded);
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below without the content
        }
        throw new StoreException("secret key file " + file + " is not a key: expected 32 bytes, raw or base64 "
                + "(make one with: head -c 32 /dev/urandom > FILE)");
    }

    String seal(String owner, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, owner);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    String open(String owner, String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new StoreException("the sealed DSN of target '" + owner + "' has an unknown format");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), owner);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StoreException("cannot decrypt the DSN of target '" + owner
                    + "': the secret key file is not the one it was stored with");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String owner) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
