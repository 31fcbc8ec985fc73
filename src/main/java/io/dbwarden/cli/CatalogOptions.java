package io.dbwarden.cli;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.Catalog;
import io.dbwarden.check.CheckFileException;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.password.PasswordDictionary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where checks come from: the built-in catalog plus the user's directories. */
final class CatalogOptions {

    @Option(names = "--checks-dir", paramLabel = "DIR", description = "Also load checks from this directory (repeatable).")
    List<Path> directories = new ArrayList<>();

    @Option(names = "--password-dictionary", paramLabel = "FILE",
            description = "Weak-password checks try these passwords (one per line) instead of the built-in list.")
    Path passwordDictionary;

    Catalog load() throws CheckFileException, IOException {
        PasswordDictionary dictionary = passwordDictionary == null ? PasswordDictionary.builtIn()
                : PasswordDictionary.fromFile(passwordDictionary);
        return Catalog.load(new CheckLoader(new RuleCompiler(dictionary)), directories);
    }
}
