package io.dbwarden.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.target.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetDefinitionTest {

    private static TargetDefinition target(String dsn) {
        return new TargetDefinition("db1", dsn, Map.of(), null);
    }

    @Test
    void anInlinePasswordIsFoundInTheUserInformationOrAsAParameter() {
        assertThat(target("postgresql://monitor:pw@db1/postgres").hasInlinePassword()).isTrue();
        assertThat(target("mysql://monitor@db1/?password=pw&ssl-mode=REQUIRED").hasInlinePassword()).isTrue();
        assertThat(target("mysql://monitor:***@db1/").hasInlinePassword()).as("even a password spelled ***").isTrue();
        assertThat(target("postgresql://monitor@db1/postgres?password=env:PW").hasInlinePassword()).isFalse();
        assertThat(target("postgresql://monitor@db1/postgres?password=file:/run/secrets/pw").hasInlinePassword()).isFalse();
        assertThat(target("postgresql://monitor@db1/postgres").hasInlinePassword()).isFalse();
        assertThat(target("postgresql://monitor:@db1/postgres").hasInlinePassword()).as("an empty password").isFalse();
    }

    @Test
    void theRedactedDsnMasksInlinePasswordsAndKeepsReferences() {
        assertThat(target("postgresql://monitor:p%40ss@db1:5432/postgres?sslmode=verify-full").redactedDsn())
                .isEqualTo("postgresql://monitor:***@db1:5432/postgres?sslmode=verify-full");
        assertThat(target("mysql://monitor@db1/?ssl-mode=REQUIRED&password=s3cret").redactedDsn())
                .isEqualTo("mysql://monitor@db1/?ssl-mode=REQUIRED&password=***");
        assertThat(target("mysql://monitor@db1/?password=env:PW").redactedDsn()).isEqualTo("mysql://monitor@db1/?password=env:PW");
        assertThat(target("postgresql://monitor:s3cret@db1/postgres").toString()).doesNotContain("s3cret").contains("***");
    }

    @Test
    void theEngineFollowsTheScheme() {
        assertThat(target("postgres://m@db1/x").engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(target("mariadb://m@db1/").engine()).isEqualTo(Engine.MYSQL);
        assertThatThrownBy(() -> target("mongodb://m@db1/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a target DSN must start with postgresql://, postgres://, mysql:// or mariadb://");
        assertThatThrownBy(() -> target("mysql://m@db1/?x=" + "a".repeat(TargetDefinition.MAX_DSN_LENGTH)))
                .hasMessageContaining("longer than");
    }

    @Test
    void aSecretReferenceResolvesFromTheEnvironmentOrAFileAndSaysWhichFailed(@TempDir Path dir) throws Exception {
        assertThat(SecretRef.parse("env:PW").resolve(Map.of("PW", "x")::get)).isEqualTo("x");
        assertThatThrownBy(() -> SecretRef.parse("env:PW").resolve(Map.<String, String>of()::get))
                .hasMessage("secret env:PW: environment variable PW is not set");
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        assertThat(SecretRef.parse("file:" + file).resolve(name -> null)).isEqualTo("from-file");
        assertThatThrownBy(() -> SecretRef.parse("file:" + dir.resolve("none")).resolve(name -> null))
                .hasMessage("secret file:" + dir.resolve("none") + ": no such file");
        assertThatThrownBy(() -> SecretRef.parse("hunter2")).hasMessageNotContaining("hunter2")
                .hasMessage("a secret must be given by reference, env:NAME or file:PATH, never inline");
    }
}
