package io.dbwarden.web;

import io.javalin.http.Context;
import java.util.Map;

/**
 * How a refused or failed request is answered on a part of the server. Every route answers in {@link #JSON} unless
 * its path falls under a prefix given to {@link Routes#errorFormat}; the Alertmanager-compatible {@code /api/v2}
 * uses that to answer in Alertmanager's own shapes.
 */
@FunctionalInterface
public interface ErrorFormat {

    /** dbwarden's one error shape, {@code {"error": "…"}}, used by {@code /api/v1} and everything else by default. */
    ErrorFormat JSON = (ctx, status, message) -> ctx.status(status).json(Map.of("error", message));

    /**
     * Writes the answer: the status and a body carrying {@code message}. The message is already safe to show (no
     * secret, no stack trace). Note that {@code ctx.json(String)} sends the string as raw JSON, so wrap a message.
     */
    void write(Context ctx, int status, String message);
}
