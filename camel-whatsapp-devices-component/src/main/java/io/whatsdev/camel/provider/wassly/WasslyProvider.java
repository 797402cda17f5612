package io.whatsdev.camel.provider.wassly;

import static io.whatsdev.camel.provider.WireReader.bool;
import static io.whatsdev.camel.provider.GatewayClient.messageOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.GatewayAuthenticationException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.provider.AbstractGatewayProvider;
import io.whatsdev.camel.provider.Authenticator;
import io.whatsdev.camel.provider.FailureDecoder;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.Operations;
import io.whatsdev.camel.provider.Secrets;
import io.whatsdev.camel.provider.Transport;

/**
 * Wassly: {@code https://www.wassly.com/api}, headers {@code apikey} and {@code Authorization: Bearer}. One device call
 * (the WhatsApp Web device list); the token is given, or obtained from {@code POST /login} with the API key and e-mail
 * and password, and obtained again once when the gateway answers 401.
 */
public final class WasslyProvider extends AbstractGatewayProvider {

    public static final String NAME = "wassly";

    private static final Operations<Client> OPERATIONS = Operations.of(Client.class)
            .nativeCall(WhatsDevOperation.list, "`GET /whatsapp-web-devices`", (c, r) -> c.listDevices())
            .composed(WhatsDevOperation.get, "from the device list (`id` or `instance_id`)", (c, r) -> c.get(r.deviceId()))
            .composed(WhatsDevOperation.status, "from the device list", (c, r) -> c.status(r.deviceId()))
            .build();

    /** What each raw status means, for the docs' status table. */
    private static final Map<String, String> STATUS_NOTES = new LinkedHashMap<>();

    static {
        STATUS_NOTES.put("connected", "documented");
        STATUS_NOTES.put("disconnected", "undocumented by the provider; whatsdev assumes it");
        STATUS_NOTES.put("suspended", "undocumented by the provider; whatsdev assumes it");
    }

    public WasslyProvider() {
        super(NAME, "https://www.wassly.com/api", OPERATIONS, WasslyReader.STATUSES, Client::new);
    }

    @Override
    public WasslyReader reader(UnaryOperator<String> scrub) {
        return new WasslyReader(scrub);
    }

    @Override
    public Map<String, String> statusNotes() {
        return STATUS_NOTES;
    }

    @Override
    public FailureDecoder failureDecoder() {
        return WasslyProvider::decodeFailure;
    }

    @Override
    public void validate(WhatsDevConfiguration c) {
        Inputs.required(c.getApiKey(), "apiKey", "for provider " + NAME + " (its apikey header)");
        if (c.getToken() == null && (c.getUsername() == null || c.getPassword() == null)) {
            throw new IllegalArgumentException("provider " + NAME + " needs token, or username and password to log in with; "
                                               + "neither is set");
        }
    }

    /** The failure an answer of wassly reports, or null for a success (see {@link FailureDecoder}). */
    public static Failure decodeFailure(int httpStatus, JsonNode body) {
        if (httpStatus < 400 && !Boolean.FALSE.equals(bool(body, "success"))) {
            return null;
        }
        return new Failure(httpStatus, messageOf(body), null);
    }

    static final class Client extends GatewayClient {
        private final String apiKey;
        private final String username;
        private final String password;
        private volatile String token;
        private final WasslyReader reader;

        Client(GatewayProvider p, String baseUrl, Transport t, WhatsDevConfiguration c) {
            super(p, baseUrl, t, c);
            this.apiKey = c.getApiKey();
            this.username = c.getUsername();
            this.password = c.getPassword();
            this.token = c.getToken();
            this.reader = (WasslyReader) wire();
        }

        /** The given token, or one obtained by logging in; on a 401, logged in again (once) where a login is configured. */
        private final Authenticator auth = new Authenticator() {
            @Override
            public String authenticate(Call call) throws WhatsDevException {
                String t = token;
                if (t == null) {
                    t = login(null);
                }
                call.header("apikey", apiKey).header("Authorization", "Bearer " + t);
                return t;
            }

            @Override
            public boolean renew(String used) throws WhatsDevException {
                if (username == null || password == null) {
                    return false;
                }
                login(used);
                return true;
            }
        };

        @Override
        protected Authenticator authenticator() {
            return auth;
        }

        /** Logs in, unless another thread already replaced the token that failed. */
        private synchronized String login(String failedToken) throws WhatsDevException {
            if (token != null && !token.equals(failedToken)) {
                return token;
            }
            if (username == null || password == null) {
                throw new GatewayAuthenticationException(NAME, "login", 401,
                        "the token was refused and no username/password is configured to obtain a new one");
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("email", username);
            body.put("password", password);
            JsonNode answer = call("login", "POST", "login").unauthenticated().header("apikey", apiKey).json(body).send();
            String t = reader.readToken(answer);
            token = t;
            return t;
        }

        /** The token obtained by logging in is a secret too. */
        @Override
        protected Secrets secrets(WhatsDevConfiguration c) {
            return Secrets.dynamic(() -> java.util.Arrays.asList(c.getApiKey(), c.getUsername(), c.getPassword(), c.getToken(),
                    c.getWebhookSecret(),
                    token));
        }


        List<Device> listDevices() throws WhatsDevException {
            return call(WhatsDevOperation.list, "GET", "whatsapp-web-devices").sendList();
        }

        @Override
        protected boolean matches(Device device, String deviceId) {
            return deviceId.equals(device.getId()) || deviceId.equals(device.getExtra().get("instance_id"));
        }

        public Device get(String deviceId) throws WhatsDevException {
            return findInList(deviceId, WhatsDevOperation.get);
        }

        public Device status(String deviceId) throws WhatsDevException {
            return findInList(deviceId, WhatsDevOperation.status);
        }
    }
}
