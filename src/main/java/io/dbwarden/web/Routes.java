package io.dbwarden.web;

import io.javalin.http.Handler;

/**
 * Where the service mounts its routes, each with the role a caller needs. Paths are written without the route
 * prefix (the server adds it) and use Javalin's syntax for parameters, e.g. {@code /api/v1/runs/{id}}; that
 * template is also the {@code route} label of the HTTP metrics and access log, so it stays low-cardinality.
 *
 * <p>A handler reads a JSON body with {@code ctx.bodyAsClass(Type.class)} (malformed JSON becomes a 400 naming the
 * line and column; a body over {@link WebServer#MAX_BODY_BYTES} a 413), answers with {@code ctx.json(value)} or
 * {@code ctx.status(202).json(value)}, reads its caller with {@link Caller#of}, and refuses a request by throwing
 * {@link BadRequest}, {@link NotFound}, {@link Conflict} or {@link Unprocessable}. Anything else it throws is a 500
 * whose cause goes to the log, never to the client.
 */
public interface Routes {

    /** A GET route; it also answers HEAD the same way, without a body. */
    Routes get(String path, Role role, Handler handler);

    Routes post(String path, Role role, Handler handler);

    Routes put(String path, Role role, Handler handler);

    Routes patch(String path, Role role, Handler handler);

    Routes delete(String path, Role role, Handler handler);

    /** Errors of routes whose path starts with {@code pathPrefix} (e.g. {@code /api/v2}) are written by {@code format}. */
    Routes errorFormat(String pathPrefix, ErrorFormat format);
}
