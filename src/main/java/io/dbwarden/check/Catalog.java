package io.dbwarden.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * All loaded checks, validated and compiled. Built-in checks come from {@code checks/<engine>/}
 * inside the jar; users add directories of their own. A name defined twice is an error that
 * names both files.
 */
public final class Catalog {

    static final String BUILTIN_ROOT = "checks";

    private final Map<String, Check> checks;

    private Catalog(Map<String, Check> checks) {
        this.checks = checks;
    }

    public static Catalog of(Collection<Check> checks) throws CheckFileException {
        Map<String, Check> byName = new LinkedHashMap<>();
        List<CheckProblem> problems = new ArrayList<>();
        checks.stream().sorted(Comparator.comparing(Check::name)).forEach(c -> {
            Check earlier = byName.putIfAbsent(c.name(), c);
            if (earlier != null) {
                problems.add(new CheckProblem(c.source(), 1, 1,
                        "check '" + c.name() + "' is already defined in " + earlier.source()));
            }
        });
        if (!problems.isEmpty()) {
            throw new CheckFileException(problems);
        }
        return new Catalog(byName);
    }

    /** Loads the built-in checks and every {@code *.yaml}/{@code *.yml} file under the given directories. */
    public static Catalog load(CheckLoader loader, List<Path> userDirectories) throws CheckFileException, IOException {
        List<Check> checks = new ArrayList<>(loadBuiltin(loader));
        List<CheckProblem> problems = new ArrayList<>();
        for (Path dir : userDirectories) {
            if (!Files.isDirectory(dir)) {
                throw new CheckFileException(List.of(new CheckProblem(dir.toString(), 1, 1,
                        "check directory does not exist or is not a directory")));
            }
            List<String> names = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Path file : yamlFiles(dir)) {
                names.add(file.toString());
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            loadAll(loader, names, texts, checks, problems);
        }
        if (!problems.isEmpty()) {
            throw new CheckFileException(problems);
        }
        return of(checks);
    }

    static List<Check> loadBuiltin(CheckLoader loader) throws IOException, CheckFileException {
        URL marker = Catalog.class.getClassLoader().getResource(BUILTIN_ROOT);
        if (marker == null) {
            return List.of();
        }
        List<Check> checks = new ArrayList<>();
        List<CheckProblem> problems = new ArrayList<>();
        try {
            if (marker.getProtocol().equals("jar")) {
                String jar = marker.getPath().substring("file:".length(), marker.getPath().indexOf('!'));
                try (FileSystem fs = FileSystems.newFileSystem(Path.of(jar))) {
                    loadTree(loader, fs.getPath("/" + BUILTIN_ROOT), checks, problems);
                }
            } else {
                loadTree(loader, Path.of(marker.toURI()), checks, problems);
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate built-in checks at " + marker, e);
        }
        if (!problems.isEmpty()) {
            throw new CheckFileException(problems);
        }
        return checks;
    }

    private static void loadTree(CheckLoader loader, Path root, List<Check> checks, List<CheckProblem> problems)
            throws IOException {
        List<Path> files = yamlFiles(root);
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            names.add("builtin:" + BUILTIN_ROOT + "/" + root.relativize(file).toString().replace('\\', '/'));
            try (InputStream in = Files.newInputStream(file)) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        loadAll(loader, names, texts, checks, problems);
    }

    /** Compiling rules is CPU-bound and the compiler is thread-safe, so files load in parallel. */
    private static void loadAll(CheckLoader loader, List<String> names, List<String> texts, List<Check> checks,
                                List<CheckProblem> problems) {
        List<Object> results = java.util.stream.IntStream.range(0, names.size()).parallel()
                .mapToObj(i -> {
                    try {
                        return (Object) loader.load(names.get(i), texts.get(i));
                    } catch (CheckFileException e) {
                        return e;
                    }
                })
                .toList();
        for (Object result : results) {
            if (result instanceof Check check) {
                checks.add(check);
            } else {
                problems.addAll(((CheckFileException) result).problems());
            }
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

    public List<Check> all() {
        return List.copyOf(checks.values());
    }

    public Optional<Check> find(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    public int size() {
        return checks.size();
    }
}
