package io.dbwarden.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessControlTest {

    private static final String VIEWER_TOKEN = "viewer-6b3f0c2a9d8e4f17a5c1";
    private static final String OPERATOR_TOKEN = "operator-0e9d8c7b6a5f4e3d2c1b";
    private static final String ADMIN_TOKEN = "admin-f1e2d3c4b5a6978877665544";

    private static final List<ApiToken> TOKENS = List.of(
            new ApiToken("ci-viewer", Role.VIEWER, TokenHash.of(VIEWER_TOKEN)),
            new ApiToken("oncall", Role.OPERATOR, TokenHash.of(OPERATOR_TOKEN)),
            new ApiToken("dba", Role.ADMIN, TokenHash.of(ADMIN_TOKEN)));

    private final DemoApi api = new DemoApi();
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private Http start(WebSettings.Builder settings) {
        server = WebServer.start(settings.build(), api::mount);
        return Http.to(server);
    }

    private Http withTokens() {
        return start(WebSettings.builder().listen("127.0.0.1", 0).tokens(TOKENS));
    }

    @Test
    void aRequestWithoutATokenOnAServerWithTokensIs401() {
        HttpResponse<String> response = withTokens().get("/api/v1/targets");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"dbwarden\"");
        assertThat(response.body()).contains("\"error\"").contains("Authorization: Bearer <token>");
    }

    @Test
    void anUnknownTokenIs401WithTheInvalidTokenChallenge() {
        HttpResponse<String> response = withTokens().get("/api/v1/targets", "not-a-configured-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"dbwarden\", error=\"invalid_token\"");
        assertThat(response.body()).isEqualTo("{\"error\":\"the API token is not valid\"}");
    }

    @Test
    void anotherAuthorizationSchemeIs401() {
        Http http = withTokens();
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                        URI.create(http.base() + "/api/v1/targets"))
                .header("Authorization", "Basic ZGJhOmh1bnRlcjI=").build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer "));
        assertThat(response.body()).contains("only bearer tokens are accepted");
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        Http http = withTokens();
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                        URI.create(http.base() + "/api/v1/whoami"))
                .header("Authorization", "bearer " + VIEWER_TOKEN).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerCanReadAndKnowsItsName() {
        HttpResponse<String> response = withTokens().get("/api/v1/whoami", VIEWER_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"ci-viewer\",\"role\":\"viewer\"}");
    }

    @Test
    void aViewerCannotStartARun403AndNothingChanges() {
        HttpResponse<String> response = withTokens().send("POST", "/api/v1/runs", VIEWER_TOKEN, "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"this needs the operator role; token 'ci-viewer' has viewer\"}");
        assertThat(api.runsStarted).hasValue(0);
    }

    @Test
    void aRequestWithoutATokenCannotStartARunAndNothingChanges() {
        HttpResponse<String> response = withTokens().send("POST", "/api/v1/runs", null, "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.runsStarted).hasValue(0);
    }

    @Test
    void anOperatorStartsARunButCannotChangeATarget() {
        Http http = withTokens();

        assertThat(http.send("POST", "/api/v1/runs", OPERATOR_TOKEN, "{}").statusCode()).isEqualTo(202);
        HttpResponse<String> put = http.send("PUT", "/api/v1/targets/db1", OPERATOR_TOKEN, "{\"dsn\":\"x\"}");

        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.body()).contains("needs the admin role");
        assertThat(api.runsStarted).hasValue(1);
        assertThat(api.targets).isEmpty();
    }

    @Test
    void anAdminChangesTargetsStartsRunsAndReads() {
        Http http = withTokens();

        assertThat(http.send("PUT", "/api/v1/targets/db1", ADMIN_TOKEN, "{\"dsn\":\"x\"}").statusCode())
                .isEqualTo(201);
        assertThat(http.send("POST", "/api/v1/runs", ADMIN_TOKEN, "{}").statusCode()).isEqualTo(202);
        assertThat(http.get("/api/v1/targets/db1", ADMIN_TOKEN).body()).isEqualTo("{\"dsn\":\"x\"}");
    }

    @Test
    void withoutTokensOnLoopbackEveryRequestIsTheLocalAdmin() {
        Http http = start(WebSettings.builder().listen("127.0.0.1", 0));

        assertThat(http.get("/api/v1/whoami").body()).isEqualTo("{\"name\":\"local\",\"role\":\"admin\"}");
        assertThat(http.send("PUT", "/api/v1/targets/db1", null, "{\"dsn\":\"x\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void withoutTokensARequestAddressedToAnotherNameIsRefusedAsDnsRebindingWouldSendIt() throws Exception {
        start(WebSettings.builder().listen("127.0.0.1", 0));

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String answer = RawHttp.exchange(socket,
                    "GET /api/v1/targets HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 403").endsWith("{\"error\":\"this server has no API tokens, "
                    + "so it answers only requests addressed to a loopback name, not 'attacker.example:"
                    + server.port() + "'; configure tokens to serve it under another name\"}");
        }
    }

    @Test
    void withoutTokensAPostFromAnotherWebSiteIsRefusedAndStartsNothing() {
        Http http = start(WebSettings.builder().listen("127.0.0.1", 0));

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/runs"))
                .header("Origin", "https://attacker.example")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("refuses requests from other web origins, such as "
                + "'https://attacker.example'");
        assertThat(api.runsStarted).hasValue(0);
    }

    @Test
    void withoutTokensAPageOfAnotherLocalPortIsAnotherOrigin() {
        Http http = start(WebSettings.builder().listen("127.0.0.1", 0));

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/runs"))
                .header("Origin", "http://localhost:" + (server.port() == 65_535 ? 1 : server.port() + 1))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.runsStarted).hasValue(0);
    }

    @Test
    void withoutTokensThisServersOwnPagesMayPost() {
        Http http = start(WebSettings.builder().listen("127.0.0.1", 0));

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/runs"))
                .header("Origin", "http://127.0.0.1:" + server.port())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void withTokensAnyHostNameAndOriginMayCallWithAToken() throws Exception {
        withTokens();

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String answer = RawHttp.exchange(socket, "GET /api/v1/whoami HTTP/1.1\r\nHost: dbwarden.internal\r\n"
                    + "Origin: https://ui.example\r\nAuthorization: Bearer " + VIEWER_TOKEN + "\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void bindingTheWildcardAddressWithoutTokensIsRefusedAtStart() {
        WebSettings settings = WebSettings.builder().listen("0.0.0.0", 0).build();

        assertThatThrownBy(() -> server = WebServer.start(settings, api::mount))
                .isInstanceOf(WebStartException.class)
                .hasMessage("refusing to listen on 0.0.0.0:0 without API tokens: any address but loopback needs "
                        + "auth configured; add tokens or listen on 127.0.0.1");
    }

    @Test
    void bindingTheWildcardAddressWithTokensStartsAndStillNeedsATokenFromLoopback() {
        server = WebServer.start(WebSettings.builder().listen("0.0.0.0", 0).tokens(TOKENS).build(), api::mount);
        Http http = new Http(URI.create("http://127.0.0.1:" + server.port()));

        assertThat(http.get("/api/v1/targets").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/targets", VIEWER_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void localhostIsLoopbackAndNeedsNoTokens() {
        Http http = start(WebSettings.builder().listen("localhost", 0));

        assertThat(http.get("/api/v1/whoami").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnresolvableHostIsAClearStartError() {
        WebSettings settings = WebSettings.builder().listen("no-such-host.invalid", 0).build();

        assertThatThrownBy(() -> server = WebServer.start(settings, api::mount))
                .isInstanceOf(WebStartException.class)
                .hasMessage("cannot resolve the listen host 'no-such-host.invalid'");
    }

    @Test
    void aPortInUseIsAClearStartError() {
        try (WebServer first = WebServer.start(WebSettings.builder().listen("127.0.0.1", 0).build(), api::mount)) {
            WebSettings same = WebSettings.builder().listen("127.0.0.1", first.port()).build();

            assertThatThrownBy(() -> server = WebServer.start(same, api::mount))
                    .isInstanceOf(WebStartException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port() + ": ")
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void operationalEndpointsAnswerWithoutATokenByDefault() {
        Http http = withTokens();

        assertThat(http.get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(http.get("/-/ready").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void operationalEndpointsCanBeMadeToNeedAViewerToken() {
        Http http = start(WebSettings.builder().listen("127.0.0.1", 0).tokens(TOKENS)
                .operational(OperationalAccess.TOKEN));

        assertThat(http.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(http.get("/-/healthy").statusCode()).isEqualTo(401);
        assertThat(http.get("/metrics", VIEWER_TOKEN).statusCode()).isEqualTo(200);
        assertThat(http.get("/-/ready", VIEWER_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void theAccessLogNamesTheTokenNeverTheTokenItself() {
        try (LogCapture log = new LogCapture()) {
            // a clock that stands still makes every request take 0 ms, so the lines can be compared whole
            Http http = start(WebSettings.builder().listen("127.0.0.1", 0).tokens(TOKENS)
                    .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));
            http.get("/api/v1/targets/db9", VIEWER_TOKEN);
            http.send("POST", "/api/v1/runs", VIEWER_TOKEN, "{}");
            http.get("/api/v1/targets", "wrong-" + ADMIN_TOKEN);
            http.get("/api/v1/targets", null);

            assertThat(log.messages()).contains(
                    "http_request method=GET route=/api/v1/targets/{name} status=404 millis=0 token=ci-viewer"
                            + " remote=127.0.0.1",
                    "http_request method=POST route=/api/v1/runs status=403 millis=0 token=ci-viewer"
                            + " remote=127.0.0.1 denied=role",
                    "http_request method=GET route=/api/v1/targets status=401 millis=0 token=-"
                            + " remote=127.0.0.1 denied=invalid_token",
                    "http_request method=GET route=/api/v1/targets status=401 millis=0 token=-"
                            + " remote=127.0.0.1 denied=missing_token");
            assertThat(log.all()).doesNotContain(VIEWER_TOKEN).doesNotContain(ADMIN_TOKEN);
        }
    }
}
