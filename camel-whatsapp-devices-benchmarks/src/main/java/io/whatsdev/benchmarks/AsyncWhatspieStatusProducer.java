package io.whatsdev.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.camel.WhatsDevEndpoint;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.WireJson;
import io.whatsdev.camel.provider.whatspie.WhatspieProvider;
import io.whatsdev.camel.provider.whatspie.WhatspieReader;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * An experiment for issue 12's item 5, not a part of the component: whatspie's {@code status} call as a
 * {@link DefaultAsyncProducer} over HttpClient 5's async client, so that a call in flight holds no thread. It reads the
 * answer with the component's own {@link WhatspieReader} and failure decoder, and sets the body and headers as
 * {@code WhatsDevProducer} does, so the two do the same work but for the transport.
 * <p>
 * What it leaves out, which a real one would need: the call's deadline and the answer's size limit (the classic
 * transport's), the typed exceptions per failure kind, every other operation and gateway. The exchange is completed on
 * the client's I/O thread, so the rest of a route would run there too (a real one would hand it back to a pool, or
 * document that a route must not block after it).
 */
final class AsyncWhatspieStatusProducer extends DefaultAsyncProducer {

    private final String baseUrl;
    private final String authorization;
    private final String deviceId;
    private final int maxConnectionsPerRoute;
    private final WhatspieReader reader = new WhatspieReader(s -> s);
    private CloseableHttpAsyncClient client;

    /** Calls {@code baseUrl/devices/{deviceId}} with this token, on a pool of this many connections (whatsdev's default 20). */
    AsyncWhatspieStatusProducer(WhatsDevEndpoint endpoint, String baseUrl, String token, String deviceId,
                                int maxConnectionsPerRoute) {
        super(endpoint);
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + token;
        this.deviceId = deviceId;
        this.maxConnectionsPerRoute = maxConnectionsPerRoute;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(maxConnectionsPerRoute)
                        .setMaxConnTotal(Math.max(maxConnectionsPerRoute * 5, 50))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                                .setTimeToLive(5, TimeUnit.MINUTES).build())
                        .build())
                .disableCookieManagement().disableAuthCaching().disableAutomaticRetries().disableRedirectHandling()
                .setUserAgent("whatsdev (Apache Camel)")
                .build();
        client.start();
    }

    @Override
    protected void doStop() throws Exception {
        client.close(CloseMode.GRACEFUL);
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        SimpleHttpRequest request = SimpleRequestBuilder.get(baseUrl + "/devices/" + deviceId)
                .addHeader("Authorization", authorization).build();
        client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(),
                new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        try {
                            read(exchange.getMessage(), response);
                        } catch (WhatsDevException | IOException | RuntimeException e) {
                            exchange.setException(e);
                        }
                        callback.done(false);
                    }

                    @Override
                    public void failed(Exception e) {
                        exchange.setException(e);
                        callback.done(false);
                    }

                    @Override
                    public void cancelled() {
                        exchange.setException(new IOException("the call was cancelled"));
                        callback.done(false);
                    }
                });
        return false;
    }

    private void read(Message message, SimpleHttpResponse response) throws WhatsDevException, IOException {
        byte[] bytes = response.getBodyBytes();
        JsonNode body = bytes == null || bytes.length == 0 ? null : WireJson.MAPPER.readTree(bytes);
        GatewayClient.Failure failure = WhatspieProvider.decodeFailure(response.getCode(), body);
        if (failure != null) {
            throw new WhatsDevException(WhatspieProvider.NAME, "status", failure.status(), failure.message());
        }
        Device device = reader.readDevice(body, "status");
        message.setBody(device);
        message.setHeader(WhatsDevConstants.PROVIDER, WhatspieProvider.NAME);
        message.setHeader(WhatsDevConstants.DEVICE_ID, device.getId());
        message.setHeader(WhatsDevConstants.STATUS, device.getStatus().name());
        message.setHeader(WhatsDevConstants.RAW_STATUS, device.getRawStatus());
    }
}
