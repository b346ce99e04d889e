package dev.flexlex.localflex.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A product's endpoints: method + path pattern ({@code /v1/Conversations/{}/Messages}, {@code {}} matching
 * one segment) → endpoint. Unknown path → 20404; known path, other method → 405 (20004).
 */
public final class Routes {
    /** An endpoint: gets the request and the values of the pattern's {@code {}} segments in order. */
    @FunctionalInterface
    public interface Endpoint {
        ApiResponse handle(ApiRequest request, List<String> vars);
    }

    private record Route(String method, String[] pattern, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Routes add(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, segments(pattern), endpoint));
        return this;
    }

    public ApiResponse dispatch(ApiRequest request) {
        String[] path = segments(request.path());
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> vars = match(route.pattern(), path);
            if (vars == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                return route.endpoint().handle(request, vars);
            }
        }
        if (pathKnown) {
            throw new ApiException(405, 20004, "Method not allowed");
        }
        throw ApiException.notFound(request.path());
    }

    private static List<String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        List<String> vars = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("{}")) {
                vars.add(path[i]);
            } else if (!pattern[i].equals(path[i])) {
                return null;
            }
        }
        return vars;
    }

    private static String[] segments(String path) {
        return path.replaceAll("^/+|/+$", "").split("/+");
    }
}
