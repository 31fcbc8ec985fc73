package io.dbwarden.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Talks to a {@code dbwarden serve} over {@code /api/v1}: sends JSON, reads JSON, and turns every way a call can go
 * wrong into one of two exceptions: {@link ServerRefused} (the server answered with an error) or
 * {@link ServerUnreachable} (no answer at all). The token goes in the {@code Authorization} header and nowhere else.
 */
final class ApiClient {

    /** Long enough for a server on another continent, short enough that a wrong address fails while one still waits. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Every API call answers at once (a run is started in the background), so a slower answer means a stuck server. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI server;
    /** The server address without a trailing '/', so a route prefix (http://host:9650/dbwarden) is kept. */
    private final String base;
    private final Optional<String> token;
    private final HttpClient http;

    ApiClient(URI server, Optional<String> token) {
        this.server = server;
        String text = server.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    URI server() {
        return server;
    }

    JsonNode get(String path, Map<String, String> query) {
        return send("GET", path + queryString(query), null);
    }

    JsonNode get(String path) {
        return get(path, Map.of());
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** A path segment such as a target name, encoded so that no name can turn into another path. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> segment(e.getKey()) + "=" + segment(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw ServerUnreachable.connectTimeout(server, CONNECT_TIMEOUT);
        } catch (HttpTimeoutException e) {
            throw ServerUnreachable.noAnswer(server, REQUEST_TIMEOUT);
        } catch (ConnectException e) {
            throw ServerUnreachable.refused(server, e);
        } catch (IOException e) {
            throw ServerUnreachable.broken(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServerUnreachable.interrupted(server);
        }
        return read(method, path, response);
    }

    private JsonNode read(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status >= 200 && status < 300) {
            if (json == null && !response.body().isBlank()) {
                throw new ServerRefused(status, "the server at " + server + " answered " + method + " " + path
                        + " with something that is not JSON; is --server the address of a dbwarden serve?");
            }
            return json == null ? JSON.nullNode() : json;
        }
        String message = json != null && json.path("error").isTextual() ? json.path("error").asText()
                : "the server at " + server + " answered " + method + " " + path + " with HTTP " + status
                        + (status == 404 ? "; is --server the address of a dbwarden serve?" : "");
        if (status == 401) {
            message += token.isPresent() ? " (the token in DBWARDEN_TOKEN was not accepted)"
                    : " (set the environment variable DBWARDEN_TOKEN to an API token)";
        }
        throw new ServerRefused(status, message);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }
}
