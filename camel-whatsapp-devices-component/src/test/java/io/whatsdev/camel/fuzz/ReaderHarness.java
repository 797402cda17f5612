package io.whatsdev.camel.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.HttpTransport;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.Transport;

/**
 * Feeds a gateway's reading path (answer decoding, failure envelope, the gateway's reader) with an answer given as
 * bytes, without a network: the {@link Transport} serves the bytes as the body of every call, with a status and content
 * type chosen by the caller. The whole path runs as in production, from the bounded body stream to the model.
 * <p>
 * The property the fuzz targets check: every answer ends in a result or a {@link WhatsDevException}, never in another
 * exception, and never in a device without an id.
 */
public final class ReaderHarness {

    /** Statuses worth trying: success, redirect, the documented refusals, an unknown one. */
    public static final int[] STATUSES = { 200, 201, 204, 302, 400, 401, 403, 404, 429, 500, 503, 599 };

    private final GatewayProvider gateway;
    private final List<WhatsDevOperation> operations;

    public ReaderHarness(String gatewayName) {
        this.gateway = GatewayProviders.lookup(gatewayName);
        this.operations = new ArrayList<>(gateway.operations().keySet());
    }

    public List<WhatsDevOperation> operations() {
        return operations;
    }

    /**
     * Runs one operation against the answer.
     *
     * @return the operation's result
     * @throws WhatsDevException the typed failure the answer means
     */
    public Object run(WhatsDevOperation operation, int status, String contentType, String retryAfter, byte[] body)
            throws WhatsDevException {
        WhatsDevConfiguration c = new WhatsDevConfiguration();
        c.setBaseUrl("http://gateway.invalid/api");
        c.setSubdomain("acme");
        c.setToken("harness-token");
        c.setApiKey("harness-key");
        c.setMaxResponseSize(64 * 1024);
        GatewayClient client = gateway.newClient(c, new BytesTransport(status, contentType, retryAfter, body));
        OperationRequest request = new OperationRequest(operation, deviceId(), "name", "BETA", "https://hook.example/x",
                "628111000001", "agent");
        return client.execute(request);
    }

    /** A device id every gateway's id rule accepts (digits pass as a phone number, a numeric id and a name). */
    private String deviceId() {
        return gateway.checkDeviceId("628111000001", "deviceId");
    }

    /** Serves the same answer to every call (a composed operation makes several). */
    private record BytesTransport(int status, String contentType, String retryAfter, byte[] body) implements Transport {
        @Override
        public <T> T send(String method, URI uri, Map<String, String> headers, byte[] jsonBody, HttpTransport.Limits limits,
                          HttpTransport.ResponseReader<T> reader) throws IOException {
            if (body.length > limits.maxResponseSize()) {
                throw new HttpTransport.ResponseTooLargeException(limits.maxResponseSize());
            }
            return reader.read(new HttpTransport.Response(status, contentType, retryAfter, null, body.length,
                    new ByteArrayInputStream(body)));
        }
    }
}
