package io.dbwarden.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads check files as UTF-8 text, never more than {@link CheckFileLimits#MAX_FILE_BYTES}: a larger
 * file is refused before it is parsed, and before more than the limit is read. Every failure is a
 * {@link CheckFileException} naming the file.
 */
public final class CheckFiles {

    private CheckFiles() {}

    /** The text of {@code file}, named {@code file.toString()} in problems. */
    public static String read(Path file) throws CheckFileException {
        return read(file, file.toString());
    }

    static String read(Path file, String name) throws CheckFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name);
        } catch (IOException e) {
            throw problem(name, "cannot read the file: " + e.getMessage());
        }
    }

    static String read(InputStream in, String name) throws IOException, CheckFileException {
        byte[] bytes = in.readNBytes(CheckFileLimits.MAX_FILE_BYTES + 1);
        if (bytes.length > CheckFileLimits.MAX_FILE_BYTES) {
            throw problem(name, "the file is larger than " + CheckFileLimits.MAX_FILE_BYTES / 1024
                    + " KiB, the most a check file may hold");
        }
        return decode(bytes, name);
    }

    /** Checks text handed over as a string against the same limit (UTF-8 bytes, counted without copying). */
    static void checkSize(String text, String name) throws CheckFileException {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            if (bytes > CheckFileLimits.MAX_FILE_BYTES) {
                throw problem(name, "the file is larger than " + CheckFileLimits.MAX_FILE_BYTES / 1024
                        + " KiB, the most a check file may hold");
            }
        }
    }

    private static String decode(byte[] bytes, String name) throws CheckFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw problem(name, "the file is not UTF-8 text");
        }
    }

    private static CheckFileException problem(String name, String message) {
        return new CheckFileException(List.of(new CheckProblem(name, 1, 1, message)));
    }
}
