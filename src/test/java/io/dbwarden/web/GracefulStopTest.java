package io.dbwarden.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    /** How long a test waits for something that should take milliseconds before calling it a failure. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private WebServer server;

    @AfterEach
    void cleanUp() {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    private final DemoApi api = new DemoApi();

    private Http start(Duration drainTimeout) {
        server = WebServer.start(WebSettings.builder().listen("127.0.0.1", 0).drainTimeout(drainTimeout).build(),
                routes -> api.mount(routes.get("/api/v1/slow", Role.VIEWER, ctx -> {
                    entered.countDown();
                    if (!release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the request");
                    }
                    ctx.result("done");
                })));
        return Http.to(server);
    }

    @Test
    void gracefulStopLetsAnInFlightRequestFinish() throws Exception {
        Http http = start(Duration.ofSeconds(15));
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> http.get("/api/v1/slow"));
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the request reached its handler").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        awaitConnectionsRefused(server.port());
        assertThat(stopping).as("stop waits for the request in flight").isNotDone();

        release.countDown();

        HttpResponse<String> response = inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aRequestArrivingOnAnOpenConnectionDuringAStopIsRefusedAndStartsNothing() throws Exception {
        Http http = start(Duration.ofSeconds(15));
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> http.get("/api/v1/slow"));
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        try (Socket open = new Socket("127.0.0.1", server.port())) {
            open.setSoTimeout((int) PATIENCE.toMillis());
            assertThat(RawHttp.exchange(open, "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
            awaitConnectionsRefused(server.port());
            String answer = RawHttp.exchange(open,
                    "POST /api/v1/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");

            // 503 when the connection is still open; an empty answer when Jetty closed it as idle first
            assertThat(answer).satisfiesAnyOf(
                    a -> assertThat(a).startsWith("HTTP/1.1 503").endsWith("{\"error\":\"Service Unavailable\"}"),
                    a -> assertThat(a).isEmpty());
            assertThat(api.runsStarted).hasValue(0);
            release.countDown();
            assertThat(inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestStillRunningAtTheDrainTimeoutIsCutOffAndStopReturns() throws Exception {
        Http http = start(Duration.ofSeconds(1));
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> http.get("/api/v1/slow"));
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        server.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("stop gives up after the drain timeout").isLessThan(PATIENCE.dividedBy(2));
        assertThat(took).as("stop waited for the drain timeout").isGreaterThanOrEqualTo(Duration.ofMillis(900));
        release.countDown();
        assertThat(inFlight).failsWithin(PATIENCE);
    }

    @Test
    void aStopWithNothingInFlightDoesNotWaitForTheDrainTimeout() {
        Http http = start(Duration.ofSeconds(30));
        assertThat(http.get("/-/healthy").statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        server.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    /** Waits until the listening socket is closed: the first visible step of a stop. */
    private static void awaitConnectionsRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // a timeout or reset: keep looking
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server still accepted connections " + PATIENCE + " after stop began");
    }
}
