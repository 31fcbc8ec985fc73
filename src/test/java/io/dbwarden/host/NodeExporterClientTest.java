package io.dbwarden.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeExporterClientTest {

    private static final URI URL = URI.create("http://db1:9100/metrics");
    private static final String SAMPLE = """
            # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} 279.29
            node_cpu_seconds_total{cpu="0",mode="user"} 36.89
            node_cpu_seconds_total{cpu="1",mode="idle"} 242.02
            node_cpu_seconds_total{cpu="1",mode="user"} 2.5e+01
            node_cpu_seconds_total{cpu="10",mode="idle"} 1
            # HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.
            # TYPE node_memory_MemTotal_bytes gauge
            node_memory_MemTotal_bytes 2.527602688e+10
            node_memory_SwapTotal_bytes 0
            go_memstats_gc_sys_bytes 8.18512e+06
            node_scrape_collector_duration_seconds{collector="cpu"} NaN
            """;

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private ExecutorService handlers;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void parsesMemorySwapAndDistinctCpusFromATextSample() throws Exception {
        HostFacts facts = NodeExporterClient.parse(SAMPLE, URL);

        assertThat(facts).isEqualTo(new HostFacts(25_276_026_880L, 3, 0L, "node_exporter http://db1:9100/metrics"));
    }

    @Test
    void leavesCpusAndSwapUnknownWhenTheirMetricsAreMissing() throws Exception {
        HostFacts facts = NodeExporterClient.parse("node_memory_MemTotal_bytes 1024\n", URL);

        assertThat(facts.cpus()).isNull();
        assertThat(facts.swapBytes()).isNull();
        assertThat(facts.toCelMap()).containsOnlyKeys("memory", "source");
    }

    @Test
    void acceptsTheSameMemoryReportedTwiceWithDifferentLabels() throws Exception {
        String text = "node_memory_MemTotal_bytes{instance=\"a\"} 2048\nnode_memory_MemTotal_bytes{instance=\"b\"} 2.048e3\n";

        assertThat(NodeExporterClient.parse(text, URL).memoryBytes()).isEqualTo(2048);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node_memory_SwapTotal_bytes 0                                | did not report node_memory_MemTotal_bytes; is its meminfo collector enabled?",
        "node_memory_MemTotal_bytes{ 1024                             | did not report node_memory_MemTotal_bytes; is its meminfo collector enabled?",
        "node_memory_MemTotal_bytes NaN                               | reported node_memory_MemTotal_bytes as NaN or infinite",
        "node_memory_MemTotal_bytes +Inf                              | reported node_memory_MemTotal_bytes as NaN or infinite",
        "node_memory_MemTotal_bytes 0                                 | reported node_memory_MemTotal_bytes as 0, not a positive size",
        "node_memory_MemTotal_bytes -5                                | reported node_memory_MemTotal_bytes as -5, not a positive size",
        "node_memory_MemTotal_bytes 1e30                              | reported node_memory_MemTotal_bytes too large to be a byte count",
        "node_memory_MemTotal_bytes{i=\"a\"} 1\\nnode_memory_MemTotal_bytes{i=\"b\"} 2 | reported 2 different values of node_memory_MemTotal_bytes; point the node_exporter URL at the exporter of the database host alone",
    })
    void rejectsExpositionsWithoutAUsableMemoryValue(String text, String problem) {
        assertThatThrownBy(() -> NodeExporterClient.parse(text.replace("\\n", "\n"), URL))
                .isInstanceOf(NodeExporterException.class)
                .hasMessage("node_exporter http://db1:9100/metrics " + problem);
    }

    @Test
    void addsSlashMetricsOnlyWhenTheUrlHasNoPath() {
        assertThat(NodeExporterClient.metricsUri(URI.create("http://db1:9100"))).hasToString("http://db1:9100/metrics");
        assertThat(NodeExporterClient.metricsUri(URI.create("http://db1:9100/"))).hasToString("http://db1:9100/metrics");
        assertThat(NodeExporterClient.metricsUri(URI.create("https://proxy/db1/metrics?x=1")))
                .hasToString("https://proxy/db1/metrics?x=1");
    }

    @Test
    void rejectsUrlsThatAreNotHttpWithAHost() {
        assertThatThrownBy(() -> NodeExporterClient.metricsUri(URI.create("ftp://db1/metrics")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node_exporter URL \"ftp://db1/metrics\" must be an http or https URL with a host, "
                        + "e.g. http://db1:9100/metrics.");
        assertThatThrownBy(() -> NodeExporterClient.metricsUri(URI.create("db1:9100")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> new NodeExporterClient(http, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node_exporter timeout must be positive, got PT0S.");
    }

    @Test
    void scrapesAnHttpServerServingTheTextFormat() throws Exception {
        URI base = serve(200, SAMPLE);

        HostFacts facts = new NodeExporterClient(http, Duration.ofSeconds(5)).scrape(base);

        assertThat(facts.memoryBytes()).isEqualTo(25_276_026_880L);
        assertThat(facts.cpus()).isEqualTo(3);
        assertThat(facts.source()).isEqualTo("node_exporter " + base + "/metrics");
    }

    @Test
    void reportsAnHttpErrorStatusWithTheUrl() throws Exception {
        URI base = serve(404, "404 page not found");

        assertThatThrownBy(() -> new NodeExporterClient(http, Duration.ofSeconds(5)).scrape(base))
                .isInstanceOf(NodeExporterException.class)
                .hasMessage("node_exporter " + base + "/metrics answered HTTP 404 instead of metrics");
    }

    @Test
    void reportsAnUnreachablePortAsConnectionRefusedWithinTheTimeout() {
        URI url = URI.create("http://127.0.0.1:" + TestPorts.freePort() + "/metrics");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new NodeExporterClient(http, Duration.ofSeconds(2)).scrape(url))
                .isInstanceOf(NodeExporterException.class)
                .hasMessage("node_exporter " + url + " unreachable: connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void reportsAListenerThatNeverAnswersAsATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/metrics");
            long start = System.nanoTime();

            assertThatThrownBy(() -> new NodeExporterClient(http, Duration.ofMillis(300)).scrape(url))
                    .isInstanceOf(NodeExporterException.class)
                    .hasMessage("node_exporter " + url + " unreachable: no answer within 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void reportsABodyThatStallsAfterTheHeadersAsATimeout() throws Exception {
        URI base = start(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("node_memory_MemTotal_bytes 1024\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> new NodeExporterClient(http, Duration.ofMillis(500)).scrape(base))
                .isInstanceOf(NodeExporterException.class)
                .hasMessage("node_exporter " + base + "/metrics unreachable: no answer within 500ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void reportsAnUnresolvableHostName() {
        URI url = URI.create("http://no-such-host.invalid:9100/metrics");

        assertThatThrownBy(() -> new NodeExporterClient(http, Duration.ofSeconds(5)).scrape(url))
                .isInstanceOf(NodeExporterException.class)
                .hasMessage("node_exporter " + url + " unreachable: cannot resolve its host name");
    }

    private URI serve(int status, String body) throws IOException {
        return start(exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private URI start(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/metrics", handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
