package io.dbwarden.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordDictionaryTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInListIsJohnTheRippersPasswordLstMostCommonFirst() {
        PasswordDictionary d = PasswordDictionary.builtIn();
        assertThat(d.size()).isEqualTo(3545);
        assertThat(d.passwords()).startsWith("123456", "12345", "password", "password1").doesNotContain("");
        assertThat(d.passwords()).noneMatch(p -> p.startsWith("#"));
        assertThat(d.label()).contains("John the Ripper's password.lst").contains("public domain");
        assertThat(d.describe(3545)).isEqualTo("the 3,545 passwords of " + d.label());
        assertThat(d.describe(30)).isEqualTo("the 30 most common of the 3,545 passwords of " + d.label());
    }

    @Test
    void aFileHasOnePasswordPerLineWithCommentsBlankLinesAndDuplicatesSkipped() throws Exception {
        Path file = dir.resolve("list.txt");
        Files.writeString(file, "\uFEFF# my list\r\nsummer2024\r\n\r\n  spaced \nsummer2024\n#not a password\nwinter\n",
                StandardCharsets.UTF_8);
        PasswordDictionary d = PasswordDictionary.fromFile(file);
        assertThat(d.passwords()).containsExactly("summer2024", "  spaced ", "winter");
        assertThat(d.describe(3)).isEqualTo("the 3 passwords of the dictionary file " + file);
        assertThat(d.describe(1)).isEqualTo("the first 1 of the 3 passwords of the dictionary file " + file);
    }

    @Test
    void aFileWithoutPasswordsIsRefused() throws Exception {
        Path file = dir.resolve("empty.txt");
        Files.writeString(file, "# nothing here\n\n");
        assertThatThrownBy(() -> PasswordDictionary.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no passwords");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "geheim\ns\u00fc\u00dfholz\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PasswordDictionary.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not UTF-8")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("geheim").doesNotContain("holz"));
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> PasswordDictionary.fromFile(dir.resolve("missing.txt")))
                .isInstanceOf(java.io.IOException.class);
    }
}
