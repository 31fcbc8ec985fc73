package io.dbwarden.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.target.Engine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

    private static final CheckLoader LOADER = new CheckLoader(new RuleCompiler());
    /** No built-in checks: each test sees only the files it writes. */
    private static final ClassLoader NO_BUILTINS = new URLClassLoader(new URL[0], null);

    @TempDir
    Path dir;

    private static String check(String name, String engine, String rule) {
        return """
                name: %s
                engine: %s
                category: security
                severity: info
                summary: s
                description: d
                remediation: r
                queries:
                  one: SELECT 1 AS n
                rule: %s
                """.formatted(name, engine, rule);
    }

    private void write(String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text);
    }

    private CatalogLoad load(CheckSelection selection) {
        return new CatalogLoader(LOADER, List.of(dir), NO_BUILTINS).load(selection);
    }

    @Test
    void onlySelectedChecksAreCompiledWhileEveryFileIsParsed() throws Exception {
        write("chosen.yaml", check("chosen_check", "mysql", "one.size() > 0"));
        // this rule does not compile: had it been compiled, the load would report it
        write("other.yaml", check("other_check", "mysql", "no_such_query.size() > 0"));

        CatalogLoad chosen = load(CheckSelection.byName("chosen_*", null));
        assertThat(chosen.problems()).isEmpty();
        assertThat(chosen.catalog().all()).extracting(Check::name).containsExactly("chosen_check");
        assertThat(chosen.definitions()).extracting(CheckDefinition::name).containsExactly("chosen_check", "other_check");

        CatalogLoad all = load(CheckSelection.ALL);
        assertThat(all.problems()).singleElement().hasToString(
                dir.resolve("other.yaml") + ":10:7: rule: undeclared reference to 'no_such_query' (in container '')");
    }

    @Test
    void aFileThatDoesNotParseIsAProblemWhetherSelectedOrNot() throws Exception {
        write("chosen.yaml", check("chosen_check", "mysql", "one.size() > 0"));
        write("broken.yaml", check("broken_check", "mysql", "true").replace("severity: info", "severity: loud"));
        CatalogLoad load = load(CheckSelection.byName("chosen_check", null));
        assertThat(load.problems()).extracting(CheckProblem::toString)
                .containsExactly(dir.resolve("broken.yaml") + ":4:11: unknown severity 'loud' (expected critical, error, warning, notice, info)");
        assertThat(load.catalog().find("chosen_check")).isPresent();
    }

    @Test
    void theGoodChecksLoadNextToTheProblemsAndStrictRefusesThem() throws Exception {
        write("good.yaml", check("good_check", "mysql", "one.size() > 0"));
        write("bad.yaml", check("bad_check", "mysql", "one.size() >"));
        CatalogLoad load = load(CheckSelection.ALL);
        assertThat(load.catalog().all()).extracting(Check::name).containsExactly("good_check");
        assertThat(load.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("bad.yaml").toString());
            assertThat(p.line()).isEqualTo(10);
        });
        assertThatThrownBy(load::strict).isInstanceOf(CheckFileException.class).hasMessageContaining("bad.yaml:10:");
    }

    @Test
    void aNameDefinedTwiceKeepsTheFirstAndNamesBothFilesAtTheSecondName() throws Exception {
        write("a.yaml", check("twice_check", "mysql", "one.size() > 0"));
        write("b.yaml", check("twice_check", "postgresql", "one.size() > 0"));
        CatalogLoad load = load(CheckSelection.ALL);
        assertThat(load.catalog().find("twice_check")).get().extracting(Check::engine).isEqualTo(Engine.MYSQL);
        assertThat(load.problems()).singleElement().hasToString(
                dir.resolve("b.yaml") + ":1:7: check 'twice_check' is already defined in " + dir.resolve("a.yaml"));
    }

    @Test
    void engineAndDisabledNamesNarrowTheSelection() throws Exception {
        write("m.yaml", check("m_check", "mysql", "one.size() > 0"));
        write("p.yaml", check("p_check", "postgresql", "one.size() > 0"));
        write("q.yaml", check("q_check", "postgresql", "one.size() > 0"));
        CheckSelection postgres = CheckSelection.ALL.forEngines(List.of(Engine.POSTGRESQL));
        assertThat(load(postgres).catalog().all()).extracting(Check::name).containsExactly("p_check", "q_check");
        assertThat(load(postgres.disabling(List.of("q_check"))).catalog().all()).extracting(Check::name)
                .containsExactly("p_check");
        assertThat(CheckSelection.byName("*_check", "q_*").selectsName("q_check")).isFalse();
    }

    @Test
    void aMissingDirectoryOrAnUnreadableFileIsAProblemNotAFailure() throws Exception {
        write("good.yaml", check("good_check", "mysql", "one.size() > 0"));
        Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Path missing = dir.resolve("missing");
        CatalogLoad load = new CatalogLoader(LOADER, List.of(dir, missing), NO_BUILTINS).load(CheckSelection.ALL);
        assertThat(load.catalog().find("good_check")).isPresent();
        assertThat(load.problems()).extracting(CheckProblem::toString).containsExactly(
                dir.resolve("latin1.yaml") + ":1:1: the file is not UTF-8 text",
                missing + ":1:1: check directory does not exist or is not a directory");
    }

    /** Issue 7.7: the built-in catalog did not load from a jar under a path with a space. */
    @Test
    void builtInChecksLoadFromAJarUnderAPathWithASpace() throws Exception {
        Path jar = Files.createDirectories(dir.resolve("dir with space")).resolve("checks.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("checks/", "checks/mysql/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("checks/mysql/jar_check.yaml"));
            out.write(check("jar_check", "mysql", "one.size() > 0").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(classes.getResource("checks").toString()).contains("dir%20with%20space");
            CatalogLoad load = new CatalogLoader(LOADER, List.of(), classes).load(CheckSelection.ALL);
            assertThat(load.problems()).isEmpty();
            assertThat(load.catalog().find("jar_check")).get().extracting(Check::source)
                    .isEqualTo("builtin:checks/mysql/jar_check.yaml");
        }
    }
}
