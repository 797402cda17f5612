package io.whatsdev.camel.provider;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP transport shared by all gateways: one pooled Apache HttpClient 5 (camel-http's stack) per distinct set of
 * transport settings, owned by the component. Thread safe.
 * <p>
 * Every call is bounded: a deadline for the whole exchange (connect, headers and body) enforced by aborting the
 * request, a maximum body size counted after decompression, and no redirect is ever followed (so credentials never
 * travel to another host).
 */
public final class HttpTransport implements Transport, Closeable {

    /** The settings that need a connection pool of their own. Endpoints with equal settings share a transport. */
    public record Settings(long connectTimeoutMillis, int maxConnectionsPerRoute,
                           org.apache.camel.support.jsse.SSLContextParameters sslContextParameters, String proxyHost,
                           Integer proxyPort, boolean contentCompression) {
    }

    /** The bounds of one call. */
    public record Limits(long responseTimeoutMillis, long callTimeoutMillis, long maxResponseSize) {
    }

    /**
     * An answer while it is being read: status, the headers whatsdev reads, and the body as a bounded stream (at most
     * {@link Limits#maxResponseSize()} bytes after decompression, else {@link ResponseTooLargeException}).
     */
    public record Response(int status, String contentType, String retryAfter, String location, long contentLength,
                           InputStream body) {
    }

    /** Reads an answer while the connection is held; may throw to abort the call. */
    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(Response response) throws IOException;
    }

    /** The answer (after decompression) is larger than the limit; thrown without reading the rest. */
    public static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        public ResponseTooLargeException(long limit) {
            super("the answer is larger than maxResponseSize (" + limit + " bytes)");
            this.limit = limit;
        }

        public long getLimit() {
            return limit;
        }
    }

    /** The call's deadline passed before the answer was complete; the request was aborted. */
    public static final class CallDeadlineException extends IOException {
        private static final long serialVersionUID = 1L;

        public CallDeadlineException(long millis, Throwable cause) {
            super("no complete answer within callTimeout (" + millis + " ms)", cause);
        }
    }

    /**
     * One daemon thread for all transports: it only aborts requests whose deadline passed. A call that ends in time
     * cancels its deadline, and a cancelled deadline leaves the queue at once: kept until its time (callTimeout, 60 s
     * by default), a busy endpoint's finished calls would pile up there by the ten thousand.
     */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private static ScheduledExecutorService deadlines() {
        java.util.concurrent.ScheduledThreadPoolExecutor e = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "whatsdev-call-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private final PoolingHttpClientConnectionManager connectionManager;
    private final CloseableHttpClient client;

    /**
     * @param sslContext the TLS context made from {@code settings.sslContextParameters()}, or null for the JVM default
     */
    public HttpTransport(Settings settings, SSLContext sslContext) {
        PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(settings.maxConnectionsPerRoute())
                .setMaxConnTotal(Math.max(settings.maxConnectionsPerRoute() * 5, 50))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeoutMillis()))
                        .setValidateAfterInactivity(Timeout.ofSeconds(2))
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build());
        if (sslContext != null) {
            cm.setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildClassic());
        }
        this.connectionManager = cm.build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(connectionManager)
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .evictExpiredConnections()
                .evictIdleConnections(Timeout.ofMinutes(1))
                .setUserAgent("whatsdev (Apache Camel)");
        if (!settings.contentCompression()) {
            builder.disableContentCompression();
        }
        if (settings.proxyHost() != null) {
            builder.setProxy(new HttpHost(settings.proxyHost(), settings.proxyPort() == null ? 8080 : settings.proxyPort()));
        }
        this.client = builder.build();
    }

    /**
     * Sends one request and reads its answer with the reader, within the limits. The body, where given, is sent as
     * JSON.
     *
     * @throws CallDeadlineException     where the whole call took longer than the call timeout
     * @throws ResponseTooLargeException where the answer is larger than the size limit
     * @throws IOException               where no (complete) answer came: connection refused, read timeout, reset
     */
    @Override
    public <T> T send(String method, URI uri, Map<String, String> headers, byte[] jsonBody, Limits limits,
                      ResponseReader<T> reader) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach(request::addHeader);
        if (jsonBody != null) {
            request.setEntity(new ByteArrayEntity(jsonBody, ContentType.APPLICATION_JSON));
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(limits.responseTimeoutMillis()))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(limits.callTimeoutMillis()))
                .build());
        AtomicBoolean expired = new AtomicBoolean();
        // the response timeout bounds each socket read; only aborting the request bounds a gateway that drips bytes
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, limits.callTimeoutMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(request, context, response -> {
                try {
                    Response r = response(response.getEntity(), response, limits.maxResponseSize());
                    T result = reader.read(r);
                    if (!((BoundedInputStream) r.body()).atEnd()) {
                        request.cancel(); // the reader stopped early (an HTML page): discard, do not drain
                    }
                    return result;
                } catch (IOException | RuntimeException e) {
                    // abort before the client closes the stream: closing would read the rest of the body
                    request.cancel();
                    throw e;
                }
            });
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                throw new CallDeadlineException(limits.callTimeoutMillis(), e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private static Response response(HttpEntity entity, org.apache.hc.core5.http.ClassicHttpResponse r, long max)
            throws IOException {
        long length = entity == null ? 0 : entity.getContentLength();
        // a declared length is of the bytes on the wire; it can refuse early, the counting stream does the rest
        if (length > max && (entity.getContentEncoding() == null || entity.getContentEncoding().isEmpty())) {
            throw new ResponseTooLargeException(max);
        }
        InputStream body = new BoundedInputStream(entity == null ? InputStream.nullInputStream() : entity.getContent(), max);
        return new Response(r.getCode(), value(r.getFirstHeader("Content-Type")), value(r.getFirstHeader("Retry-After")),
                value(r.getFirstHeader("Location")), length, body);
    }

    private static String value(Header h) {
        return h == null ? null : h.getValue();
    }

    /** The most connections the pool opens to one host (a gateway): the settings' maxConnectionsPerRoute. */
    public int maxConnectionsPerRoute() {
        return connectionManager.getDefaultMaxPerRoute();
    }

    /** The most connections the pool opens in all: five hosts' worth, at least 50. */
    public int maxConnectionsTotal() {
        return connectionManager.getMaxTotal();
    }

    /** Connections open or idle in the pool, for monitoring. */
    public int pooledConnections() {
        var stats = connectionManager.getTotalStats();
        return stats.getLeased() + stats.getAvailable();
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        connectionManager.close(CloseMode.GRACEFUL);
    }

    /**
     * Counts the bytes read (after any decompression) and fails once there are more than the limit. Closing it does not
     * close the connection's stream, which would read the rest of the body: the transport releases or aborts the
     * connection itself.
     */
    static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private final long max;
        private long count;
        private boolean atEnd;

        BoundedInputStream(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            } else {
                atEnd = true;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the limit, so that an oversized answer is never held whole
            if (length == 0) {
                return 0;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, max - count + 1));
            if (n > 0) {
                count(n);
            } else if (n < 0) {
                atEnd = true;
            }
            return n;
        }

        private void count(int n) throws ResponseTooLargeException {
            count += n;
            if (count > max) {
                throw new ResponseTooLargeException(max);
            }
        }

        /** Whether the whole body was read. */
        boolean atEnd() {
            return atEnd;
        }

        @Override
        public void close() {
            // see the class comment
        }
    }
}
