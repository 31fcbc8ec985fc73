package io.dbwarden.web;

import io.dbwarden.log.LogLine;
import io.javalin.Javalin;
import io.javalin.util.JavalinLogger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * dbwarden's HTTP server: the routes the service mounts, behind access control, one error mapping, the access log
 * and request metrics, plus {@code /-/healthy}, {@code /-/ready} and {@code /metrics}.
 *
 * <pre>{@code
 * WebServer server = WebServer.start(settings, routes -> routes
 *         .get("/api/v1/targets", Role.VIEWER, ctx -> ctx.json(inventory.list()))
 *         .post("/api/v1/runs", Role.OPERATOR, ctx -> ctx.status(202).json(runs.start(ctx.bodyAsClass(RunRequest.class)))));
 * ...
 * server.stop(); // stops taking requests, lets those in flight finish (up to the drain timeout)
 * }</pre>
 */
public final class WebServer implements AutoCloseable {

    /**
     * Largest request body accepted, 1 MiB: the largest body the API takes is a target or a silence, a few KiB;
     * anything near this size is a mistake or an attack, answered 413 before it is read into memory.
     */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger("io.dbwarden.web");

    private final Javalin javalin;
    private final WebSettings settings;
    private final int port;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private WebServer(Javalin javalin, WebSettings settings) {
        this.javalin = javalin;
        this.settings = settings;
        // read once: Jetty forgets the port when its connector closes
        this.port = javalin.port();
    }

    /**
     * Mounts the routes and starts listening. Refuses a non-loopback address without tokens, and says so.
     *
     * @throws WebStartException when the address is refused, cannot be resolved, or cannot be bound
     */
    public static WebServer start(WebSettings settings, Consumer<Routes> mount) {
        AccessControl access = new AccessControl(settings.tokens(), settings.host());
        if (access.open() && !isLoopback(settings.host())) {
            throw new WebStartException("refusing to listen on " + settings.host() + ":" + settings.port()
                    + " without API tokens: any address but loopback needs auth configured; add tokens or listen on "
                    + WebSettings.DEFAULT_HOST);
        }
        RouteTable routes = new RouteTable();
        mount.accept(routes);
        OperationalRoutes.mount(routes, settings.operational(), settings.readiness(), settings.metrics());
        RequestLog requestLog = new RequestLog(settings.clock(), settings.metrics(), settings.routePrefix());
        ErrorMapping errors = new ErrorMapping(routes.errorFormats(), settings.routePrefix(), MAX_BODY_BYTES);

        Javalin javalin = create(settings, routes, access, requestLog, errors);
        try {
            javalin.start();
        } catch (RuntimeException e) {
            throw new WebStartException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + rootMessage(e), e);
        }
        WebServer server = new WebServer(javalin, settings);
        LOG.info(LogLine.of("web_server_listening")
                .add("url", server.uri())
                .add("auth", access.open() ? "none_loopback_admin" : "tokens")
                .add("tokens", settings.tokens().size())
                .add("operational", settings.operational().name().toLowerCase(Locale.ROOT))
                .toString());
        return server;
    }

    private static Javalin create(WebSettings settings, RouteTable routes, AccessControl access, RequestLog requestLog,
            ErrorMapping errors) {
        // Javalin's own start-up lines (banner, "Listening on") are replaced by the one line start() logs
        JavalinLogger.startupInfo = false;
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(settings.drainTimeout().toMillis());
                // tracks requests in flight so that a stop waits for them; new ones get 503 meanwhile
                server.insertHandler(new GracefulHandler());
                server.setErrorHandler(new JettyErrors());
            });
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jsonMapper(new BodyJsonMapper(MAX_BODY_BYTES));
            config.router.javaLangErrorHandler(errors::fatal);
            config.routes.before(ctx -> {
                requestLog.started(ctx);
                if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
                    throw new ContentTooLarge(errors.tooLargeMessage());
                }
            });
            config.routes.beforeMatched(access::enforce);
            routes.install(config.routes, settings.routePrefix());
            errors.install(config.routes);
            config.requestLogger.http((ctx, millis) -> requestLog.finished(ctx));
        });
    }

    /** The port listened on (the chosen one when the settings said 0), also after a stop. */
    public int port() {
        return port;
    }

    /** The base address, route prefix included, e.g. {@code http://127.0.0.1:9650/alertmanager}. */
    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port + settings.routePrefix());
    }

    /**
     * Stops taking requests (new connections are refused, new requests on open ones get 503), lets requests in
     * flight finish for up to the drain timeout, then closes what is left. Safe to call twice.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info(LogLine.of("web_server_stopping")
                .add("drain_timeout_seconds", settings.drainTimeout().toSeconds()).toString());
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, LogLine.of("web_server_stop_failed").add("reason", rootMessage(e)).toString(), e);
            return;
        }
        LOG.info("web_server_stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** Every address the host resolves to must be a loopback one: "localhost" passes, 0.0.0.0 does not. */
    private static boolean isLoopback(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new WebStartException("cannot resolve the listen host '" + host + "'", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
