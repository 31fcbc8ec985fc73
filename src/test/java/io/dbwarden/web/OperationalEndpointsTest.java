package io.dbwarden.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationalEndpointsTest {

    private final DemoApi api = new DemoApi();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private Http start(WebSettings.Builder settings) {
        server = WebServer.start(settings.listen("127.0.0.1", 0).readiness(ready::get).build(), api::mount);
        return Http.to(server);
    }

    @Test
    void healthyIs200WhileTheServerIsUp() {
        Http http = start(WebSettings.builder());

        HttpResponse<String> response = http.get("/-/healthy");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("OK");
        assertThat(http.send("HEAD", "/-/healthy", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void readyFollowsTheReadinessCheck() {
        Http http = start(WebSettings.builder());
        ready.set(false);

        HttpResponse<String> notReady = http.get("/-/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("not ready");
        assertThat(http.send("HEAD", "/-/ready", null, null).statusCode()).isEqualTo(503);

        ready.set(true);
        HttpResponse<String> nowReady = http.get("/-/ready");
        assertThat(nowReady.statusCode()).isEqualTo(200);
        assertThat(nowReady.body()).isEqualTo("OK");
    }

    @Test
    void metricsIsPrometheusTextAndCountsRequestsByRouteAndStatus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Http http = start(WebSettings.builder().metrics(registry));
        http.get("/api/v1/targets");
        http.get("/api/v1/targets");
        http.get("/api/v1/targets/db-missing");
        http.get("/no/such/route/42");
        http.send("POST", "/api/v1/runs", null, "{}");

        HttpResponse<String> metrics = http.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("# TYPE dbwarden_http_server_requests_seconds summary")
                .contains("dbwarden_http_server_requests_seconds_count"
                        + "{method=\"GET\",route=\"/api/v1/targets\",status=\"200\"} 2\n")
                .contains("dbwarden_http_server_requests_seconds_count"
                        + "{method=\"GET\",route=\"/api/v1/targets/{name}\",status=\"404\"} 1\n")
                .contains("dbwarden_http_server_requests_seconds_count"
                        + "{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n")
                .contains("dbwarden_http_server_requests_seconds_count"
                        + "{method=\"POST\",route=\"/api/v1/runs\",status=\"202\"} 1\n")
                .doesNotContain("/no/such/route");
    }

    @Test
    void theServiceRegistersItsOwnMetersInTheSameRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("dbwarden.runs", "status", "ok").increment(3);
        Http http = start(WebSettings.builder().metrics(registry));

        assertThat(http.get("/metrics").body()).contains("dbwarden_runs_total{status=\"ok\"} 3.0\n");
    }

    @Test
    void theRoutePrefixServesEveryRouteUnderItAndNothingOutside() {
        Http prefixed = start(WebSettings.builder().routePrefix("/alertmanager/"));

        assertThat(server.uri().getPath()).isEqualTo("/alertmanager");
        assertThat(prefixed.get("/api/v1/whoami").statusCode()).isEqualTo(200);
        assertThat(prefixed.get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(prefixed.get("/-/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> outside = new Http(java.net.URI.create("http://127.0.0.1:" + server.port()))
                .get("/api/v1/whoami");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.body()).isEqualTo("{\"error\":\"no route for GET /api/v1/whoami\"}");
        // the metric's route label is the template, without the prefix
        assertThat(prefixed.get("/metrics").body()).contains(
                "dbwarden_http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/whoami\",status=\"200\"} 1\n");
    }
}
