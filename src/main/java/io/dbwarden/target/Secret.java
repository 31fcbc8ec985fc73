package io.dbwarden.target;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A password as a DSN gives it: inline, or a reference ({@code env:NAME}, {@code file:PATH}) that is read each
 * time a session is opened, so a rotated secret is used by the next connection without re-reading the DSN.
 *
 * <p>{@link #toString()} never shows a password: an inline one reads {@value Secrets#MASK}, a reference reads as
 * written (it names where the password is, not what it is).
 */
sealed interface Secret {

    /** The password now: the inline value, or what the variable or file holds at this moment. */
    String resolve(LocalEnvironment local) throws DsnResolutionException;

    /**
     * Reads the value of a {@code password=} parameter.
     *
     * @throws DsnException when it is not a well-formed reference (the message never repeats the value, which
     *     may be a literal password put in the wrong place)
     */
    static Secret reference(String value) throws DsnException {
        if (value.startsWith(FromEnvironment.PREFIX)) {
            String name = value.substring(FromEnvironment.PREFIX.length());
            if (!FromEnvironment.NAME.matcher(name).matches()) {
                throw new DsnException("password=env:" + name + " does not name a valid environment variable");
            }
            return new FromEnvironment(name);
        }
        if (value.startsWith(FromFile.PREFIX)) {
            String location = value.substring(FromFile.PREFIX.length());
            if (location.isEmpty()) {
                throw new DsnException("password=file: needs a path, e.g. password=file:/run/secrets/db");
            }
            try {
                return new FromFile(Path.of(location));
            } catch (InvalidPathException e) {
                throw new DsnException("password file '" + location + "' is not a valid path");
            }
        }
        throw new DsnException("parameter 'password' must be env:NAME or file:PATH; "
                + "put a literal password before the '@' instead");
    }

    /** A password written in the DSN itself. */
    record Inline(String value) implements Secret {

        public Inline {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String resolve(LocalEnvironment local) {
            return value;
        }

        @Override
        public String toString() {
            return Secrets.MASK;
        }
    }

    /** {@code env:NAME}: the value of an environment variable of the dbwarden process. */
    record FromEnvironment(String variable) implements Secret {

        static final String PREFIX = "env:";
        static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public FromEnvironment {
            if (!NAME.matcher(Objects.requireNonNull(variable, "variable")).matches()) {
                throw new IllegalArgumentException("not an environment variable name");
            }
        }

        @Override
        public String resolve(LocalEnvironment local) throws DsnResolutionException {
            String origin = "environment variable " + variable + " (from password=" + this + ")";
            String value = local.variable(variable);
            if (value == null) {
                throw DsnResolutionException.secret(origin + " is not set");
            }
            if (value.isEmpty()) {
                throw DsnResolutionException.secret(origin + " is empty");
            }
            return value;
        }

        @Override
        public String toString() {
            return PREFIX + variable;
        }
    }

    /** {@code file:PATH}: the content of a file, without its trailing line break. */
    record FromFile(Path file) implements Secret {

        static final String PREFIX = "file:";

        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String resolve(LocalEnvironment local) throws DsnResolutionException {
            return SecretFiles.read(file, "password file " + file + " (from password=" + this + ")");
        }

        @Override
        public String toString() {
            return PREFIX + file;
        }
    }
}
