package io.whatsdev.examples.customgateway.tinygate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.AbstractGatewayProvider;
import io.whatsdev.camel.provider.Authenticator;
import io.whatsdev.camel.provider.FailureDecoder;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import io.whatsdev.camel.provider.GatewayClient.Kind;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.Operations;
import io.whatsdev.camel.provider.Transport;
import io.whatsdev.camel.provider.WireReader;

/**
 * Tinygate, a made-up gateway that shows what a third party writes to add one to whatsdev: this registration (name, base
 * URL, credential check, operation table, failure decoder, reader) and its client (paths and auth). It is found through
 * {@code META-INF/services/io.whatsdev.camel.provider.GatewayProvider} in this jar; nothing in whatsdev names it.
 * <p>
 * Its API: {@code https://api.tinygate.example/v1}, header {@code X-Tinygate-Key}; {@code GET /phones} answers
 * {@code {"phones":[...]}}, {@code GET /phones/{id}} answers {@code {"phone":{...}}}, {@code POST /phones/{id}/qr} answers
 * {@code {"qr":"data:image/png;base64,..."}}; failures are {@code {"error":"..."}} with a 4xx or 5xx status.
 */
public final class TinygateProvider extends AbstractGatewayProvider {

    public static final String NAME = "tinygate";

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.list, "`GET /phones`", (c, r) -> c.listDevices())
            .nativeCall(WhatsDevOperation.get, "`GET /phones/\\{id}`", (c, r) -> c.phone(r.deviceId(), "get"))
            .nativeCall(WhatsDevOperation.status, "`GET /phones/\\{id}`", (c, r) -> c.phone(r.deviceId(), "status"))
            .nativeCall(WhatsDevOperation.qr, "`POST /phones/\\{id}/qr`", (c, r) -> c.qr(r))
            .build();

    public TinygateProvider() {
        super(NAME, "https://api.tinygate.example/v1", OPERATIONS, TinygateReader.STATUSES, Client::new);
    }

    @Override
    public Map<String, String> statusNotes() {
        return TinygateReader.NOTES;
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        Inputs.required(c.getApiKey(), "apiKey", "for provider " + NAME + " (its X-Tinygate-Key)");
    }

    @Override
    public FailureDecoder failureDecoder() {
        return TinygateProvider::decodeFailure;
    }

    @Override
    public WireReader reader(UnaryOperator<String> scrub) {
        return new TinygateReader(scrub);
    }

    /** Tinygate's failures: any status of 400 or more, with the message in {@code error}. */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        if (httpStatus < 400) {
            return null;
        }
        String message = WireReader.text(body, "error");
        // 409 is tinygate's "the phone is online": no QR to give, which whatsdev reports as already connected
        return new Failure(httpStatus, message, httpStatus == 409 ? Kind.ALREADY_CONNECTED : null);
    }

    static final class Client extends GatewayClient {
        private final String apiKey;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.apiKey = c.getApiKey();
        }

        @Override
        protected Authenticator authenticator() {
            return Authenticator.header("X-Tinygate-Key", apiKey); // a configured key: nothing to renew
        }

        private TinygateReader reader() {
            return (TinygateReader) wire();
        }

        List<Device> listDevices() throws WhatsDevException {
            return reader().readList(call(WhatsDevOperation.list, "GET", "phones").send());
        }

        Device phone(String id, String operation) throws WhatsDevException {
            return reader().readDevice(call(WhatsDevOperation.valueOf(operation), "GET", "phones", id).send(), operation);
        }

        QrCode qr(OperationRequest r) throws WhatsDevException {
            JsonNode body = call(WhatsDevOperation.qr, "POST", "phones", r.deviceId(), "qr").send();
            return wire().qr(r.deviceId(), wire().requiredText(body, "qr", "qr"), "qr", false, null, null);
        }
    }
}
