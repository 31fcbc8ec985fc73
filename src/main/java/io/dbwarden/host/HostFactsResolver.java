package io.dbwarden.host;

import io.dbwarden.fact.Unavailable;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Learns the memory (and CPU count and swap) of the database host, since SQL does not reveal it. In order:
 * <ol>
 *   <li>memory declared on the target wins outright;</li>
 *   <li>else a node_exporter URL is scraped; if that fails the facts have {@link Unavailable.Failed failed} with
 *       the failure as the reason, unless the target runs on this machine, where {@code /proc} is read instead;</li>
 *   <li>else {@code /proc} when the target runs on this machine;</li>
 *   <li>else the facts are {@link Unavailable.NotConfigured not configured}.</li>
 * </ol>
 * A declared CPU count always replaces the one found. Reasons never name the flag or key that declares host facts:
 * the edge adds that.
 */
public final class HostFactsResolver {

    static final String NOTHING_KNOWN = "host memory unknown";

    private final NodeExporterClient nodeExporter;
    private final Path procRoot;

    /**
     * @param procRoot normally {@code Path.of("/proc")}; tests pass a directory of their own
     */
    public HostFactsResolver(HttpClient http, Duration timeout, Path procRoot) {
        this.nodeExporter = new NodeExporterClient(http, timeout);
        this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
    }

    /** Never throws for an unreachable or broken source; the result then says why the facts are unknown. */
    public HostFactsResult resolve(HostSpec spec, boolean targetIsLocal) {
        Objects.requireNonNull(spec, "spec");
        HostFactsResult result = resolveMemory(spec, targetIsLocal);
        if (spec.cpus() != null && result.isKnown()) {
            return HostFactsResult.known(result.facts().orElseThrow().withCpus(spec.cpus()));
        }
        return result;
    }

    private HostFactsResult resolveMemory(HostSpec spec, boolean targetIsLocal) {
        if (spec.memoryBytes() != null) {
            return HostFactsResult.known(new HostFacts(spec.memoryBytes(), spec.cpus(), null, "declared"));
        }
        if (spec.nodeExporter() != null) {
            try {
                return HostFactsResult.known(nodeExporter.scrape(spec.nodeExporter()));
            } catch (NodeExporterException e) {
                if (!targetIsLocal) {
                    return HostFactsResult.unavailable(new Unavailable.Failed(e.getMessage()));
                }
                try {
                    HostFacts proc = ProcHostFacts.read(procRoot);
                    return HostFactsResult.known(new HostFacts(proc.memoryBytes(), proc.cpus(), proc.swapBytes(),
                            proc.source() + " (" + e.getMessage() + ")"));
                } catch (IOException procFailure) {
                    return HostFactsResult.unavailable(new Unavailable.Failed(e.getMessage() + "; reading " + procRoot
                            + " instead failed too: " + procFailure.getMessage()));
                }
            }
        }
        if (targetIsLocal) {
            try {
                return HostFactsResult.known(ProcHostFacts.read(procRoot));
            } catch (IOException e) {
                return notConfigured(NOTHING_KNOWN + ": " + e.getMessage());
            }
        }
        return notConfigured(NOTHING_KNOWN);
    }

    private static HostFactsResult notConfigured(String detail) {
        return HostFactsResult.unavailable(new Unavailable.NotConfigured(Unavailable.Setting.HOST, detail));
    }
}
