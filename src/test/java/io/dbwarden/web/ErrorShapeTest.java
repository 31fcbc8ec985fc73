package io.dbwarden.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorShapeTest {

    private static final DemoApi API = new DemoApi();
    private static WebServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = WebServer.start(WebSettings.builder().listen("127.0.0.1", 0).build(), routes -> {
            API.mount(routes);
            routes.get("/api/v2/teapot", Role.VIEWER, ctx -> {
                throw new BadRequest("no tea here");
            });
            // Alertmanager answers errors as a bare JSON string; a part of the server can choose its own shape
            routes.errorFormat("/api/v2", (ctx, status, message) -> ctx.status(status)
                    .contentType("application/json").result(Json.MAPPER.getNodeFactory().textNode(message).toString()));
        });
        http = Http.to(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> echo(String body) {
        return http.send("POST", "/api/v1/echo", null, body);
    }

    @Test
    void aWellFormedBodyIsReadAndAnsweredAsJson() {
        HttpResponse<String> response = echo("{\"name\":\"a\",\"count\":2}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"name\":\"a\",\"count\":2}");
    }

    @Test
    void malformedJsonIs400WithThePosition() {
        HttpResponse<String> response = echo("{\"name\": \"a\",}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"error\":\"malformed JSON at line 1, column 14: Unexpected "
                + "character ('}' (code 125)): was expecting double-quote to start field name\"}");
    }

    @Test
    void malformedJsonOnALaterLineNamesThatLine() {
        HttpResponse<String> response = echo("{\n  \"name\": \"a\",\n  \"count\": many\n}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"malformed JSON at line 3, column ");
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        HttpResponse<String> response = echo("{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"unknown field $.colour at line 1, column ");
    }

    @Test
    void aValueOfTheWrongTypeIs400NamingTheField() {
        HttpResponse<String> response = echo("{\"name\":\"a\",\"count\":\"many\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"invalid value in $.count at line 1, column 21: expected a number\"}");
    }

    @Test
    void aNumberWhereTextBelongsIs400RatherThanReadAsText() {
        HttpResponse<String> response = echo("{\"name\":7,\"count\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"invalid value in $.name at line 1, column ");
    }

    @Test
    void anArrayWhereAnObjectBelongsIs400WithoutJavaTypeNames() {
        HttpResponse<String> response = echo("[1]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid value at line 1, column 1: expected an object\"}");
    }

    @Test
    void contentAfterTheJsonValueIs400() {
        HttpResponse<String> response = echo("{\"name\":\"a\",\"count\":1} {}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"unexpected content after the JSON value at line 1, column 24\"}");
    }

    @Test
    void aDuplicateKeyIs400() {
        HttpResponse<String> response = echo("{\"name\":\"a\",\"name\":\"b\",\"count\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Duplicate field 'name'");
    }

    @Test
    void anEmptyBodyIs400() {
        HttpResponse<String> response = echo("");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"the request body is empty; expected JSON\"}");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) WebServer.MAX_BODY_BYTES + 1]))
                .build();

        HttpResponse<String> response = Http.send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"the request body is larger than 1048576 bytes (MAX_BODY_BYTES)\"}");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileItIsRead() {
        byte[] body = new byte[(int) WebServer.MAX_BODY_BYTES + 1];
        // no declared length: the body is sent chunked and the limit applies while reading it
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = Http.send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"the request body is larger than 1048576 bytes (MAX_BODY_BYTES)\"}");
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        String start = "{\"name\":\"";
        String end = "\",\"count\":1}";
        String body = start + "x".repeat((int) WebServer.MAX_BODY_BYTES - start.length() - end.length()) + end;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize((int) WebServer.MAX_BODY_BYTES);

        assertThat(echo(body).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownRouteIs404InTheErrorShape() {
        HttpResponse<String> response = http.get("/api/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no route for GET /api/v1/nothing-here\"}");
    }

    @Test
    void aKnownRouteWithAnotherMethodIs404() {
        HttpResponse<String> response = http.send("DELETE", "/api/v1/runs", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no route for DELETE /api/v1/runs\"}");
    }

    @Test
    void whatJettyRefusesBeforeTheRoutesIsInTheErrorShapeToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            assertThat(RawHttp.exchange(socket, "GET /api/v1/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                    .startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
                    .endsWith("\r\n\r\n{\"error\":\"Bad Request\"}");
        }
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String hugeHeader = "X-Padding: " + "a".repeat(20_000) + "\r\n";
            assertThat(RawHttp.exchange(socket, "GET /api/v1/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\n" + hugeHeader
                    + "\r\n"))
                    .startsWith("HTTP/1.1 431").endsWith("{\"error\":\"Request Header Fields Too Large\"}");
        }
    }

    @Test
    void eachRefusalMapsToItsStatus() {
        assertThat(http.get("/api/v1/bad").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/bad").body()).isEqualTo("{\"error\":\"the 'limit' parameter must be a number\"}");

        HttpResponse<String> missing = http.get("/api/v1/targets/db-missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"no target named 'db-missing'\"}");

        HttpResponse<String> invalid = http.send("PUT", "/api/v1/targets/db-x", null, "{\"dsn\":\" \"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).isEqualTo("{\"error\":\"a target needs a dsn\"}");

        assertThat(http.send("PUT", "/api/v1/targets/db-c", null, "{\"dsn\":\"a\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> conflict = http.send("PUT", "/api/v1/targets/db-c", null, "{\"dsn\":\"b\"}");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).isEqualTo("{\"error\":\"a target named 'db-c' exists\"}");
    }

    @Test
    void anUnexpectedExceptionIsA500WithAnIncidentIdAndTheCauseOnlyInTheLog() {
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> response = http.get("/api/v1/boom");

            assertThat(response.statusCode()).isEqualTo(500);
            Matcher answer = Pattern.compile("\\{\"error\":\"internal error \\(incident ([0-9a-f]{8})\\); "
                    + "the server log has the details\"}").matcher(response.body());
            assertThat(answer.matches()).as(response.body()).isTrue();
            assertThat(response.body()).doesNotContain("hunter2").doesNotContain("Exception");
            assertThat(log.all())
                    .contains("http_request_failed incident=" + answer.group(1) + " method=GET path=/api/v1/boom")
                    .contains("java.lang.IllegalStateException")
                    .contains("at io.dbwarden.web.DemoApi");
        }
    }

    @Test
    void anErrorInAHandlerIsA500WithoutItsMessage() {
        HttpResponse<String> response = http.get("/api/v1/fatal");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("{\"error\":\"internal error (incident ").doesNotContain("hunter2");
    }

    @Test
    void aPartOfTheServerCanAnswerErrorsInItsOwnShape() {
        HttpResponse<String> refused = http.get("/api/v2/teapot");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("\"no tea here\"");

        HttpResponse<String> unknown = http.get("/api/v2/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("\"no route for GET /api/v2/nothing\"");
    }
}
