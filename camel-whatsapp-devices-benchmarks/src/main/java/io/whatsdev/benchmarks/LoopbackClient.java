package io.whatsdev.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 (classic, blocking), with its connections kept alive, so that a measured request is one round trip
 * on an open connection. Every answer is read to its end, which is what lets the connection be reused. Nothing the
 * client adds on its own (retries, redirects, compression, cookies): the same bytes go to every endpoint. Thread safe:
 * one connection per thread that calls at once.
 * <p>
 * Two roles: the gateway's side of the callback benchmark ({@link #post}), and the floor that whatsdev's calls and polls
 * are compared with ({@link #getJson}): the same GET, and Jackson's {@code readTree} of the same bytes, nothing more.
 */
public final class LoopbackClient implements AutoCloseable {

    /** Connections per route: more than the threads a benchmark runs with. */
    private static final int CONNECTIONS = 64;
    /** A hung server fails the benchmark instead of stalling it. */
    private static final Timeout TIMEOUT = Timeout.ofSeconds(30);

    /** Plain Jackson, as an application that calls the gateway itself would read its answers. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;

    public LoopbackClient() {
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(TIMEOUT).setSocketTimeout(TIMEOUT)
                        .setTimeToLive(1, TimeUnit.HOURS).build())
                .build();
        http = HttpClients.custom().setConnectionManager(connections).disableAutomaticRetries().disableRedirectHandling()
                .disableContentCompression().disableCookieManagement().build();
    }

    /** POSTs a JSON body with these headers; the answer's status, its body read and dropped. */
    public int post(URI uri, byte[] json, Map<String, String> headers) throws IOException {
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::addHeader);
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        return http.execute(post, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    /** GETs a JSON answer with these headers and reads it with Jackson into a tree; fails unless it is a 200. */
    public JsonNode getJson(URI uri, String header, String value) throws IOException {
        HttpGet get = new HttpGet(uri);
        get.addHeader(header, value);
        return http.execute(get, response -> {
            if (response.getCode() != 200) {
                EntityUtils.consume(response.getEntity());
                throw new IOException("GET " + uri + " answered " + response.getCode());
            }
            return JSON.readTree(response.getEntity().getContent());
        });
    }

    /** Connections open now, in use or kept alive for the next request. */
    public int openConnections() {
        return connections.getTotalStats().getLeased() + connections.getTotalStats().getAvailable();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
