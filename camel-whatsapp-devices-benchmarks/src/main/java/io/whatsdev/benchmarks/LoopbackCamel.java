package io.whatsdev.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.Main;

/**
 * A Camel Main that serves HTTP on a free loopback port, the way an application receives callbacks: platform-http
 * served by Vert.x (camel-platform-http-main, {@code camel.server.enabled=true}), with the routes a benchmark gives.
 * {@link #start} returns once the routes are started and the server listens.
 */
public final class LoopbackCamel implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Main main;
    private final int port;

    private LoopbackCamel(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    /** Starts a Camel Main with these routes and its HTTP server on 127.0.0.1 and a free port. */
    public static LoopbackCamel start(RoutesBuilder... routes) throws Exception {
        int port = freePort();
        Main main = new Main();
        main.configure().httpServer().withEnabled(true).withHost(HOST).withPort(port);
        for (RoutesBuilder r : routes) {
            main.configure().addRoutesBuilder(r);
        }
        main.start();
        return new LoopbackCamel(main, port);
    }

    /** The address of a path on this server, e.g. {@code /whatsdev/waha}. */
    public URI uri(String path) {
        return URI.create("http://" + HOST + ":" + port + path);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
