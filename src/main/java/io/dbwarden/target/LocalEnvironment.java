package io.dbwarden.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the machine dbwarden runs on says at connect time: its environment variables (for {@code password=env:}),
 * the operating-system user, and which files exist (for default unix sockets). Tests substitute their own.
 *
 * @param variables value of an environment variable, or null when it is not set
 * @param osUser name of the operating-system user, or null/empty when unknown
 * @param exists whether a file exists
 */
record LocalEnvironment(Function<String, String> variables, Supplier<String> osUser, Predicate<Path> exists) {

    LocalEnvironment {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(osUser, "osUser");
        Objects.requireNonNull(exists, "exists");
    }

    /** The real process environment, read anew at every call. */
    static LocalEnvironment system() {
        return new LocalEnvironment(System::getenv, () -> System.getProperty("user.name"), Files::exists);
    }

    /** The same machine with exactly these environment variables. */
    LocalEnvironment withVariables(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new LocalEnvironment(copy::get, osUser, exists);
    }

    String variable(String name) {
        return variables.apply(name);
    }
}
