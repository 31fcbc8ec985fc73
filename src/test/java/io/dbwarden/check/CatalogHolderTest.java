package io.dbwarden.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.cel.RuleCompiler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogHolderTest {

    private static final CheckLoader LOADER = new CheckLoader(new RuleCompiler());

    @TempDir
    Path dir;

    private CatalogHolder holder() {
        return new CatalogHolder(new CatalogLoader(LOADER, List.of(dir), new URLClassLoader(new URL[0], null)),
                CheckSelection.ALL);
    }

    private void write(String name, String rule) throws Exception {
        Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                engine: mysql
                category: security
                severity: info
                summary: s
                description: d
                remediation: r
                rule: %s
                """.formatted(name, rule));
    }

    @Test
    void aReloadReplacesTheCatalogAndReturnsItsProblemsWhileAnEarlierLoadStaysAsItWas() throws Exception {
        write("first_check", "true");
        CatalogHolder holder = holder();
        CatalogLoad before = holder.current();
        assertThat(before.problems()).isEmpty();

        write("first_check", "true &&");
        write("second_check", "true");
        List<CheckProblem> problems = holder.reload();

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.file()).endsWith("first_check.yaml"));
        assertThat(holder.current().problems()).isEqualTo(problems);
        assertThat(holder.catalog().all()).extracting(Check::name).containsExactly("second_check");
        assertThat(before.catalog().all()).extracting(Check::name).containsExactly("first_check");
    }

    @Test
    void readersDuringReloadsAlwaysSeeAProblemListThatBelongsToTheCatalog() throws Exception {
        write("flip_check", "true");
        CatalogHolder holder = holder();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> mismatch = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                CatalogLoad load = holder.current();
                boolean loaded = load.catalog().find("flip_check").isPresent();
                if (loaded == !load.problems().isEmpty()) {
                    mismatch.set("catalog " + load.catalog().all() + " with problems " + load.problems());
                }
                reads.incrementAndGet();
            }
        });
        for (int i = 0; i < 40; i++) {
            write("flip_check", i % 2 == 0 ? "true &&" : "true");
            holder.reload();
        }
        done.set(true);
        reader.join();
        assertThat(mismatch.get()).isNull();
        assertThat(reads.get()).isPositive();
    }
}
