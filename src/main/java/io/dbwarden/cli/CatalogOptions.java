package io.dbwarden.cli;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.CatalogLoad;
import io.dbwarden.check.CatalogLoader;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.check.CheckSelection;
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

    /** Parses every check file and compiles the selected checks; the caller decides how strict to be. */
    CatalogLoad load(CheckSelection selection) throws IOException {
        return new CatalogLoader(loader(), directories).load(selection);
    }

    private CheckLoader loader() throws IOException {
        PasswordDictionary dictionary = passwordDictionary == null ? PasswordDictionary.builtIn()
                : PasswordDictionary.fromFile(passwordDictionary);
        return new CheckLoader(new RuleCompiler(dictionary));
    }
}
