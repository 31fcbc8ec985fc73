package io.dbwarden.cli;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.check.Catalog;
import io.dbwarden.check.CheckFileException;
import io.dbwarden.check.CheckLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where checks come from: the built-in catalog plus the user's directories. */
final class CatalogOptions {

    @Option(names = "--checks-dir", paramLabel = "DIR", description = "Also load checks from this directory (repeatable).")
    List<Path> directories = new ArrayList<>();

    Catalog load() throws CheckFileException, IOException {
        return Catalog.load(new CheckLoader(new RuleCompiler()), directories);
    }
}
