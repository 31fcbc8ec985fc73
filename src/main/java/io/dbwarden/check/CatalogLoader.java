package io.dbwarden.check;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads the catalog: the built-in checks ({@code checks/<engine>/} on the class path, in the jar or not) and
 * every {@code *.yaml}/{@code *.yml} file under the user's directories. Every file is parsed; only the
 * checks a {@link CheckSelection} selects are compiled. Loading never fails as a whole: a file that
 * cannot be read, parsed or compiled, or that reuses a name, becomes a {@link CheckProblem} next to the
 * checks that loaded. Thread-safe; every {@link #load} reads the files again.
 */
public final class CatalogLoader {

    static final String BUILTIN_ROOT = "checks";

    private final CheckLoader loader;
    private final List<Path> directories;
    private final ClassLoader builtins;

    public CatalogLoader(CheckLoader loader, List<Path> directories) {
        this(loader, directories, CatalogLoader.class.getClassLoader());
    }

    /** Built-in checks come from {@code builtins} (tests load them from a jar of their own). */
    CatalogLoader(CheckLoader loader, List<Path> directories, ClassLoader builtins) {
        this.loader = loader;
        this.directories = List.copyOf(directories);
        this.builtins = builtins;
    }

    public CatalogLoad load(CheckSelection selection) {
        List<CheckProblem> problems = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        readBuiltin(files, problems);
        for (Path dir : directories) {
            readDirectory(dir, files, problems);
        }
        List<CheckDefinition> definitions = unique(eachOf(files, f -> loader.parse(f.name(), f.text()), problems), problems);
        List<CheckDefinition> selected = definitions.stream().filter(selection::selects).toList();
        List<Check> checks = eachOf(selected, loader::compile, problems);
        return new CatalogLoad(Catalog.of(checks), definitions, problems);
    }

    private record SourceFile(String name, String text) {}

    private interface FileStep<T, R> {
        R apply(T input) throws CheckFileException;
    }

    /**
     * Applies {@code step} to every input in parallel (CEL compilation is CPU-bound and the compiler thread-safe),
     * keeping the results and collecting the problems, both in input order.
     */
    private static <T, R> List<R> eachOf(List<T> inputs, FileStep<T, R> step, List<CheckProblem> problems) {
        Function<T, Object> attempt = input -> {
            try {
                return step.apply(input);
            } catch (CheckFileException e) {
                return e;
            }
        };
        List<R> results = new ArrayList<>();
        for (Object outcome : inputs.parallelStream().map(attempt).toList()) {
            if (outcome instanceof CheckFileException e) {
                problems.addAll(e.problems());
            } else {
                @SuppressWarnings("unchecked")
                R result = (R) outcome;
                results.add(result);
            }
        }
        return results;
    }

    /** The first definition of each name; a later one is a problem that names both files. */
    private static List<CheckDefinition> unique(List<CheckDefinition> definitions, List<CheckProblem> problems) {
        Map<String, CheckDefinition> first = new HashMap<>();
        List<CheckDefinition> kept = new ArrayList<>();
        for (CheckDefinition d : definitions) {
            CheckDefinition earlier = first.putIfAbsent(d.name(), d);
            if (earlier == null) {
                kept.add(d);
            } else {
                problems.add(d.problemAt("name", "check '" + d.name() + "' is already defined in " + earlier.source()));
            }
        }
        return kept;
    }

    private void readBuiltin(List<SourceFile> files, List<CheckProblem> problems) {
        URL marker = builtins.getResource(BUILTIN_ROOT);
        if (marker == null) {
            return;
        }
        try {
            if (marker.getProtocol().equals("jar")) {
                // the jar's own URL, decoded by URI: a path with spaces arrives as %20
                Path jar = Path.of(((JarURLConnection) marker.openConnection()).getJarFileURL().toURI());
                try (FileSystem fs = FileSystems.newFileSystem(jar)) {
                    readTree(fs.getPath("/" + BUILTIN_ROOT), files, problems);
                }
            } else {
                readTree(Path.of(marker.toURI()), files, problems);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            problems.add(new CheckProblem("builtin:" + BUILTIN_ROOT, 1, 1,
                    "cannot read the built-in checks at " + marker + ": " + e.getMessage()));
        }
    }

    private static void readTree(Path root, List<SourceFile> files, List<CheckProblem> problems) throws IOException {
        for (Path file : yamlFiles(root)) {
            String name = "builtin:" + BUILTIN_ROOT + "/" + root.relativize(file).toString().replace('\\', '/');
            read(file, name, files, problems);
        }
    }

    private static void readDirectory(Path dir, List<SourceFile> files, List<CheckProblem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new CheckProblem(dir.toString(), 1, 1, "check directory does not exist or is not a directory"));
            return;
        }
        try {
            for (Path file : yamlFiles(dir)) {
                read(file, file.toString(), files, problems);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new CheckProblem(dir.toString(), 1, 1, "cannot list the check directory: " + e.getMessage()));
        }
    }

    private static void read(Path file, String name, List<SourceFile> files, List<CheckProblem> problems) {
        try {
            files.add(new SourceFile(name, CheckFiles.read(file, name)));
        } catch (CheckFileException e) {
            problems.addAll(e.problems());
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }
}
