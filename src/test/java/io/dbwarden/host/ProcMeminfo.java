package io.dbwarden.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads MemTotal and SwapTotal straight from the real /proc/meminfo, independently of the code under test. */
final class ProcMeminfo {

    private ProcMeminfo() {
    }

    static long bytes(String key) throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith(key + ":"))
                .map(line -> line.substring(key.length() + 1).replace("kB", "").strip())
                .mapToLong(kib -> Long.parseLong(kib) * 1024)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("/proc/meminfo has no " + key));
    }
}
