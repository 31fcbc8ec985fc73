package io.dbwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.app.StoreLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 file in a temporary data directory. */
class H2StoreTest extends StoreContractTest {

    @TempDir
    static Path dataDir;

    @Override
    StoreLocation location() {
        return new StoreLocation.H2File(dataDir.resolve("store").resolve("dbwarden"));
    }

    @Test
    void anH2StoreIsOneFileUnderTheDataDirectoryCreatedOnFirstOpen() {
        assertThat(store.kind()).isEqualTo(Store.Kind.H2);
        assertThat(Files.exists(dataDir.resolve("store").resolve("dbwarden.mv.db"))).isTrue();
    }

    @Test
    void aKilledProcessLosesNoCommittedChangeAndHoldsTheFileUntilItDies() throws Exception {
        Path file = dataDir.resolve("killed").resolve("dbwarden");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreWriterProcess.class.getName(), file.toString(),
                "first", "second").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream()))) {
            awaitLine(out, StoreWriterProcess.COMMITTED + " first");
            assertThatThrownBy(() -> Store.open(new StoreLocation.H2File(file), Optional.empty(), name -> null))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is in use by another process; only one dbwarden serve can use an H2 file");
            writer.getOutputStream().write('\n');
            writer.getOutputStream().flush();
            awaitLine(out, StoreWriterProcess.COMMITTED + " second");
            // SIGKILL right after the commit returned: no shutdown hook, no chance to flush later.
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }
        try (Store reopened = Store.open(new StoreLocation.H2File(file), Optional.empty(), name -> null)) {
            assertThat(reopened.targets().list()).extracting(StoredTarget::name).containsExactly("first", "second");
        }
    }

    private static void awaitLine(BufferedReader out, String expected) throws IOException {
        String line;
        while ((line = out.readLine()) != null && !line.equals(expected)) {
            // Flyway's log lines
        }
        assertThat(line).as("the writer process said '" + expected + "'").isEqualTo(expected);
    }

    @Test
    void theDefaultConfigurationsStoreIsAnH2FileUnderTheDataDirectory() throws Exception {
        io.dbwarden.app.ServiceConfig config = io.dbwarden.app.ConfigLoader.load(Optional.empty(),
                java.util.Map.of("DBWARDEN_DATA_DIR", dataDir.resolve("fresh").toString()), java.util.Map.of());
        try (Store fresh = Store.open(config)) {
            assertThat(fresh.kind()).isEqualTo(Store.Kind.H2);
        }
        assertThat(Files.exists(dataDir.resolve("fresh").resolve("dbwarden.mv.db"))).isTrue();
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = dataDir.resolve("not-a-directory");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> Store.open(
                        new StoreLocation.H2File(file.resolve("sub").resolve("dbwarden")), Optional.empty(), name -> null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot create the data directory " + file.resolve("sub"));
    }
}
