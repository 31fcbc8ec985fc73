package io.dbwarden.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Scrapes a real prometheus-node-exporter running on this machine. */
@EnabledOnOs(OS.LINUX)
class NodeExporterProcessTest {

    private static NodeExporterProcess exporter;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startExporter() throws Exception {
        exporter = NodeExporterProcess.start();
    }

    @AfterAll
    static void stopExporter() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void scrapedMemoryEqualsThisMachinesMemTotalAndCpusArePositive() throws Exception {
        URI metrics = exporter.baseUri.resolve("/metrics");

        HostFacts facts = new NodeExporterClient(http, Duration.ofSeconds(5)).scrape(metrics);

        assertThat(facts.memoryBytes()).isEqualTo(ProcMeminfo.bytes("MemTotal"));
        assertThat(facts.swapBytes()).isEqualTo(ProcMeminfo.bytes("SwapTotal"));
        assertThat(facts.cpus()).isNotNull().isGreaterThanOrEqualTo(1);
        assertThat(facts.source()).isEqualTo("node_exporter " + metrics);
    }

    @Test
    void aBaseUrlWithoutPathIsScrapedAtSlashMetrics() throws Exception {
        HostFacts facts = new NodeExporterClient(http, Duration.ofSeconds(5)).scrape(exporter.baseUri);

        assertThat(facts.memoryBytes()).isEqualTo(ProcMeminfo.bytes("MemTotal"));
        assertThat(facts.source()).isEqualTo("node_exporter " + exporter.baseUri + "/metrics");
    }

    @Test
    void resolverUsesTheExporterForARemoteTargetAndKeepsADeclaredCpuCount() throws Exception {
        HostFactsResolver resolver = new HostFactsResolver(http, Duration.ofSeconds(5), Path.of("/nonexistent-proc"));

        HostFactsResult scraped = resolver.resolve(new HostSpec(null, null, exporter.baseUri), false);
        HostFactsResult withCpus = resolver.resolve(new HostSpec(null, 64, exporter.baseUri), false);

        assertThat(scraped.unknownReason()).isNull();
        assertThat(scraped.facts()).hasValueSatisfying(facts -> {
            assertThat(facts.source()).startsWith("node_exporter http://127.0.0.1:");
            assertThat(facts.cpus()).isPositive();
        });
        assertThat(withCpus.facts()).hasValueSatisfying(facts -> assertThat(facts.cpus()).isEqualTo(64));
    }
}
