package io.whatsdev.camel;

import java.net.ServerSocket;
import java.time.Duration;

import io.whatsdev.camel.exception.GatewayAuthenticationException;
import io.whatsdev.camel.exception.GatewayRateLimitedException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.simulator.Fault;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.SimulatorCredentials;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each documented error and each transport failure becomes the typed exception, with the gateway's own message, for
 * every gateway; an HTML page or malformed JSON gives a short excerpt, never a parser stack trace.
 */
class GatewayErrorsTest extends SimulatorCamelTestSupport {

    @BeforeAll
    static void slowFaults() {
        sim.faultDelayMillis(1500);
    }

    @BeforeEach
    void seed() {
        for (Gateway g : gateways().toList()) {
            sim.createDevice(g, g.plugin().sampleDeviceId(1), "d");
        }
    }

    private String listUri(Gateway g) {
        String options = g.plugin().whatsdevOptions(sim.devices(g));
        String uri = "whatsdev:" + g.id() + "/devices?baseUrl=" + sim.baseUrl(g) + (options.isEmpty() ? "" : "&" + options);
        return uri + "&operation=list&responseTimeout=500";
    }

    /** One good call first, so that wassly's login is done before a fault is injected. */
    private void warmUp(Gateway g) {
        template.requestBody(listUri(g), (Object) null);
    }

    private WhatsDevException fail(Gateway g) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(listUri(g), (Object) null));
        WhatsDevException w = assertInstanceOf(WhatsDevException.class, e.getCause());
        assertEquals(g.id(), w.getProvider());
        // wassly: a refused token is followed by one login, whose refusal is the one reported
        assertTrue(w.getOperation().equals("list") || g.equals(Gateway.of("wassly")) && w.getOperation().equals("login"), w.getMessage());
        return w;
    }

    @ParameterizedTest
    @MethodSource("io.whatsdev.camel.SimulatorCamelTestSupport#gateways")
    void http500And503AreUnavailable(Gateway g) {
        warmUp(g);
        sim.faults(g).next(Fault.HTTP_500);
        WhatsDevException e = fail(g);
        assertInstanceOf(GatewayUnavailableException.class, e);
        assertEquals(500, e.getHttpStatus(), e.getMessage());
        assertEquals("Internal Server Error", e.getProviderMessage());
        warmUp(g);
        sim.faults(g).next(Fault.HTTP_503);
        assertEquals(503, assertInstanceOf(GatewayUnavailableException.class, fail(g)).getHttpStatus());
        // the fault was for one call only
        template.requestBody(listUri(g), (Object) null);
    }

    @ParameterizedTest
    @MethodSource("io.whatsdev.camel.SimulatorCamelTestSupport#gateways")
    void rateLimitedCarriesRetryAfter(Gateway g) {
        warmUp(g);
        sim.faults(g).next(Fault.RATE_LIMITED);
        GatewayRateLimitedException e = assertInstanceOf(GatewayRateLimitedException.class, fail(g));
        assertEquals(429, e.getHttpStatus());
        assertEquals(Duration.ofSeconds(7), e.getRetryAfter());
        assertTrue(e.getMessage().contains("Too Many Attempts."), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.whatsdev.camel.SimulatorCamelTestSupport#gateways")
    void htmlErrorPageGivesAnExcerpt(Gateway g) {
        warmUp(g);
        sim.faults(g).next(Fault.HTML_ERROR_PAGE);
        WhatsDevException e = assertInstanceOf(GatewayUnavailableException.class, fail(g));
        assertEquals(502, e.getHttpStatus());
        assertTrue(e.getProviderMessage().contains("502 Bad Gateway"), e.getProviderMessage());
        assertTrue(e.getProviderMessage().length() <= 203);
    }

    @ParameterizedTest
    @MethodSource("io.whatsdev.camel.SimulatorCamelTestSupport#gateways")
    void malformedJsonIsAResponseException(Gateway g) {
        warmUp(g);
        sim.faults(g).next(Fault.MALFORMED_JSON);
        GatewayResponseException e = assertInstanceOf(GatewayResponseException.class, fail(g));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertNull(e.getCause(), "no Jackson exception chained");
        assertFalse(e.getMessage().contains("com.fasterxml"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.whatsdev.camel.SimulatorCamelTestSupport#gateways")
    void noAnswerInTimeIsUnavailable(Gateway g) {
        warmUp(g);
        sim.faults(g).next(Fault.TIMEOUT);
        WhatsDevException e = assertInstanceOf(GatewayUnavailableException.class, fail(g));
        assertEquals(0, e.getHttpStatus());
        assertTrue(e.getMessage().contains("no answer within 500 ms"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.whatsdev.camel.SimulatorCamelTestSupport#gateways")
    void revokedCredentialsAreAuthentication(Gateway g) {
        warmUp(g);
        sim.faults(g).next(Fault.AUTH_REVOKED, g.equals(Gateway.of("wassly")) ? 3 : 1);
        assertInstanceOf(GatewayAuthenticationException.class, fail(g));
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                "whatsdev:whatspie/devices?operation=list&token=" + SimulatorCredentials.TOKEN + "&baseUrl=http://127.0.0.1:" + port,
                (Object) null));
        GatewayUnavailableException u = assertInstanceOf(GatewayUnavailableException.class, e.getCause());
        assertTrue(u.getMessage().contains("cannot reach the gateway"), u.getMessage());
    }
}
