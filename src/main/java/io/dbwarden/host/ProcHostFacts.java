package io.dbwarden.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads host facts of this machine from a {@code /proc} directory. */
final class ProcHostFacts {

    private static final Pattern MEMINFO_LINE = Pattern.compile("(\\w+):\\s*(\\d+)\\s*(kB)?\\s*");
    // "processor\t: 3" on x86 and arm64, "processor 3: ..." on s390x.
    private static final Pattern CPUINFO_PROCESSOR = Pattern.compile("processor[\\s\\d]*:.*");

    private ProcHostFacts() {
    }

    /**
     * Returns memory and swap from {@code meminfo} and the CPU count from {@code cpuinfo} under
     * {@code procRoot}, with source {@code procRoot} (normally {@code "/proc"}).
     *
     * @throws IOException with a readable message when {@code meminfo} is missing or has no MemTotal
     */
    static HostFacts read(Path procRoot) throws IOException {
        Path meminfo = procRoot.resolve("meminfo");
        List<String> lines;
        try {
            lines = Files.readAllLines(meminfo, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + meminfo + ": no such file", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + meminfo + ": " + e.getMessage(), e);
        }
        Long memory = null;
        Long swap = null;
        for (String line : lines) {
            Matcher m = MEMINFO_LINE.matcher(line);
            if (m.matches()) {
                long bytes;
                try {
                    bytes = Math.multiplyExact(Long.parseLong(m.group(2)), m.group(3) == null ? 1L : 1024L);
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IOException(meminfo + " has an impossible " + m.group(1) + " of " + m.group(2), e);
                }
                switch (m.group(1)) {
                    case "MemTotal" -> memory = bytes;
                    case "SwapTotal" -> swap = bytes;
                    default -> { }
                }
            }
        }
        if (memory == null || memory <= 0) {
            throw new IOException(meminfo + " has no positive MemTotal line");
        }
        return new HostFacts(memory, cpuCount(procRoot), swap, procRoot.toString());
    }

    /**
     * Counts processors in {@code cpuinfo}, so the count matches the machine-wide MemTotal rather than this
     * JVM's container CPU quota; falls back to {@link Runtime#availableProcessors()} when it cannot tell.
     */
    private static int cpuCount(Path procRoot) {
        try {
            long count = Files.readAllLines(procRoot.resolve("cpuinfo"), StandardCharsets.UTF_8)
                    .stream()
                    .filter(line -> CPUINFO_PROCESSOR.matcher(line).matches())
                    .count();
            if (count > 0) {
                return Math.toIntExact(count);
            }
        } catch (IOException | ArithmeticException e) {
            // fall through to the JVM's view
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
