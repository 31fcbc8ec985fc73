package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.evaluate.Finding;
import io.dbwarden.host.HostSpec;
import io.dbwarden.run.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Shared pieces of the PostgreSQL check tests: the check list, a run with overridden params, files on the server. */
final class PostgresCheckScenarios {

    /** Every PostgreSQL check these tests cover. */
    static final String[] CHECKS = {
            "postgresql_fdw_password_not_required",
            "postgresql_fdw_mapping_without_password",
            "postgresql_fdw_server_without_verified_tls",
            "postgresql_hba_trust",
            "postgresql_hba_open_to_world",
            "postgresql_ssl_off",
            "postgresql_password_encryption_md5",
            "postgresql_superuser_roles",
            "postgresql_fsync_off",
            "postgresql_autovacuum_off",
            "postgresql_inactive_replication_slot",
            "postgresql_shared_buffers_undersized",
            "postgresql_memory_overcommit",
    };

    private PostgresCheckScenarios() {
    }

    /**
     * Runs one built-in check with some of its params replaced, the way a per-check params override in the
     * configuration does (CheckRun has no params option).
     */
    static RunReport runWithParams(String dsn, String checkName, Map<String, Object> params, String hostMemory) {
        return CheckRun.run(dsn, List.of(CheckRun.withParams(checkName, params)), Duration.ZERO,
                hostMemory == null ? HostSpec.none() : HostSpec.fromOptions(hostMemory, 4, null));
    }

    /** The 1-based number of the only line of {@code file} matching {@code regex} (find semantics). */
    static int lineOf(Path file, String regex) {
        Pattern p = Pattern.compile(regex);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    assertThat(found).as("more than one line of " + file + " matches " + regex).isEqualTo(-1);
                    found = i + 1;
                }
            }
            assertThat(found).as("a line of " + file + " matching " + regex).isPositive();
            return found;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the content of a file the server owns. Writing into the existing file keeps its owner (postgres)
     * and mode, so the server can still read it.
     */
    static void overwrite(Path file, String content) {
        assertThat(file).exists();
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A throw-away self-signed certificate for CN=localhost, valid for two days: {cert, key}. */
    static Path[] selfSignedCertificate(Path dir) {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        ProcessBuilder openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-days", "2", "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile());
        try {
            Process p = openssl.start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("openssl could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Path[] {cert, key};
    }

    /** The findings' values of one field, e.g. every {@code user} reported. */
    static List<String> field(List<Finding> findings, String name) {
        return findings.stream().map(f -> f.texts().get(name)).toList();
    }

    /** The one finding whose {@code field} equals {@code value}. */
    static Finding only(List<Finding> findings, String field, String value) {
        List<Finding> matching = findings.stream().filter(f -> value.equals(f.texts().get(field))).toList();
        assertThat(matching).as("findings with " + field + "=" + value + " among " + findings).hasSize(1);
        return matching.get(0);
    }
}
