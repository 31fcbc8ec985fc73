package io.dbwarden.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What dbwarden knows about the machine a database runs on, for memory-sizing advice.
 *
 * @param memoryBytes physical memory in bytes, always positive
 * @param cpus        logical CPU count, or {@code null} when unknown
 * @param swapBytes   swap space in bytes, or {@code null} when unknown
 * @param source      where the facts came from: {@code "declared"}, {@code "node_exporter <url>"} or {@code "/proc"}
 */
public record HostFacts(long memoryBytes, Integer cpus, Long swapBytes, String source) {

    public HostFacts {
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("Host memory must be a positive number of bytes, got " + memoryBytes + ".");
        }
        if (cpus != null && cpus <= 0) {
            throw new IllegalArgumentException("Host CPU count must be positive when known, got " + cpus + ".");
        }
        if (swapBytes != null && swapBytes < 0) {
            throw new IllegalArgumentException("Host swap must not be negative when known, got " + swapBytes + " bytes.");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Host facts need a source such as \"declared\" or \"/proc\".");
        }
    }

    /** Returns these facts with the CPU count replaced, e.g. by one the user declared. */
    public HostFacts withCpus(Integer newCpus) {
        return new HostFacts(memoryBytes, newCpus, swapBytes, source);
    }

    /**
     * Returns the facts as CEL rule variables: {@code memory} (int), {@code cpus} and {@code swap} (int,
     * absent when unknown so rules can test {@code has(host.cpus)}) and {@code source} (string).
     */
    public Map<String, Object> toCelMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("memory", memoryBytes);
        if (cpus != null) {
            map.put("cpus", cpus.longValue());
        }
        if (swapBytes != null) {
            map.put("swap", swapBytes);
        }
        map.put("source", source);
        return Collections.unmodifiableMap(map);
    }
}
