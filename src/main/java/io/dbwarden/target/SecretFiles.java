package io.dbwarden.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads a password file ({@code password=file:PATH}) at connect time. Errors name the file, never its content. */
final class SecretFiles {

    /** A password file holds one password; anything larger is the wrong file (or a device), not a secret. */
    static final int MAX_BYTES = 64 * 1024;

    private SecretFiles() {
    }

    /**
     * The file's content as UTF-8 without its trailing line breaks.
     *
     * @param origin how messages name the file, e.g. "password file /run/secrets/db (from password=file:...)"
     */
    static String read(Path file, String origin) throws DsnResolutionException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw unreadable(origin, e);
        }
        if (attributes.isDirectory()) {
            throw DsnResolutionException.secret(origin + " is a directory");
        }
        if (!attributes.isRegularFile()) {
            // a pipe would block without a writer, or be empty at the next connection, which reads it again
            throw DsnResolutionException.secret(origin + " is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(origin, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw DsnResolutionException.secret(origin + " is larger than " + MAX_BYTES
                    + " bytes; it should hold only the password");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw DsnResolutionException.secret(origin + " is not UTF-8 text");
        }
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw DsnResolutionException.secret(origin + " is empty");
        }
        return content.substring(0, end);
    }

    private static DsnResolutionException unreadable(String origin, IOException e) {
        if (e instanceof NoSuchFileException) {
            return DsnResolutionException.secret(origin + " does not exist");
        }
        if (e instanceof AccessDeniedException) {
            return DsnResolutionException.secret(origin + " is not readable (permission denied)");
        }
        // the exception message could quote file content, so only its kind is shown
        return DsnResolutionException.secret(origin + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
}
