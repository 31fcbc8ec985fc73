package io.dbwarden.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbwarden.target.TargetConnectException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passwords given inline or by reference: how a reference is read from a DSN, shown, and resolved at connect time. */
class SecretTest {

    private static final String PASSWORD = "Zq9-secret-Wx7";
    private static final LocalEnvironment NO_VARIABLES = LocalEnvironment.system().withVariables(Map.of());

    private static DsnResolutionException failure(Secret secret, LocalEnvironment local) {
        DsnResolutionException e = catchThrowableOfType(DsnResolutionException.class, () -> secret.resolve(local));
        assertThat(e).as("resolving " + secret + " should fail").isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.SECRET_UNAVAILABLE);
        assertThat(e.getMessage()).doesNotContain(PASSWORD);
        return e;
    }

    private static DsnResolutionException failure(Path file) {
        return failure(new Secret.FromFile(file), NO_VARIABLES);
    }

    // ---- reading a reference from a DSN

    @Test
    void readsAnEnvironmentReference() throws DsnException {
        assertThat(Secret.reference("env:PG_PASS_1")).isEqualTo(new Secret.FromEnvironment("PG_PASS_1"));
    }

    @Test
    void readsAFileReference() throws DsnException {
        assertThat(Secret.reference("file:/run/secrets/db")).isEqualTo(new Secret.FromFile(Path.of("/run/secrets/db")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "env:1BAD | password=env:1BAD does not name a valid environment variable",
            "env:     | password=env: does not name a valid environment variable",
            "file:    | password=file: needs a path, e.g. password=file:/run/secrets/db",
            "Zq9-secret-Wx7 | parameter 'password' must be env:NAME or file:PATH; put a literal password before the '@' instead",
            "ENV:X    | parameter 'password' must be env:NAME or file:PATH; put a literal password before the '@' instead"})
    void aMalformedReferenceIsAParseErrorThatNeverRepeatsTheValue(String value, String message) {
        assertThatThrownBy(() -> Secret.reference(value)).isInstanceOf(DsnException.class).hasMessage(message);
    }

    @Test
    void aFileReferenceThatIsNoPathIsAParseError() {
        assertThatThrownBy(() -> Secret.reference("file:/run/a\0b"))
                .isInstanceOf(DsnException.class).hasMessage("password file '/run/a\0b' is not a valid path");
    }

    // ---- showing

    @Test
    void anInlinePasswordIsNeverShown() {
        assertThat(new Secret.Inline(PASSWORD)).hasToString("***");
    }

    @Test
    void aReferenceIsShownAsWritten() {
        assertThat(new Secret.FromEnvironment("PG_PASS")).hasToString("env:PG_PASS");
        assertThat(new Secret.FromFile(Path.of("/run/secrets/db"))).hasToString("file:/run/secrets/db");
    }

    // ---- resolving an environment variable

    @Test
    void anEnvironmentReferenceReadsTheVariableWhenResolved() throws Exception {
        Secret secret = new Secret.FromEnvironment("PG_PASS");

        assertThat(secret.resolve(NO_VARIABLES.withVariables(Map.of("PG_PASS", PASSWORD)))).isEqualTo(PASSWORD);
        assertThat(secret.resolve(NO_VARIABLES.withVariables(Map.of("PG_PASS", "rotated")))).isEqualTo("rotated");
    }

    @Test
    void anUnsetVariableIsNamed() {
        assertThat(failure(new Secret.FromEnvironment("PG_PASS"), NO_VARIABLES))
                .hasMessage("environment variable PG_PASS (from password=env:PG_PASS) is not set");
    }

    @Test
    void anEmptyVariableIsNamed() {
        assertThat(failure(new Secret.FromEnvironment("PG_PASS"), NO_VARIABLES.withVariables(Map.of("PG_PASS", ""))))
                .hasMessage("environment variable PG_PASS (from password=env:PG_PASS) is empty");
    }

    // ---- resolving a file

    @Test
    void aFileIsReadWithoutItsTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, " spaced " + PASSWORD + " \r\n");

        assertThat(new Secret.FromFile(file).resolve(NO_VARIABLES)).isEqualTo(" spaced " + PASSWORD + " ");
    }

    @Test
    void aFileIsReadAgainAtEachResolutionSoARotatedSecretIsPickedUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Secret secret = new Secret.FromFile(file);
        Files.writeString(file, "first\n");
        String before = secret.resolve(NO_VARIABLES);

        Files.writeString(file, "second\n");

        assertThat(before).isEqualTo("first");
        assertThat(secret.resolve(NO_VARIABLES)).isEqualTo("second");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = Path.of("/nonexistent/dbwarden/pw");

        assertThat(failure(file))
                .hasMessage("password file " + file + " (from password=file:" + file + ") does not exist");
    }

    @Test
    void anEmptyFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "\n");

        assertThat(failure(file)).hasMessage("password file " + file + " (from password=file:" + file + ") is empty");
    }

    @Test
    void aDirectoryIsNoPasswordFile(@TempDir Path dir) {
        assertThat(failure(dir)).hasMessage("password file " + dir + " (from password=file:" + dir + ") is a directory");
    }

    @Test
    void aDeviceIsNoPasswordFile() {
        Path device = Path.of("/dev/zero");

        assertThat(failure(device))
                .hasMessage("password file /dev/zero (from password=file:/dev/zero) is not a regular file");
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, PASSWORD + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file), "root can read any file");

        assertThat(failure(file)).hasMessage(
                "password file " + file + " (from password=file:" + file + ") is not readable (permission denied)");
    }

    @Test
    void aFileLargerThanAnyPasswordIsRefusedWithoutShowingItsContent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, PASSWORD.repeat(SecretFiles.MAX_BYTES / PASSWORD.length() + 1));

        assertThat(failure(file)).hasMessage("password file " + file + " (from password=file:" + file
                + ") is larger than 65536 bytes; it should hold only the password");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithoutShowingItsContent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        byte[] text = PASSWORD.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[text.length + 1];
        System.arraycopy(text, 0, content, 0, text.length);
        content[text.length] = (byte) 0xff;
        Files.write(file, content);

        assertThat(failure(file)).hasMessage("password file " + file + " (from password=file:" + file + ") is not UTF-8 text");
    }
}
