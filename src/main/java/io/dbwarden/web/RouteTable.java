package io.dbwarden.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The routes and error formats mounted before the server starts; Javalin takes its routes at creation. */
final class RouteTable implements Routes {

    private record Route(HandlerType method, String path, RouteRole access, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, ErrorFormat> errorFormats = new LinkedHashMap<>();

    @Override
    public Routes get(String path, Role role, Handler handler) {
        add(HandlerType.GET, path, role, handler);
        // Javalin answers a HEAD for a GET route with an empty 200 without running it; registered, HEAD tells the truth
        add(HandlerType.HEAD, path, role, handler);
        return this;
    }

    @Override
    public Routes post(String path, Role role, Handler handler) {
        return add(HandlerType.POST, path, role, handler);
    }

    @Override
    public Routes put(String path, Role role, Handler handler) {
        return add(HandlerType.PUT, path, role, handler);
    }

    @Override
    public Routes patch(String path, Role role, Handler handler) {
        return add(HandlerType.PATCH, path, role, handler);
    }

    @Override
    public Routes delete(String path, Role role, Handler handler) {
        return add(HandlerType.DELETE, path, role, handler);
    }

    @Override
    public Routes errorFormat(String pathPrefix, ErrorFormat format) {
        errorFormats.put(checkPath(pathPrefix), Objects.requireNonNull(format, "format"));
        return this;
    }

    /** An operational GET route that needs either nothing or a viewer, as the settings say. */
    void operational(String path, OperationalAccess access, Handler handler) {
        RouteRole role = access == OperationalAccess.OPEN ? Access.PUBLIC : Role.VIEWER;
        add(HandlerType.GET, path, role, handler);
        add(HandlerType.HEAD, path, role, handler);
    }

    private Routes add(HandlerType method, String path, RouteRole access, Handler handler) {
        Objects.requireNonNull(access, "role");
        Objects.requireNonNull(handler, "handler");
        routes.add(new Route(method, checkPath(path), access, handler));
        return this;
    }

    void install(JavalinDefaultRoutingApi javalin, String routePrefix) {
        for (Route route : routes) {
            javalin.addHttpHandler(route.method(), routePrefix + route.path(), route.handler(), route.access());
        }
    }

    /** The error formats, longest prefix first, so the most specific one wins. */
    Map<String, ErrorFormat> errorFormats() {
        Map<String, ErrorFormat> sorted = new LinkedHashMap<>();
        errorFormats.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ErrorFormat> e) -> e.getKey().length()).reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String checkPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/': " + path);
        }
        return path;
    }
}
