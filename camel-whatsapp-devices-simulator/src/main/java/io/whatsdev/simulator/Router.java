package io.whatsdev.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes requests by method and path pattern ({@code devices/{id}/qr}); {@code {name}} segments become parameters. */
public final class Router {

    /** A route's action: the answer to a request whose path matched (path parameters in {@link ApiRequest#param(String)}). */
    @FunctionalInterface
    public interface Action {
        SimResponse serve(ApiRequest request);
    }

    private record Route(String method, String[] pattern, Action action) {
    }

    /** What routing found. */
    enum Outcome {
        SERVED,
        NO_PATH,
        WRONG_METHOD
    }

    /** The outcome and, when served, the answer. */
    record Result(Outcome outcome, SimResponse response) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router() {
    }

    void add(String method, String pattern, Action action) {
        routes.add(new Route(method, pattern.split("/"), action));
    }

    Result dispatch(ApiRequest request) {
        boolean pathMatched = false;
        for (Route r : routes) {
            Map<String, String> params = match(r.pattern(), request.segments());
            if (params == null) {
                continue;
            }
            if (r.method().equals(request.method())) {
                return new Result(Outcome.SERVED, r.action().serve(request.withParams(params)));
            }
            pathMatched = true;
        }
        return new Result(pathMatched ? Outcome.WRONG_METHOD : Outcome.NO_PATH, null);
    }

    private static Map<String, String> match(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
