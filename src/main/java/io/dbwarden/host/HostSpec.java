package io.dbwarden.host;

import io.dbwarden.units.ByteSize;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Host facts as declared on a target (by the configuration file, or by the command line for every target it
 * checks); every component may be {@code null}.
 *
 * @param memoryBytes  the host's RAM, in bytes
 * @param cpus         its CPU count
 * @param nodeExporter an http(s) URL of its node_exporter (with or without {@code /metrics})
 */
public record HostSpec(Long memoryBytes, Integer cpus, URI nodeExporter) {

    /** The names the configuration file gives the three values ({@code host: {memory, cpus, node_exporter}}). */
    public static final Names KEYS = new Names("memory", "cpus", "node_exporter");

    /** What the caller calls the three values, so that a message names what the user wrote. */
    public record Names(String memory, String cpus, String nodeExporter) {
        public Names {
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(cpus, "cpus");
            Objects.requireNonNull(nodeExporter, "nodeExporter");
        }
    }

    public HostSpec {
        requirePositive(memoryBytes, cpus, KEYS);
        if (nodeExporter != null) {
            NodeExporterClient.requireHttpUrl(nodeExporter);
        }
    }

    /** Nothing declared. */
    public static HostSpec none() {
        return new HostSpec(null, null, null);
    }

    /** {@link #parse} with the configuration file's names. */
    public static HostSpec fromOptions(String hostMemory, Integer hostCpus, String nodeExporterUrl) {
        return parse(hostMemory, hostCpus, nodeExporterUrl, KEYS);
    }

    /**
     * Builds a spec from raw values, any of which may be {@code null}: a byte size such as {@code 64GiB}, a CPU count
     * and a URL such as {@code http://db1:9100}.
     *
     * @throws IllegalArgumentException with a sentence naming the bad value as {@code names} calls it
     */
    public static HostSpec parse(String hostMemory, Integer hostCpus, String nodeExporterUrl, Names names) {
        Long memory = null;
        if (hostMemory != null) {
            try {
                memory = ByteSize.parse(hostMemory);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(names.memory() + ": " + e.getMessage(), e);
            }
        }
        URI url = null;
        if (nodeExporterUrl != null) {
            try {
                url = new URI(nodeExporterUrl.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(names.nodeExporter() + " \"" + nodeExporterUrl
                        + "\" is not a valid URL: " + e.getReason() + ".", e);
            }
        }
        return of(memory, hostCpus, url, names);
    }

    /** A spec from typed values, naming a bad one as {@code names} calls it. */
    public static HostSpec of(Long memoryBytes, Integer cpus, URI nodeExporter, Names names) {
        requirePositive(memoryBytes, cpus, names);
        return new HostSpec(memoryBytes, cpus, nodeExporter);
    }

    private static void requirePositive(Long memoryBytes, Integer cpus, Names names) {
        if (memoryBytes != null && memoryBytes <= 0) {
            throw new IllegalArgumentException(names.memory() + " must be positive, got " + memoryBytes + " bytes.");
        }
        if (cpus != null && cpus <= 0) {
            throw new IllegalArgumentException(names.cpus() + " must be positive, got " + cpus + ".");
        }
    }
}
