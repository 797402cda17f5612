package io.whatsdev.camel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on loopback that answers documented response examples verbatim and records every request, for
 * contract tests of the gateway clients. A test class registers it as a JUnit extension:
 * {@code @RegisterExtension static final ReplayServer server = new ReplayServer();} starts it before the class's first
 * test, forgets answers and requests before each test, and stops it after the last.
 */
public final class ReplayServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    public record Recorded(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private HttpServer server;
    private String owner;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (server != null) {
            return; // a @Nested class of the class that started it
        }
        owner = context.getUniqueId();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(owner)) {
            return;
        }
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
        server = null;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers METHOD path with a fixture from {@code src/test/resources/contract/}. */
    public ReplayServer on(String method, String path, int status, String fixture) {
        return onBody(method, path, status, "application/json; charset=utf-8", fixture(fixture), Map.of());
    }

    public ReplayServer onBody(String method, String path, int status, String contentType, String body, Map<String, String> headers) {
        answers.put(method + " " + path, new Answer(status, contentType, body, headers));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded last() {
        if (requests.isEmpty()) {
            throw new AssertionError("no request reached the server");
        }
        return requests.get(requests.size() - 1);
    }

    public void reset() {
        answers.clear();
        requests.clear();
    }

    public static String fixture(String name) {
        try (InputStream in = ReplayServer.class.getResourceAsStream("/contract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getRawPath();
        requests.add(new Recorded(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), headers, body));
        Answer a = answers.get(ex.getRequestMethod() + " " + path);
        if (a == null) {
            a = new Answer(599, "text/plain", "no answer configured for " + ex.getRequestMethod() + " " + path, Map.of());
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", a.contentType());
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

}
