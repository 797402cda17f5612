package io.whatsdev.camel.provider;

/**
 * One thing the consumer polls: a client, and the device id it answers for (null where its list holds many devices).
 * Most gateways have one target per endpoint; a gateway whose credential selects one device (one key per instance)
 * can have several, see {@link GatewayProvider#pollTargets(PollSetup)}.
 */
public record PollTarget(String deviceId, GatewayClient client) {
}
