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

    /** The registered gateways that can do the operation, as the refusal lists them. */
    private static String supporting(String operation) {
        return String.join(", ", io.whatsdev.camel.provider.GatewayProviders.supporting(WhatsDevOperation.valueOf(operation)));
    }

    @Test
    void unsupportedOperationNamesTheProvidersThatCan() {
        contains(refused("whatsdev:whatsgate-net/devices?token=t&subdomain=acme&operation=create"),
                "Operation 'create' is not supported by provider whatsgate-net", "providers that support it: " + supporting("create"));
        contains(refused("whatsdev:wassly/devices?apiKey=k&token=t&operation=qr"), supporting("qr"));
        contains(refused("whatsdev:whatspie/devices?token=t&operation=logout"), "providers that support it: " + supporting("logout"));
    }

    @Test
    void webhookRegistrationOptionsAreCheckedAtCreation() {
        String events = "whatsdev:whatsgate-org/events?webhookSecret=s3cret&apiKey=k";
        contains(refused(events + "&registerWebhook=true"), "registerWebhook needs webhookBaseUrl");
        contains(refused(events + "&webhookBaseUrl=https://hooks.example.com"), "webhookBaseUrl is only used with registerWebhook=true");
        contains(refused(events + "&registerWebhook=true&webhookBaseUrl=ftp://hooks.example.com"), "webhookBaseUrl",
                "is not an http(s) URL");
        contains(refused(events + "&registerWebhook=true&webhookBaseUrl=https://hooks.example.com/?a=b"), "webhookBaseUrl",
                "no query");
        contains(refused("whatsdev:whatsgate-org/events?webhookSecret=s3cret&registerWebhook=true"
                         + "&webhookBaseUrl=https://hooks.example.com"), "apiKey is required");
        contains(refused("whatsdev:waha/events?webhookSecret=s3cret&apiKey=k&registerWebhook=true"
                         + "&webhookBaseUrl=https://hooks.example.com"), "baseUrl is required");
        contains(refused("whatsdev:whatsgate-org/devices?apiKey=k&registerWebhook=true&webhookBaseUrl=https://hooks.example.com"),
                "registerWebhook is an option of whatsdev:whatsgate-org/events", "operation=setWebhook");
        contains(refused("whatsdev:whatsgate-org/devices?apiKey=k&operation=setWebhook&webhookSecret="), "webhookSecret is blank");
        contains(refused(events + "&registerWebhook=true&webhookBaseUrl=https://hooks.example.com&eventSource=feed"),
                "registerWebhook is for eventSource=callback");
        // a receiving-only events endpoint still needs no credentials
        context.getEndpoint("whatsdev:whatsgate-org/events?webhookSecret=s3cret");
    }

    @Test
    void unsupportedOperationFromAHeaderFailsBeforeAnyCall() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("whatsdev:whatspie/devices?token=t&baseUrl=" + server.url(), null,
                        WhatsDevConstants.OPERATION, "delete"));
        contains(e.getCause().getMessage(), "Operation 'delete' is not supported by provider whatspie", supporting("delete"));
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

    /** Every numeric and duration option: a value outside its range names the option, the value and the range. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "responseTimeout=0           | responseTimeout is 0 ms; allowed: 1 to 3600000 ms",
            "connectTimeout=-5           | connectTimeout is -5; a duration must not be negative",
            "callTimeout=2h              | callTimeout is 7200000 ms; allowed: 1 to 3600000 ms",
            "maxResponseSize=10          | maxResponseSize is 10 bytes; allowed: 1024 to 2147483647 bytes",
            "maxConnectionsPerRoute=0    | maxConnectionsPerRoute is 0; allowed: 1 to 1000",
            "proxyPort=70000&proxyHost=p | proxyPort is 70000; allowed: 1 to 65535",
            "minStableTime=-1s           | minStableTime is -1s; a duration must not be negative",
            "minStableTime=8d            | minStableTime is 691200000 ms; allowed: 0 to 604800000 ms",
            "delay=-5s                   | delay is -5s; a duration must not be negative",
            "pollConcurrency=0           | pollConcurrency is 0; allowed: 1 to 1000",
            "delay=0                     | delay is 0 ms; allowed: 1 to 604800000 ms",
            "initialDelay=-7             | initialDelay is -7; a duration must not be negative",
            "backoffMultiplier=-1        | backoffMultiplier is -1; allowed: 0 to 1000",
            "backoffErrorThreshold=-1    | backoffErrorThreshold is -1; allowed: 0 to 2147483647",
            "backoffIdleThreshold=-2     | backoffIdleThreshold is -2; allowed: 0 to 2147483647",
            "repeatCount=-1              | repeatCount is -1; allowed: 0 to 9223372036854775807" })
    void numbersOutOfRangeAreRefusedNamingTheRange(String option, String message) {
        contains(refused("whatsdev:whatspie/devices?token=t&" + option), message);
    }

    @Test
    void proxyPortWithoutHost() {
        contains(refused("whatsdev:whatspie/devices?token=t&proxyPort=8080"), "proxyPort is set but proxyHost is not");
    }

    /** A CR or LF in a credential or header value could split the request: refused, naming the option, never the value. */
    @ParameterizedTest
    @ValueSource(strings = { "token", "apiKey", "username", "password", "userAgent", "deviceName", "proxyHost" })
    void controlCharactersInCredentialsAndHeaderValuesAreRefused(String option) {
        Map<String, String> options = new java.util.TreeMap<>(Map.of("apiKey", "k", "token", "t"));
        options.put(option, "s3cr3t%0D%0AX-Injected:%20yes"); // percent-encoded, as a URI carries it
        StringBuilder uri = new StringBuilder("whatsdev:wassly/devices?");
        options.forEach((k, v) -> uri.append(k).append('=').append(v).append('&'));
        String message = refused(uri.substring(0, uri.length() - 1));
        contains(message, option + " contains a control character (U+000D) at position 7",
                "CR, LF and other control characters are not allowed");
        assertTrue(!message.contains("s3cr3t"), message);
    }

    @Test
    void controlCharactersInInstanceTokensAreRefused() {
        String message = refused("whatsdev:witime/devices?instanceTokens=a%3Dk3y%0Ab");
        contains(message, "instanceTokens contains a control character (U+000A)");
        assertTrue(!message.contains("k3y"), message);
    }

    @Test
    void controlCharactersInHeaderValuesAreRefusedBeforeAnyCall() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("whatsdev:witime/devices?token=k&operation=qr&baseUrl=" + server.url(), null,
                        WhatsDevConstants.USER_AGENT, "Mozilla\r\nX-Injected: yes"));
        contains(e.getCause().getMessage(), "header CamelWhatsDevUserAgent contains a control character (U+000D)");
        assertEquals(0, server.requests().size());
    }

    @Test
    void theOldInstancesOptionIsRefusedWithoutPrintingTheKeys() {
        String message = refused("whatsdev:witime/devices?instances=RAW(a=s3cr3t-k3y)");
        contains(message, "instances was renamed instanceTokens");
        assertTrue(!message.contains("s3cr3t-k3y"), message);
    }

    @Test
    void instanceTokensAreWitimeOnlyAndWellFormed() {
        contains(refused("whatsdev:whatspie/devices?token=t&instanceTokens=RAW(a=k)"), "instanceTokens is a witime option");
        contains(refused("whatsdev:witime/devices?instanceTokens=RAW(a=)"), "instanceTokens must be id=key pairs");
        contains(refused("whatsdev:witime/devices?instanceTokens=RAW(a=k1,a=k2)"), "instanceTokens names instance 'a' twice");
        contains(refused("whatsdev:witime/devices?instanceTokens=RAW(a/b=k1)"), "instanceTokens (id) 'a/b' is not a valid device id");
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
