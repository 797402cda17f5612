package io.whatsdev.camel.provider;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP transport shared by all gateways: one pooled Apache HttpClient 5 (camel-http's stack) per distinct set of
 * transport settings, owned by the component. Thread safe.
 */
public final class HttpTransport implements Closeable {

    /** The settings that need a connection pool of their own. Endpoints with equal settings share a transport. */
    public record Settings(long connectTimeoutMillis, int maxConnectionsPerRoute,
                           org.apache.camel.support.jsse.SSLContextParameters sslContextParameters, String proxyHost,
                           Integer proxyPort) {
    }

    /** A response: status, the headers whatsdev reads, and the body as text. */
    public record Response(int status, String contentType, String retryAfter, String body) {
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
        var builder = HttpClients.custom()
                .setConnectionManager(connectionManager)
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .evictExpiredConnections()
                .evictIdleConnections(Timeout.ofMinutes(1))
                .setUserAgent("whatsdev (Apache Camel)");
        if (settings.proxyHost() != null) {
            builder.setProxy(new HttpHost(settings.proxyHost(), settings.proxyPort() == null ? 8080 : settings.proxyPort()));
        }
        this.client = builder.build();
    }

    /**
     * Sends one request. The body, where given, is sent as JSON.
     *
     * @throws IOException where no answer came (connection refused, timeout, reset)
     */
    public Response send(String method, URI uri, Map<String, String> headers, String jsonBody, long responseTimeoutMillis)
            throws IOException {
        ClassicRequestBuilder rb = ClassicRequestBuilder.create(method).setUri(uri);
        headers.forEach(rb::addHeader);
        if (jsonBody != null) {
            rb.setEntity(new StringEntity(jsonBody, ContentType.APPLICATION_JSON));
        }
        ClassicHttpRequest request = rb.build();
        org.apache.hc.client5.http.protocol.HttpClientContext context = org.apache.hc.client5.http.protocol.HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(responseTimeoutMillis))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(responseTimeoutMillis))
                .build());
        return client.execute(request, context, response -> {
            HttpEntity entity = response.getEntity();
            String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
            Header ct = response.getFirstHeader("Content-Type");
            Header ra = response.getFirstHeader("Retry-After");
            return new Response(response.getCode(), ct == null ? null : ct.getValue(), ra == null ? null : ra.getValue(), body);
        });
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


}
