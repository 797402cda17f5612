package io.whatsdev.camel;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A deliberately misbehaving gateway on loopback, written on a bare socket so that it can do what no well-behaved HTTP
 * server will: drip a byte at a time, send a body without end, declare a gigabyte, inflate to a gigabyte, cut the
 * connection mid-body, redirect with a body. Every request gets the current {@link Behaviour}; the server records the
 * requests and counts the body bytes it managed to write (what a client that stops reading never received).
 * <p>
 * Registered as a JUnit extension: started before the class's first test, reset before each, stopped after the last.
 */
final class HostileServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** A request as it arrived. */
    record Request(String method, String target, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What the server does with a request: writes (or fails to write) an answer on the socket. */
    @FunctionalInterface
    interface Behaviour {
        void answer(Request request, Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    private ServerSocket server;
    private ExecutorService threads;
    private volatile Behaviour behaviour = json(200, "{}");
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytesWritten = new AtomicLong();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-server");
            t.setDaemon(true);
            return t;
        });
        threads.submit(this::accept);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        threads.shutdownNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    HostileServer behave(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Body bytes the server wrote since the last reset (whatever the client did with them). */
    long bodyBytesWritten() {
        return bodyBytesWritten.get();
    }

    void reset() {
        behaviour = json(200, "{}");
        requests.clear();
        bodyBytesWritten.set(0);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.submit(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Request r = readRequest(in);
            if (r == null) {
                return;
            }
            requests.add(r);
            OutputStream out = new CountingOutputStream(socket.getOutputStream());
            behaviour.answer(r, socket, out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away (as it should, from a hostile answer)
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(parts[0], parts[1], headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Counts what is written after the header block (the body). */
    private final class CountingOutputStream extends java.io.FilterOutputStream {
        private boolean inBody;
        private int newlines;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            track(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (inBody) {
                bodyBytesWritten.addAndGet(len);
            } else {
                for (int i = off; i < off + len; i++) {
                    track(b[i]);
                }
            }
        }

        private void track(int b) {
            if (inBody) {
                bodyBytesWritten.incrementAndGet();
            } else if (b == '\n') {
                inBody = ++newlines >= 2;
            } else if (b != '\r') {
                newlines = 0;
            }
        }
    }

    // ---------------------------------------------------------------- behaviours

    static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A well-formed answer. */
    static Behaviour json(int status, String body) {
        return raw(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static Behaviour raw(int status, String contentType, byte[] body, String... extraHeaders) {
        return (r, s, out) -> {
            String[] headers = new String[extraHeaders.length + 2];
            headers[0] = "Content-Type: " + contentType;
            headers[1] = "Content-Length: " + body.length;
            System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
            head(out, status, headers);
            out.write(body);
        };
    }

    /** A correct answer sent one byte every {@code intervalMillis}: each read is quick, the whole takes forever. */
    static Behaviour slowDrip(String body, long intervalMillis) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (r, s, out) -> {
            head(out, 200, "Content-Type: application/json", "Content-Length: " + bytes.length);
            out.flush();
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                Thread.sleep(intervalMillis);
            }
        };
    }

    /** A chunked JSON array that never ends. */
    static Behaviour endless() {
        return (r, s, out) -> {
            head(out, 200, "Content-Type: application/json", "Transfer-Encoding: chunked");
            chunk(out, "{\"success\":true,\"status\":200,\"result\":\"OK\",\"data\":[");
            String entry = "{\"id\":\"1\",\"mobile\":\"1\",\"unique_id\":\"1\",\"status\":\"connected\"},";
            StringBuilder block = new StringBuilder();
            while (block.length() < 8192) {
                block.append(entry);
            }
            while (true) {
                chunk(out, block.toString());
            }
        };
    }

    private static void chunk(OutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Declares a body of {@code declared} bytes and sends whitespace-padded JSON until the client hangs up. */
    static Behaviour huge(long declared) {
        return (r, s, out) -> {
            head(out, 200, "Content-Type: application/json", "Content-Length: " + declared);
            out.write("{\"data\":[".getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[64 * 1024];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (long sent = 9; sent < declared; sent += blanks.length) {
                out.write(blanks, 0, (int) Math.min(blanks.length, declared - sent));
            }
        };
    }

    /** A small gzip body that inflates to {@code inflated} bytes of a JSON list. */
    static Behaviour gzipBomb(byte[] gzip) {
        return raw(200, "application/json", gzip, "Content-Encoding: gzip");
    }

    /** gzip of a device list that inflates to about {@code inflated} bytes. */
    static byte[] bomb(long inflated) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
            gz.write("{\"success\":true,\"status\":200,\"result\":\"OK\",\"data\":[".getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1024 * 1024];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (long n = 0; n < inflated; n += blanks.length) {
                gz.write(blanks);
            }
            gz.write("]}".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Declares more than it sends, then closes: the body is cut short. */
    static Behaviour cutShort(String start) {
        byte[] b = start.getBytes(StandardCharsets.UTF_8);
        return (r, s, out) -> {
            head(out, 200, "Content-Type: application/json", "Content-Length: " + (b.length + 5000));
            out.write(b);
            out.flush();
        };
    }

    /** Sends part of the body, then resets the connection (TCP RST). */
    static Behaviour resetMidBody(String start) {
        byte[] b = start.getBytes(StandardCharsets.UTF_8);
        return (r, s, out) -> {
            head(out, 200, "Content-Type: application/json", "Content-Length: " + (b.length + 5000));
            out.write(b);
            out.flush();
            Thread.sleep(50);
            try {
                s.setSoLinger(true, 0); // close() now sends RST
            } catch (SocketException ignored) {
                // already gone
            }
        };
    }
}
