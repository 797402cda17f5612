package io.whatsdev.camel;

import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input is refused with a message naming the option and what is allowed: at endpoint creation where the value is
 * in the URI, before any call where it comes in a header.
 */
class BadInputTest extends CamelTestSupport {

    @RegisterExtension
    static final ReplayServer server = new ReplayServer();

    /** Endpoint creation fails; returns the root cause's message. */
    private String refused(String uri) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri));
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void contains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void unknownProviderListsTheKnownOnes() {
        contains(refused("whatsdev:whatsapp/devices?token=t"), "Unknown provider 'whatsapp'",
                "wassly, whatsgate-net, whatsgate-org, whatspie, witime");
    }

    @Test
    void unknownResource() {
        contains(refused("whatsdev:whatspie/phones?token=t"), "Unknown resource 'phones'", "allowed: devices");
        contains(refused("whatsdev:whatspie?token=t"), "Unknown resource 'null'", "allowed: devices");
    }

    @Test
    void unknownOperationListsTheOperations() {
        contains(refused("whatsdev:whatspie/devices?token=t&operation=pair"), "operation", "pair", "list", "setWebhook");
    }

    @Test
    void unsupportedOperationNamesTheProvidersThatCan() {
        contains(refused("whatsdev:whatsgate-net/devices?token=t&subdomain=acme&operation=create"),
                "Operation 'create' is not supported by provider whatsgate-net", "providers that support it: whatsgate-org, whatspie");
        contains(refused("whatsdev:wassly/devices?apiKey=k&token=t&operation=qr"), "whatsgate-net, whatsgate-org, whatspie, witime");
        contains(refused("whatsdev:whatspie/devices?token=t&operation=logout"), "providers that support it: witime");
    }

    @Test
    void unsupportedOperationFromAHeaderFailsBeforeAnyCall() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("whatsdev:whatspie/devices?token=t&baseUrl=" + server.url(), null,
                        WhatsDevConstants.OPERATION, "delete"));
        contains(e.getCause().getMessage(), "Operation 'delete' is not supported by provider whatspie", "whatsgate-net, whatsgate-org");
        assertEquals(0, server.requests().size());
    }

    @Test
    void missingCredentials() {
        contains(refused("whatsdev:whatspie/devices"), "token is required for provider whatspie");
        contains(refused("whatsdev:whatsgate-net/devices?subdomain=acme"), "token is required for provider whatsgate-net");
        contains(refused("whatsdev:wassly/devices?token=t"), "apiKey is required for provider wassly");
        contains(refused("whatsdev:wassly/devices?apiKey=k&username=u"), "needs token, or username and password");
        contains(refused("whatsdev:whatsgate-org/devices"), "apiKey is required for provider whatsgate-org");
        contains(refused("whatsdev:witime/devices"), "token is required for provider witime");
    }

    @Test
    void whatsgateNetNeedsASubdomainThatIsADnsLabel() {
        contains(refused("whatsdev:whatsgate-net/devices?token=t"), "subdomain is required");
        contains(refused("whatsdev:whatsgate-net/devices?token=t&subdomain=-acme"), "subdomain '-acme' is not a DNS label");
        contains(refused("whatsdev:whatsgate-net/devices?token=t&subdomain=acme.evil.com"), "not a DNS label");
    }

    @Test
    void baseUrlMustBeHttp() {
        contains(refused("whatsdev:whatspie/devices?token=t&baseUrl=ftp://example.com"), "baseUrl", "not an http(s) URL");
        contains(refused("whatsdev:whatspie/devices?token=t&baseUrl=file:/etc/passwd"), "baseUrl", "not an http(s) URL");
        contains(refused("whatsdev:whatspie/devices?token=t&baseUrl=RAW(http://u:p@example.com)"), "must not carry user info");
        contains(refused("whatsdev:whatspie/devices?token=t&baseUrl=RAW(http://example.com/?x=1)"), "must not have a query");
    }

    @Test
    void deviceIdMustBeAPhoneNumberOnWhatsgateNet() {
        contains(refused("whatsdev:whatsgate-net/devices?token=t&subdomain=acme&deviceId=support"),
                "deviceId 'support' is not a phone number", "6 to 15 digits");
    }

    @Test
    void deviceIdMustBeNumericOnWhatspie() {
        contains(refused("whatsdev:whatspie/devices?token=t&deviceId=abc"), "deviceId 'abc' is not a numeric device id");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a%2Fb", "..", "a..b", "a%3Fb", "a%23b", "a%20b", "a%09b", "a%0Ab", "a%00b" })
    void unsafeDeviceIdsInTheUriAreRefused(String encoded) {
        // Camel decodes the query value, so the component sees the raw character
        contains(refused("whatsdev:wassly/devices?apiKey=k&token=t&deviceId=" + encoded), "deviceId", "is not a valid device id",
                "no '..'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a/b", "..", "../etc", "a?b", "a#b", "a b", "a\tb", "a\nb", "a\u0000b", "" })
    void unsafeDeviceIdsInAHeaderAreRefusedBeforeAnyCall(String id) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeaders("whatsdev:wassly/devices?apiKey=k&token=t&operation=get&baseUrl=" + server.url(),
                        null, Map.of(WhatsDevConstants.DEVICE_ID, id)));
        if (id.isEmpty()) {
            contains(e.getCause().getMessage(), "needs a device");
        } else {
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            contains(e.getCause().getMessage(), "header CamelWhatsDevDeviceId", "is not a valid device id");
        }
        assertEquals(0, server.requests().size());
    }

    @Test
    void missingDeviceIdNamesTheOptionAndHeader() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("whatsdev:whatspie/devices?token=t&operation=qr&baseUrl=" + server.url(), (Object) null));
        contains(e.getCause().getMessage(), "Operation qr on whatspie needs a device", "deviceId", "CamelWhatsDevDeviceId");
    }

    @Test
    void missingOperation() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("whatsdev:whatspie/devices?token=t&baseUrl=" + server.url(), (Object) null));
        contains(e.getCause().getMessage(), "No operation", "CamelWhatsDevOperation", "[list, get, status, create, qr]");
    }

    @Test
    void unknownWhatspiePackageIsRefusedBeforeAnyCall() {
        contains(refused("whatsdev:whatspie/devices?token=t&operation=create&packageCode=GOLD"),
                "packageCode 'GOLD' is not a whatspie package; allowed: BETA, STARTER60K, STARTUP240K, BUSINESS");
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeaders("whatsdev:whatspie/devices?token=t&operation=create&baseUrl=" + server.url(), null,
                        Map.of(WhatsDevConstants.PACKAGE_CODE, "INVALID_PACKAGE", WhatsDevConstants.DEVICE_NAME, "x")));
        contains(e.getCause().getMessage(), "allowed: BETA, STARTER60K, STARTUP240K, BUSINESS");
        assertEquals(0, server.requests().size());
    }

    @Test
    void phoneNumberAndWebhookUrl() {
        contains(refused("whatsdev:whatsgate-org/devices?apiKey=k&phoneNumber=7-999"), "phoneNumber '7-999' is not a phone number");
        contains(refused("whatsdev:whatsgate-org/devices?apiKey=k&webhookUrl=javascript:alert(1)"), "webhookUrl", "http(s)");
    }

    @Test
    void timeoutsAndProxy() {
        contains(refused("whatsdev:whatspie/devices?token=t&responseTimeout=0"), "responseTimeout must be positive");
        contains(refused("whatsdev:whatspie/devices?token=t&proxyPort=70000&proxyHost=p"), "proxyPort must be 1 to 65535");
    }

    @Test
    void pathSegmentsAreEncoded() {
        server.onBody("POST", "/api/v1/sessions-get", 200, "application/json", "{\"result\":\"OK\",\"data\":[]}", Map.of());
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("whatsdev:whatsgate-org/devices?apiKey=k&operation=get&baseUrl=" + server.url()
                                                    + "/api/v1",
                        null, WhatsDevConstants.DEVICE_ID, "id:with@odd+chars"));
        contains(e.getCause().getMessage(), "no session with WhatsappID id:with@odd+chars");
        assertTrue(server.last().body().contains("\"WhatsappID\":\"id:with@odd+chars\""));
    }
}
