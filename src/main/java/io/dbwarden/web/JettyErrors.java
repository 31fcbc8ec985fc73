package io.dbwarden.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.ContentType;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty refuses before a request reaches the routes (a request it cannot parse, headers too large, a
 * request arriving while the server stops) in the same {@code {"error": "…"}} shape. The text is the status' reason
 * or Jetty's parse reason, never an exception's message.
 */
final class JettyErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws JsonProcessingException {
        String reason = cause instanceof HttpException http && http.getReason() != null
                ? http.getReason()
                : HttpStatus.getMessage(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ContentType.JSON);
        response.write(true, ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(Map.of("error", reason))), callback);
    }
}
