package io.dbwarden.sql;

import io.dbwarden.target.Engine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The SQL of every built-in check of an engine, read straight from the YAML files (no rule compiled, no guard). */
final class BuiltinQueries {

    private BuiltinQueries() {}

    static List<String> of(Engine engine) throws IOException, URISyntaxException {
        URL root = BuiltinQueries.class.getClassLoader().getResource("checks/" + engine.id());
        if (root == null) {
            throw new IllegalStateException("no built-in checks for " + engine.id() + " on the class path");
        }
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<?, ?> check = (Map<?, ?>) new Load(LoadSettings.builder().build())
                        .loadFromString(Files.readString(file));
                Map<?, ?> checkQueries = (Map<?, ?>) check.get("queries");
                for (Object query : checkQueries == null ? List.of() : checkQueries.values()) {
                    String sql = query instanceof Map<?, ?> m ? (String) m.get("sql") : (String) query;
                    if (!queries.contains(sql)) {
                        queries.add(sql);
                    }
                }
            }
        }
        return queries;
    }
}
