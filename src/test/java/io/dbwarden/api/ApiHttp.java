package io.dbwarden.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A {@link HttpClient} aimed at one test server, that checks every answer against the OpenAPI document (so every
 * test of the API is also a test of its document).
 */
final class ApiHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Bounds a test that would otherwise hang on a server that never answers. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** An answer: status, body, and the body as JSON (null when empty). */
    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return body.isEmpty() ? null : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String error() {
            return json().path("error").asText();
        }
    }

    private final URI base;
    private final String token;

    ApiHttp(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    ApiHttp withToken(String other) {
        return new ApiHttp(base, other);
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String body) {
        return send("POST", path, body);
    }

    Answer put(String path, String body) {
        return send("PUT", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        OpenApiContract.check(method, path, response.statusCode(), response.body());
        return new Answer(response.statusCode(), response.body(), response);
    }
}
