package io.whatsdev.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal gateway on loopback: the JDK's {@code com.sun.net.httpserver} answering fixed paths with JSON bodies rendered
 * before the benchmark starts, so that what the server costs is small, and the same for whatsdev and for the floor it
 * is compared with. Keep-alive connections, {@code Content-Length} answers, no compression.
 * <p>
 * With no threads of its own, the server's dispatcher thread answers each request itself: no hand-over between threads,
 * the steadiest times for one caller. An answer may wait a fixed latency first (a gateway's own work), on one of the
 * server's threads: then give it at least as many threads as requests can be in flight at once.
 */
public final class LoopbackGateway implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    static {
        // the server writes the headers and the body apart: without TCP_NODELAY, Nagle's algorithm holds the body back
        // until the client's delayed ACK, 40 ms later, and that is all a benchmark would measure. Read once, when the JDK's
        // server reads its configuration: before the first server of the JVM starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What one path answers: the credential it requires, and the body of each request. */
    private record Answer(String header, String value, Supplier<byte[]> body) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final long latencyMillis;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    private LoopbackGateway(HttpServer server, ExecutorService threads, long latencyMillis) {
        this.server = server;
        this.threads = threads;
        this.latencyMillis = latencyMillis;
    }

    /**
     * A server on 127.0.0.1 and a free port, with this many threads (0: the dispatcher thread answers), each answer
     * after this latency (0: at once).
     */
    public static LoopbackGateway start(int threads, long latencyMillis) throws IOException {
        if (threads == 0 && latencyMillis > 0) {
            throw new IllegalArgumentException("a latency needs threads: the dispatcher thread must not sleep");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 256);
        ExecutorService pool = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loopback-gateway");
            t.setDaemon(true);
            return t;
        });
        LoopbackGateway gateway = new LoopbackGateway(server, pool, latencyMillis);
        server.setExecutor(pool);
        server.createContext("/", gateway::handle);
        server.start();
        return gateway;
    }

    /**
     * {@code GET path} answers 200 with the body the supplier gives for each request, where the request has the header
     * with this value; else 401. A null header: no credential is checked.
     */
    public LoopbackGateway answer(String path, String header, String value, Supplier<byte[]> body) {
        answers.put(path, new Answer(header, value, body));
        return this;
    }

    /** {@code http://127.0.0.1:port}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + HOST + ":" + server.getAddress().getPort();
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The requests answered 200 so far (counted before their answer is sent), all paths. */
    public long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Answer answer = answers.get(exchange.getRequestURI().getPath());
            if (answer == null || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.header() != null && !answer.value().equals(exchange.getRequestHeaders().getFirst(answer.header()))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (latencyMillis > 0) {
                sleep();
            }
            byte[] body = answer.body().get();
            requests.incrementAndGet(); // before the answer: once the client has it, the count must include it
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
