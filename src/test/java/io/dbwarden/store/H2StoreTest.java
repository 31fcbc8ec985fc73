package io.dbwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.app.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
    void aDataDirectoryThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = dataDir.resolve("not-a-directory");
        Files.writeString(file, "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Store.open(
                        new StoreLocation.H2File(file.resolve("sub").resolve("dbwarden")), Optional.empty(), name -> null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot create the data directory " + file.resolve("sub"));
    }
}
