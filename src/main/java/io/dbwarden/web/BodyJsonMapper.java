package io.dbwarden.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * Javalin's JSON mapper over {@link Json#MAPPER}, with one difference: a request body that cannot be read is the
 * caller's fault, so it becomes a {@link BadRequest} with the position, and a streamed body is held to the same size
 * limit as a read one. Writing (the server's own values) stays as it is: a failure there is a bug, a 500.
 */
final class BodyJsonMapper implements JsonMapper {

    private final JavalinJackson jackson = new JavalinJackson(Json.MAPPER, false);
    private final long maxBodyBytes;

    BodyJsonMapper(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return jackson.toJsonString(obj, type);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        return jackson.toJsonStream(obj, type);
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream outputStream) {
        jackson.writeToOutputStream(stream, outputStream);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        if (json.isBlank()) {
            throw new BadRequest("the request body is empty; expected JSON");
        }
        try {
            return jackson.fromJsonString(json, targetType);
        } catch (Exception e) {
            throw asBadRequest(e);
        }
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        byte[] body;
        try {
            body = json.readNBytes(Math.toIntExact(maxBodyBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (body.length > maxBodyBytes) {
            throw new ContentTooLargeResponse();
        }
        return fromJsonString(new String(body, StandardCharsets.UTF_8), targetType);
    }

    /**
     * Jackson's checked exceptions reach here undeclared (Javalin is written in Kotlin). A type Jackson cannot bind
     * at all is the server's bug, not the caller's, and stays a 500.
     */
    private static RuntimeException asBadRequest(Exception e) {
        if (e instanceof InvalidDefinitionException) {
            return new IllegalStateException("cannot bind a request body: " + e.getMessage(), e);
        }
        if (e instanceof JacksonException jackson) {
            return new BadRequest(Json.describe(jackson));
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
}
