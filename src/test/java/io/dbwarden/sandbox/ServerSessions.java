package io.dbwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What a server still runs for dbwarden, and a directory the server's own OS user may write files in. */
final class ServerSessions {

    /** Sessions end on the server a moment after the client closes them; this is how long the tests wait. */
    static final Duration SESSION_END = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private ServerSessions() {
    }

    /** Waits until {@code sessions} lists nothing, and fails with what it still lists after {@link #SESSION_END}. */
    static void awaitNone(String what, Supplier<List<Map<String, Object>>> sessions) throws InterruptedException {
        long deadline = System.nanoTime() + SESSION_END.toNanos();
        List<Map<String, Object>> left = sessions.get();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL);
            left = sessions.get();
        }
        assertThat(left).as(what).isEmpty();
    }

    /** Waits until {@code sessions} lists something, e.g. a query that has started on the server. */
    static void awaitSome(String what, Supplier<List<Map<String, Object>>> sessions) throws InterruptedException {
        long deadline = System.nanoTime() + SESSION_END.toNanos();
        while (sessions.get().isEmpty()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(POLL);
        }
    }

    /** A directory under /tmp anyone may write in, so a server running as its own OS user could create a file. */
    static Path writableByTheServer() throws IOException {
        Path dir = Files.createTempDirectory("dbwarden-sandbox-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
