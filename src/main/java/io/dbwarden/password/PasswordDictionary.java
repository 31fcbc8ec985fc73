package io.dbwarden.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Common passwords to try against stored password verifiers, most likely first.
 *
 * <p>File format (the built-in list and {@link #fromFile(Path)} alike): UTF-8, one password per line, exactly as
 * written (spaces are part of the password; a trailing CR is dropped); blank lines and lines starting with
 * {@code #} are skipped, so a password that starts with {@code #} cannot be listed. Duplicates are dropped, the
 * first occurrence keeps its place. Order matters: checks against slow hashes (SCRAM-SHA-256) try only the first
 * entries.
 *
 * <p>No method of this class ever puts a password into a message or an exception.
 */
public final class PasswordDictionary {

    /** Upper bound on the entries of a dictionary: the fast hashes try every entry for every account. */
    public static final int MAX_ENTRIES = 1_000_000;

    static final String BUILT_IN_RESOURCE = "/passwords/password.lst";
    private static final String BUILT_IN_LABEL =
            "John the Ripper's password.lst (Openwall Project, compiled by Solar Designer; public domain)";

    private static volatile PasswordDictionary builtIn;

    private final List<String> passwords;
    private final List<byte[]> utf8;
    private final String label;
    private final boolean mostCommonFirst;

    private PasswordDictionary(List<String> passwords, String label, boolean mostCommonFirst) {
        this.passwords = List.copyOf(passwords);
        List<byte[]> bytes = new ArrayList<>(passwords.size());
        for (String p : passwords) {
            bytes.add(p.getBytes(StandardCharsets.UTF_8));
        }
        this.utf8 = Collections.unmodifiableList(bytes);
        this.label = label;
        this.mostCommonFirst = mostCommonFirst;
    }

    /**
     * The list shipped with dbwarden: the 3,545 passwords of John the Ripper's {@code password.lst} (Debian package
     * john-data 1.9.0), most common first; see {@code src/main/resources/passwords/README.md}.
     */
    public static PasswordDictionary builtIn() {
        PasswordDictionary d = builtIn;
        if (d == null) {
            synchronized (PasswordDictionary.class) {
                d = builtIn;
                if (d == null) {
                    d = loadBuiltIn();
                    builtIn = d;
                }
            }
        }
        return d;
    }

    private static PasswordDictionary loadBuiltIn() {
        try (InputStream in = PasswordDictionary.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in password dictionary " + BUILT_IN_RESOURCE + " is missing");
            }
            return new PasswordDictionary(parse(in, BUILT_IN_RESOURCE), BUILT_IN_LABEL, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in password dictionary " + BUILT_IN_RESOURCE, e);
        }
    }

    /**
     * A dictionary read from {@code file} (format in the class comment), tried in the file's order.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not UTF-8, holds no password or more than {@link #MAX_ENTRIES}
     *     (the message names the file and a line number, never a line's content)
     */
    public static PasswordDictionary fromFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            List<String> passwords = parse(in, file.toString());
            if (passwords.isEmpty()) {
                throw new IllegalArgumentException("password dictionary " + file + " holds no passwords "
                        + "(one per line; blank lines and lines starting with # are skipped)");
            }
            return new PasswordDictionary(passwords, "the dictionary file " + file, false);
        }
    }

    /** A dictionary from memory (tests, embedding); {@code label} names its source in findings. */
    public static PasswordDictionary of(String label, List<String> passwords) {
        Objects.requireNonNull(label, "label");
        Set<String> unique = new LinkedHashSet<>();
        for (String p : passwords) {
            if (p != null && !p.isEmpty()) {
                unique.add(p);
            }
        }
        if (unique.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a password dictionary holds at most " + MAX_ENTRIES + " entries");
        }
        return new PasswordDictionary(new ArrayList<>(unique), label, false);
    }

    private static List<String> parse(InputStream in, String where) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Set<String> unique = new LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
            int lineNumber = 0;
            String line;
            while (true) {
                try {
                    line = reader.readLine();
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException("password dictionary " + where + " is not UTF-8 (after line "
                            + lineNumber + ")");
                }
                if (line == null) {
                    break;
                }
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                unique.add(line);
                if (unique.size() > MAX_ENTRIES) {
                    throw new IllegalArgumentException("password dictionary " + where + " holds more than "
                            + MAX_ENTRIES + " passwords (line " + lineNumber + ")");
                }
            }
        }
        return new ArrayList<>(unique);
    }

    public int size() {
        return passwords.size();
    }

    /** The passwords, in the order they are tried. */
    List<String> passwords() {
        return passwords;
    }

    /** The passwords as UTF-8 bytes, same order. */
    List<byte[]> utf8() {
        return utf8;
    }

    /** Where the list comes from, e.g. "John the Ripper's password.lst (…)" or "the dictionary file /etc/x.lst". */
    public String label() {
        return label;
    }

    /**
     * Says which part of the list was tried, for findings: e.g. "the 3,545 passwords of John the Ripper's
     * password.lst (…)" or "the 40 most common of the 3,545 passwords of …".
     */
    public String describe(int tried) {
        int n = Math.max(0, Math.min(tried, size()));
        if (n == size()) {
            return "the " + count(size()) + (size() == 1 ? " password of " : " passwords of ") + label;
        }
        return "the " + (mostCommonFirst ? count(n) + " most common" : "first " + count(n)) + " of the "
                + count(size()) + " passwords of " + label;
    }

    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Override
    public String toString() {
        return "PasswordDictionary[" + count(size()) + " entries from " + label + "]";
    }
}
