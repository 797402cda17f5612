package io.whatsdev.camel.provider;

import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.provider.GatewayClient.Failure;
import io.whatsdev.camel.provider.GatewayClient.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each gateway's failure decoder on the documented answers (the contract fixtures), without HTTP: which answers are
 * successes, and for each failure its kind (which picks the exception) and the gateway's own message. The HTTP replay
 * of the same fixtures is {@code ProviderContractTest}.
 */
class FailureDecoderTest {

    private static final Map<String, FailureDecoder> DECODERS = Map.of(
            "whatsgate-net", WhatsgateNetProvider::decodeFailure,
            "whatspie", WhatspieProvider::decodeFailure,
            "wassly", WasslyProvider::decodeFailure,
            "whatsgate-org", WhatsgateOrgProvider::decodeFailure,
            "witime", WitimeProvider::decodeFailure);

    /** gateway, fixture, HTTP status, expected kind (null: a success; "HTTP": the kind the status means), message. */
    static Stream<Arguments> documentedAnswers() {
        return Stream.of(
                Arguments.of("whatsgate-net", "connect-success.json", 200, null, null),
                Arguments.of("whatsgate-net", "status-success.json", 200, null, null),
                Arguments.of("whatsgate-net", "connect-error.json", 200, Kind.NOT_FOUND, "device not found!"),
                Arguments.of("whatsgate-net", "delete-error.json", 200, Kind.NOT_FOUND, "The selected sender device is invalid."),
                Arguments.of("whatsgate-net", "invalid-token.json", 401, Kind.AUTHENTICATION, "invalid Access-Token"),
                Arguments.of("whatspie", "list-success.json", 200, null, null),
                Arguments.of("whatspie", "get-success.json", 200, null, null),
                Arguments.of("whatspie", "device-not-found.json", 404, "HTTP", "Device not found: Device with ID 999 does not exist"),
                Arguments.of("whatspie", "device-limit.json", 403, Kind.BAD_REQUEST,
                        "Device limit exceeded: Maximum number of devices reached for your plan"),
                Arguments.of("whatspie", "qr-already-connected.json", 200, Kind.ALREADY_CONNECTED, "Device connected"),
                Arguments.of("wassly", "devices-success.json", 200, null, null),
                Arguments.of("wassly", "login-success.json", 200, null, null),
                Arguments.of("whatsgate-org", "session-create-success.json", 200, null, null),
                Arguments.of("whatsgate-org", "unauthorized.json", 500, Kind.AUTHENTICATION,
                        "Your request was made with invalid credentials."),
                Arguments.of("witime", "status-success.json", 200, null, null),
                Arguments.of("witime", "generate-qrcode-success.json", 200, null, null),
                Arguments.of("witime", "generate-qrcode-error.json", 200, Kind.ALREADY_CONNECTED, "Connection already established"));
    }

    @ParameterizedTest(name = "{0} {1} (HTTP {2})")
    @MethodSource("documentedAnswers")
    void decodes(String gateway, String fixture, int httpStatus, Object kind, String message) throws Exception {
        Failure f = DECODERS.get(gateway).decode(httpStatus, json(gateway + "/" + fixture));
        if (kind == null) {
            assertNull(f, "a success");
            return;
        }
        assertNotNull(f, "a failure");
        assertEquals(kind == "HTTP" ? null : kind, f.kind(), "kind");
        assertEquals(message, f.message());
    }

    private static JsonNode json(String path) throws Exception {
        try (InputStream in = FailureDecoderTest.class.getResourceAsStream("/contract/" + path)) {
            assertNotNull(in, path);
            return WireJson.MAPPER.readTree(in);
        }
    }
}
