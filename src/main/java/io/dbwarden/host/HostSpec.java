package io.dbwarden.host;

import io.dbwarden.units.ByteSize;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Host facts as the user declared them on the command line; every component may be {@code null}.
 *
 * @param memoryBytes  {@code --host-memory}, in bytes
 * @param cpus         {@code --host-cpus}
 * @param nodeExporter {@code --node-exporter}, an http(s) URL of a node_exporter (with or without {@code /metrics})
 */
public record HostSpec(Long memoryBytes, Integer cpus, URI nodeExporter) {

    public HostSpec {
        if (memoryBytes != null && memoryBytes <= 0) {
            throw new IllegalArgumentException("--host-memory must be positive, got " + memoryBytes + " bytes.");
        }
        if (cpus != null && cpus <= 0) {
            throw new IllegalArgumentException("--host-cpus must be positive, got " + cpus + ".");
        }
        if (nodeExporter != null) {
            NodeExporterClient.requireHttpUrl(nodeExporter);
        }
    }

    /** Nothing declared. */
    public static HostSpec none() {
        return new HostSpec(null, null, null);
    }

    /**
     * Builds a spec from raw option values, any of which may be {@code null}: a byte size such as
     * {@code 64GiB}, a CPU count and a URL such as {@code http://db1:9100}.
     *
     * @throws IllegalArgumentException with a sentence naming the bad option
     */
    public static HostSpec fromOptions(String hostMemory, Integer hostCpus, String nodeExporterUrl) {
        Long memory = null;
        if (hostMemory != null) {
            try {
                memory = ByteSize.parse(hostMemory);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--host-memory: " + e.getMessage(), e);
            }
        }
        URI url = null;
        if (nodeExporterUrl != null) {
            try {
                url = new URI(nodeExporterUrl.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--node-exporter \"" + nodeExporterUrl
                        + "\" is not a valid URL: " + e.getReason() + ".", e);
            }
        }
        return new HostSpec(memory, hostCpus, url);
    }
}
