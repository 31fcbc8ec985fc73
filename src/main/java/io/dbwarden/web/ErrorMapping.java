package io.dbwarden.web;

import io.dbwarden.log.LogLine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where exceptions become answers: an {@link ApiException} its status and message; Javalin's own
 * refusals (no route, body too large) a sentence in the same shape; anything else a 500 whose cause is logged under
 * an incident id and whose answer says only that id, so no secret or stack trace reaches a client.
 */
final class ErrorMapping {

    private static final Logger LOG = Logger.getLogger("io.dbwarden.web");

    private final Map<String, ErrorFormat> formats;
    private final String routePrefix;
    private final long maxBodyBytes;

    ErrorMapping(Map<String, ErrorFormat> formats, String routePrefix, long maxBodyBytes) {
        this.formats = formats;
        this.routePrefix = routePrefix;
        this.maxBodyBytes = maxBodyBytes;
    }

    void install(RoutesConfig routes) {
        routes.exception(ApiException.class, this::refused);
        routes.exception(HttpResponseException.class, this::javalinRefused);
        routes.exception(Exception.class, (e, ctx) -> failed(ctx, e));
    }

    /** For a {@link Error} (out of memory, stack overflow): Javalin hands over only the servlet response. */
    void fatal(HttpServletResponse res, Throwable error) {
        String incident = incident();
        LOG.log(Level.SEVERE, LogLine.of("http_request_failed").add("incident", incident).toString(), error);
        if (res.isCommitted()) {
            return;
        }
        res.setStatus(500);
        res.setContentType("application/json");
        try {
            res.getOutputStream().write(
                    Json.MAPPER.writeValueAsBytes(Map.of("error", internalErrorMessage(incident))));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not write the 500 answer", e);
        }
    }

    String tooLargeMessage() {
        return "the request body is larger than " + maxBodyBytes + " bytes (MAX_BODY_BYTES)";
    }

    private void refused(ApiException e, Context ctx) {
        if (e instanceof Unauthorized unauthorized) {
            ctx.header("WWW-Authenticate", unauthorized.challenge());
        }
        format(ctx).write(ctx, e.status(), e.getMessage());
    }

    private void javalinRefused(HttpResponseException e, Context ctx) {
        String message = switch (e.getStatus()) {
            case 404 -> "no route for " + ctx.method().name() + " " + ctx.path();
            case 413 -> tooLargeMessage();
            default -> e.getMessage();
        };
        format(ctx).write(ctx, e.getStatus(), message);
    }

    private void failed(Context ctx, Exception e) {
        String incident = incident();
        LOG.log(Level.SEVERE, LogLine.of("http_request_failed")
                .add("incident", incident)
                .add("method", ctx.method().name())
                .add("path", ctx.path())
                .toString(), e);
        format(ctx).write(ctx, 500, internalErrorMessage(incident));
    }

    private ErrorFormat format(Context ctx) {
        String path = ctx.path();
        if (!routePrefix.isEmpty() && path.startsWith(routePrefix)) {
            path = path.substring(routePrefix.length());
        }
        for (Map.Entry<String, ErrorFormat> entry : formats.entrySet()) {
            if (path.equals(entry.getKey()) || path.startsWith(entry.getKey() + "/")) {
                return entry.getValue();
            }
        }
        return ErrorFormat.JSON;
    }

    private static String internalErrorMessage(String incident) {
        return "internal error (incident " + incident + "); the server log has the details";
    }

    /** A short random id that ties an answer to its log line. */
    private static String incident() {
        byte[] id = new byte[4];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
