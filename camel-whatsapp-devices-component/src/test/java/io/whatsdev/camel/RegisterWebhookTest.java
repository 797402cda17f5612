package io.whatsdev.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.StatusChange;
import io.whatsdev.simulator.CallbackDelivery;
import io.whatsdev.simulator.CallbackDelivery.Outcome;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.RecordedRequest;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code registerWebhook=true}: at start, the events consumer tells each pushing gateway (the simulator, over loopback
 * HTTP) where to call back, with the secret the way that gateway proves it; the gateway's next callback then passes
 * verification and reaches the route. Also the producer's {@code setWebhook} with a {@code webhookSecret}, and a
 * registration the gateway refuses.
 */
class RegisterWebhookTest {

    /** Unique, so that finding it in the log means it leaked. */
    private static final String SECRET = "reg-s3cret-5b1e";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Gateway WHATSGATE_ORG = Gateway.of("whatsgate-org");
    private static final Gateway WAHA = Gateway.of("waha");
    private static final Gateway WITIME = Gateway.of("witime");
    private static final Gateway EVOLUTION = Gateway.of("evolution");

    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private CallbackHarness harness;
    private GatewaySimulator sim;
    private Main main;
    private int port;

    @BeforeEach
    void start() throws Exception {
        harness = CallbackHarness.start();
        sim = harness.sim;
        port = harness.port;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** Starts Camel Main with platform-http on the port and one route from the URI. */
    private void startMain(String uri) throws Exception {
        main = harness.newMain();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events").process(e -> received.add(e.copy()));
            }
        });
        main.start();
    }

    private String events(String gateway, String credentials, String more) {
        return "whatsdev:" + gateway + "/events?registerWebhook=true&webhookBaseUrl=http://127.0.0.1:" + port
               + "&webhookSecret=RAW(" + SECRET + ")&baseUrl=" + sim.baseUrl(Gateway.of(gateway)) + "&" + credentials + more;
    }

    private String callbackUrl(String gateway) {
        return "http://127.0.0.1:" + port + "/whatsdev/" + gateway;
    }

    private List<String> changes() {
        List<String> out = new ArrayList<>();
        for (Exchange e : received) {
            out.add(e.getMessage().getBody() instanceof StatusChange c ? c.getDevice().getId() + ":" + c.getCurrent()
                    : e.getMessage().getHeader(WhatsDevConstants.DEVICE_ID) + ":QR");
        }
        return out;
    }

    private List<CallbackDelivery> acknowledged(Gateway gateway, int count) {
        return sim.callbacks(gateway).await(d -> d.stream().filter(x -> x.outcome() == Outcome.ACKNOWLEDGED).count() >= count,
                WAIT);
    }

    @Test
    void whatsgateOrgIsGivenTheUrlWithTheSecret() throws Exception {
        SimDevice d = sim.createDevice(WHATSGATE_ORG, "1920000000001", "Vasya");
        startMain(events("whatsgate-org", "apiKey=" + SimulatorCredentials.API_KEY, "&deviceIds=1920000000001"));
        assertEquals(callbackUrl("whatsgate-org") + "?secret=" + SECRET, d.webhook());
        d.scan();
        acknowledged(WHATSGATE_ORG, 1);
        assertEquals(List.of("1920000000001:CONNECTED"), changes());
    }

    @Test
    void everyListedDeviceWhenNoneIsWatched() throws Exception {
        SimDevice a = sim.createDevice(WHATSGATE_ORG, "1920000000002", "A");
        SimDevice b = sim.createDevice(WHATSGATE_ORG, "1920000000003", "B");
        startMain(events("whatsgate-org", "apiKey=" + SimulatorCredentials.API_KEY, ""));
        assertEquals(callbackUrl("whatsgate-org") + "?secret=" + SECRET, a.webhook());
        assertEquals(callbackUrl("whatsgate-org") + "?secret=" + SECRET, b.webhook());
        assertEquals(2, sim.requests(WHATSGATE_ORG).stream().filter(r -> r.path().endsWith("/set-hook")).count());
    }

    @Test
    void wahaIsGivenTheHmacKey() throws Exception {
        SimDevice d = sim.createDevice(WAHA, "reg-1", "Vasya");
        startMain(events("waha", "apiKey=" + SimulatorCredentials.API_KEY, "&deviceId=reg-1"));
        String config = d.attribute("config");
        assertNotNull(config);
        assertTrue(config.contains("\"url\":\"" + callbackUrl("waha") + "\"") && config.contains("\"key\":\"" + SECRET + "\""),
                config);
        d.issueQr();
        List<CallbackDelivery> all = acknowledged(WAHA, 1);
        assertEquals(128, all.get(0).headers().get("X-Webhook-Hmac").length());
        assertEquals(List.of("reg-1:AWAITING_SCAN"), changes());
    }

    @Test
    void witimeIsGivenTheUrlWithTheSecret() throws Exception {
        SimDevice d = sim.createDevice(WITIME, "6D6307C3-2973-4468-85FA-D047CB8E1F2F", "Maria");
        startMain(events("witime", "token=RAW(" + d.key() + ")", ""));
        assertEquals(callbackUrl("witime") + "?secret=" + SECRET, d.webhook());
        d.issueQr();
        acknowledged(WITIME, 1);
        assertEquals(List.of(d.id() + ":AWAITING_SCAN"), changes());
    }

    @Test
    void evolutionIsGivenTheJwtKey() throws Exception {
        SimDevice d = sim.createDevice(EVOLUTION, "reg-evo-1", "Vasya");
        startMain(events("evolution", "apiKey=" + SimulatorCredentials.API_KEY, "&deviceIds=reg-evo-1"));
        String hook = d.attribute("webhook");
        assertNotNull(hook);
        assertTrue(hook.contains("\"jwt_key\":\"" + SECRET + "\"") && hook.contains(callbackUrl("evolution")), hook);
        d.issueQr();
        List<CallbackDelivery> all = acknowledged(EVOLUTION, 2);
        assertTrue(all.get(0).headers().get("Authorization").startsWith("Bearer "), all.get(0).headers()::toString);
        assertEquals(List.of("reg-evo-1:STARTING", "reg-evo-1:QR"), changes());
    }

    @Test
    void aRefusedRegistrationStopsTheStartWithTheGatewaysError() throws Exception {
        sim.createDevice(WHATSGATE_ORG, "1920000000004", "Vasya");
        Exception e = assertThrows(Exception.class,
                () -> startMain(events("whatsgate-org", "apiKey=RAW(wrong-key-7c2d)", "&deviceIds=1920000000004")));
        String messages = messages(e);
        assertTrue(messages.contains("set-hook") || messages.contains("setWebhook"), messages);
        assertFalse(messages.contains(SECRET), messages);
        assertFalse(messages.contains("wrong-key-7c2d"), messages);
    }

    @Test
    void producerSetWebhookWithASecret() throws Exception {
        sim.createDevice(WHATSGATE_ORG, "1920000000005", "Vasya");
        startMain("direct:unused");
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        Device d = template.requestBody("whatsdev:whatsgate-org/devices?operation=setWebhook&deviceId=1920000000005"
                                        + "&webhookUrl=https://hooks.example.com/whatsdev/whatsgate-org&webhookSecret=RAW("
                                        + SECRET + ")&apiKey=" + SimulatorCredentials.API_KEY + "&baseUrl="
                                        + sim.baseUrl(WHATSGATE_ORG), null, Device.class);
        RecordedRequest setHook = sim.requests(WHATSGATE_ORG).stream().filter(r -> r.path().endsWith("/set-hook")).findFirst()
                .orElseThrow();
        assertTrue(setHook.body().contains("https://hooks.example.com/whatsdev/whatsgate-org?secret=" + SECRET), setHook.body());
        // the device the route gets does not carry the secret
        assertFalse(String.valueOf(d.getExtra()).contains(SECRET), d.getExtra()::toString);
        assertEquals("https://hooks.example.com/whatsdev/whatsgate-org?secret=" + SECRET,
                sim.device(WHATSGATE_ORG, "1920000000005").webhook());
    }

    @Test
    void theLogShowsNoSecret() throws Exception {
        SimDevice d = sim.createDevice(WHATSGATE_ORG, "1920000000006", "Vasya");
        startMain(events("whatsgate-org", "apiKey=" + SimulatorCredentials.API_KEY, "&deviceIds=1920000000006"));
        d.scan();
        acknowledged(WHATSGATE_ORG, 1);
        main.stop();
        main = null;
        Path log = Path.of("target/camel-whatsdev-test.log");
        assertTrue(Files.exists(log), "the test log (log4j2-test.properties) is missing");
        // the whole log, streamed (it is shared by every test of the module, and its bytes are not all UTF-8)
        boolean said = false;
        String leaked = null;
        try (java.util.stream.Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String l : (Iterable<String>) lines::iterator) {
                said |= l.contains("Registered the whatsgate-org callback URL " + callbackUrl("whatsgate-org") + " for 1 device");
                if (l.contains(SECRET)) {
                    leaked = l;
                    break;
                }
            }
        }
        assertEquals(null, leaked, "the webhook secret is in the log");
        assertTrue(said, "no log line says the callback URL was registered");
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
