package io.dbwarden.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private Prometheus Alertmanager (the Debian {@code prometheus-alertmanager} binary) on a free 127.0.0.1 port, with a
 * minimal configuration (one receiver that sends nothing), its own storage directory and clustering off.
 *
 * <pre>{@code
 * try (AlertmanagerServer am = AlertmanagerServer.start()) {
 *     am.post("/api/v2/alerts", "[{\"labels\": {\"alertname\": \"x\"}}]");
 *     am.get("/api/v2/alerts").body();
 * }
 * }</pre>
 *
 * Like the database servers it dies with the JVM (parent-death SIGKILL), is stopped by the shutdown hook otherwise,
 * and its directory is deleted on close.
 */
public final class AlertmanagerServer implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("dbwarden.test.alertmanager",
            "/usr/bin/prometheus-alertmanager"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("dbwarden.test.startTimeoutSeconds", 90));
    /** A port taken between our probe and Alertmanager's bind makes it exit; try again with another. */
    private static final int PORT_ATTEMPTS = 5;
    /** Time a request to the private server may take; it answers in milliseconds. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String CONFIG = """
            route:
              receiver: discard
            receivers:
              - name: discard
            """;

    private final Path root;
    private final Path logFile;
    private final Lifecycle.Stoppable stopper = this::stopNow;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile URI baseUri;

    private AlertmanagerServer() {
        root = Lifecycle.newTempDir("alertmanager");
        logFile = root.resolve("alertmanager.log");
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** Starts one and waits until {@code /-/ready} answers 200. */
    public static AlertmanagerServer start() {
        if (!isInstalled()) {
            throw new IllegalStateException(BINARY + " is not installed: apt-get install prometheus-alertmanager"
                    + " (or point -Ddbwarden.test.alertmanager at the binary)");
        }
        AlertmanagerServer server = new AlertmanagerServer();
        try {
            server.boot();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void boot() {
        Path config = root.resolve("alertmanager.yml");
        Os.writeString(config, CONFIG);
        Lifecycle.register(stopper);
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int port = FreePorts.find();
            baseUri = URI.create("http://127.0.0.1:" + port);
            ProcessBuilder builder = new ProcessBuilder(List.of("setpriv", "--pdeathsig", "KILL", "--",
                    BINARY.toString(),
                    "--config.file=" + config,
                    "--storage.path=" + root.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address="))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            process = Lifecycle.launch(builder);
            if (awaitReady()) {
                return;
            }
            if (process.isAlive()) {
                break; // running but not ready in time: another port will not help
            }
        }
        throw new IllegalStateException("Alertmanager did not become ready on " + baseUri + " within " + START_TIMEOUT
                + "\n--- " + logFile + " ---\n" + Os.tailOf(logFile, 40));
    }

    /** True once ready; false when the process exited (e.g. its port was taken) or the time ran out. */
    private boolean awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/-/ready")).timeout(POLL_INTERVAL.multipliedBy(20))
                .build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Alertmanager", e);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Alertmanager", e);
            }
        }
        return false;
    }

    /** e.g. {@code http://127.0.0.1:40123} */
    public URI baseUri() {
        return baseUri;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(baseUri.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs a JSON body (sent as UTF-8). */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(baseUri.resolve(path)).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public Path logFile() {
        return logFile;
    }

    private void stopNow() {
        if (stopped.compareAndSet(false, true)) {
            Os.stop(process, "TERM", STOP_GRACE);
            Lifecycle.unregister(stopper);
            Os.deleteTree(root);
        }
    }

    @Override
    public void close() {
        stopNow();
    }
}
