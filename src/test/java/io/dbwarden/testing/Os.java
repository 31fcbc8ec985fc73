package io.dbwarden.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small operating-system helpers shared by the server classes (package-private). */
final class Os {
    static final boolean ROOT = currentUid() == 0;
    private static final File DEV_NULL = new File("/dev/null");

    private Os() {
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
        }
    }

    /**
     * The command, run as {@code osUser} when this JVM is root (PostgreSQL refuses to run as root), else as the current
     * user. {@code dieWithParent} adds a parent-death SIGKILL so a server never outlives a JVM that was killed.
     */
    static List<String> asUser(String osUser, boolean dieWithParent, List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT || dieWithParent) {
            full.add("setpriv");
            if (ROOT) {
                full.add("--reuid=" + osUser);
                full.add("--regid=" + osUser);
                full.add("--init-groups");
                full.add("--reset-env");
            }
            if (dieWithParent) {
                full.add("--pdeathsig");
                full.add("KILL");
            }
            full.add("--");
        }
        full.addAll(command);
        return full;
    }

    /** Runs a short command to completion, throwing with its output when it fails. Returns the output. */
    static String run(List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("dbwarden-cmd-", ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .redirectInput(DEV_NULL)
                        .start();
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                String output = Files.readString(out, StandardCharsets.UTF_8);
                if (!finished || process.exitValue() != 0) {
                    throw new IllegalStateException("command " + command + (finished ? " exited with " + process.exitValue() : " timed out after " + timeout)
                            + "\n--- output ---\n" + tail(output, 60));
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Gives a whole tree to an OS user (only when running as root; otherwise everything is already ours). */
    static void chown(Path path, String osUser) {
        if (ROOT) {
            run(List.of("chown", "-R", osUser + ":" + osUser, path.toString()), Duration.ofSeconds(60));
        }
    }

    /** Copies a directory tree preserving owners and modes (and holes of sparse files, see {@link #digHoles}). */
    static void copyTree(Path from, Path to) {
        run(List.of("cp", "-a", from.toString(), to.toString()), Duration.ofSeconds(120));
    }

    /**
     * Turns the zero-filled parts of big files (InnoDB's 96 MiB redo log, a fresh WAL segment) into holes, once per
     * template, so that every later {@code cp -a} copies only the data: 3x faster instance start for MariaDB.
     * Best effort: a file system without hole punching just copies the zeros.
     */
    static void digHoles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) >= 1 << 20) {
                    try {
                        run(List.of("fallocate", "--dig-holes", file.toString()), Duration.ofSeconds(60));
                    } catch (RuntimeException e) {
                        return;
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    /** Copies one file, then sets owner and mode. */
    static Path installFile(Path source, Path target, String osUser, String mode) {
        try {
            Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
        chown(target, osUser);
        return target;
    }

    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(DEV_NULL).redirectInput(DEV_NULL)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the process is gone or kill is missing: the caller falls back to SIGKILL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops a server process: sends {@code signal}, waits up to {@code grace}, then SIGKILLs it (and anything it
     * started).
     */
    static void stop(Process process, String signal, Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            signal(process.pid(), signal);
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // a file appeared or vanished while walking (a server still shutting down): let rm have a go
            try {
                run(List.of("rm", "-rf", root.toString()), Duration.ofSeconds(60));
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
    }

    static void mkdirs(Path dir, String mode) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static void writeString(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The last lines of a log file, or a note that it cannot be read. */
    static String tailOf(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 64 * 1024);
            return tail(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8), lines);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
