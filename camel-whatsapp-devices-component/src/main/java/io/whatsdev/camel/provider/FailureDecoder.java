package io.whatsdev.camel.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a gateway's failure from an answer: its HTTP status and its failure envelope ({@code success:false},
 * {@code {"code":4xx,...}}, {@code {"name":"Unauthorized",...}}, ...). One per gateway, free of HTTP, so that it is tested
 * on the documented envelopes alone; what a {@link GatewayClient.Failure} becomes (the typed exception) is decided once,
 * for every gateway, by {@link GatewayClient}.
 */
@FunctionalInterface
public interface FailureDecoder {

    /**
     * @param httpStatus the answer's HTTP status
     * @param body       its JSON, or null where it was not JSON
     * @return the failure it reports, or null for a success
     */
    GatewayClient.Failure decode(int httpStatus, JsonNode body);
}
