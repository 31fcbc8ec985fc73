package io.dbwarden.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A secret given by reference, never by value: {@code env:NAME} (an environment variable) or {@code file:PATH}
 * (a file's content without its trailing newline, like a Kubernetes or Docker secret). The reference is what
 * configuration files, the store and logs hold; the secret itself exists only where it is used.
 */
public record SecretRef(Kind kind, String name) {

    public enum Kind { ENV, FILE }

    /** A secret file larger than this is not a password or token; refusing it keeps a wrong path from loading a disk image. */
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public SecretRef {
        if (kind == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a secret reference needs a kind and a name");
        }
        if (kind == Kind.ENV && !ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
        }
    }

    /**
     * Parses {@code env:NAME} or {@code file:PATH}. The message for anything else never repeats the text, which may
     * be the secret itself.
     */
    public static SecretRef parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("env:")) {
            return new SecretRef(Kind.ENV, t.substring(4));
        }
        if (t.startsWith("file:")) {
            return new SecretRef(Kind.FILE, t.substring(5));
        }
        throw new IllegalArgumentException("a secret must be given by reference, env:NAME or file:PATH, never inline");
    }

    /** Reads the secret; a missing variable or unreadable file is an IllegalStateException naming the reference. */
    public String resolve(Function<String, String> env) {
        if (kind == Kind.ENV) {
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("secret " + this + ": environment variable " + name + " is not set");
            }
            return value;
        }
        Path path = Path.of(name);
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new IllegalStateException("secret " + this + ": the file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            String value = Files.readString(path, StandardCharsets.UTF_8);
            return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("secret " + this + ": no such file");
        } catch (IOException e) {
            throw new IllegalStateException("secret " + this + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + name;
    }
}
