package io.dbwarden.host;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real prometheus-node-exporter on a free loopback port, limited to the meminfo and cpu collectors. */
final class NodeExporterProcess implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("dbwarden.nodeExporter", "/usr/bin/prometheus-node-exporter"));

    private final Process process;
    private final Path log;
    final URI baseUri;

    private NodeExporterProcess(Process process, Path log, URI baseUri) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
    }

    static NodeExporterProcess start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is not installed; install it with "
                    + "`apt-get install -y prometheus-node-exporter` (or point -Ddbwarden.nodeExporter at the binary)");
        }
        int port = TestPorts.freePort();
        Path log = Files.createTempFile("node-exporter", ".log");
        Process process = new ProcessBuilder(List.of(BINARY.toString(),
                "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.meminfo", "--collector.cpu"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        NodeExporterProcess exporter = new NodeExporterProcess(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            exporter.awaitMetrics(Duration.ofSeconds(15));
        } catch (IOException | InterruptedException | RuntimeException e) {
            exporter.close();
            throw e;
        }
        return exporter;
    }

    private void awaitMetrics(Duration patience) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/metrics")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node_exporter exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("node_exporter did not answer on " + baseUri + " within " + patience
                + ": " + Files.readString(log));
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
