package io.dbwarden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Process and directory lifecycle for the private servers (package-private).
 *
 * <ul>
 *   <li>Servers are spawned from one long-lived daemon thread with a parent-death SIGKILL, so even a JVM killed with
 *       SIGKILL takes its servers with it (the kernel ties that signal to the thread that forked the child).</li>
 *   <li>One shutdown hook stops every server still running and deletes the per-JVM templates.</li>
 *   <li>Temp directories carry the owning JVM's pid; directories left behind by dead JVMs are swept on first use.</li>
 * </ul>
 */
final class Lifecycle {
    static final String PREFIX = "dbwarden-db-";
    private static final String OWNER_FILE = ".dbwarden-owner";

    interface Stoppable {
        void stopNow();
    }

    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dbwarden-server-launcher");
        thread.setDaemon(true);
        return thread;
    });
    private static final Set<Stoppable> LIVE = ConcurrentHashMap.newKeySet();
    private static final List<Path> TEMPLATES = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Lifecycle::shutdown, "dbwarden-server-shutdown"));
        sweepStale();
    }

    private Lifecycle() {
    }

    /** Starts a server process from the launcher thread (see class comment). */
    static Process launch(ProcessBuilder builder) {
        try {
            return LAUNCHER.submit(builder::start).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("cannot start " + builder.command(), io);
            }
            throw new IllegalStateException("cannot start " + builder.command(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + builder.command(), e);
        }
    }

    static void register(Stoppable server) {
        LIVE.add(server);
    }

    static void unregister(Stoppable server) {
        LIVE.remove(server);
    }

    static void registerTemplate(Path dir) {
        TEMPLATES.add(dir);
    }

    /**
     * A fresh private directory under {@code -Ddbwarden.test.tmpdir} (default java.io.tmpdir), tagged with this JVM's
     * pid. The postgres/mysql users must be able to traverse its parents, and Unix socket paths must stay under 107
     * characters, so keep it short (the default /tmp is ideal).
     */
    static Path newTempDir(String kind) {
        try {
            Path dir = Files.createTempDirectory(tmpRoot(), PREFIX + kind + "-");
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory in " + tmpRoot(), e);
        }
    }

    private static Path tmpRoot() {
        return Path.of(System.getProperty("dbwarden.test.tmpdir", System.getProperty("java.io.tmpdir", "/tmp")));
    }

    private static void shutdown() {
        List<Thread> stoppers = new ArrayList<>();
        for (Stoppable server : List.copyOf(LIVE)) {
            Thread thread = new Thread(server::stopNow, "dbwarden-stop");
            thread.start();
            stoppers.add(thread);
        }
        for (Thread thread : stoppers) {
            try {
                thread.join(Duration.ofSeconds(40).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Path template : TEMPLATES) {
            Os.deleteTree(template);
        }
    }

    private static boolean isStale(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER_FILE);
        if (Files.exists(owner)) {
            long pid = Long.parseLong(Files.readString(owner).trim());
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
        FileTime modified = Files.getLastModifiedTime(dir);
        return modified.toInstant().isBefore(Instant.now().minus(Duration.ofHours(1)));
    }

    /** Deletes our temp directories whose owning JVM is gone (e.g. one killed by a surefire timeout). */
    private static void sweepStale() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpRoot(), PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.isDirectory(dir) && isStale(dir)) {
                        Os.deleteTree(dir);
                    }
                } catch (IOException | RuntimeException e) {
                    // leave it
                }
            }
        } catch (IOException | RuntimeException e) {
            // sweeping is best effort
        }
    }
}
