package io.whatsdev.camel.provider;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import io.whatsdev.camel.WhatsDevConfiguration;
import io.whatsdev.camel.WhatsDevOperation;
import io.whatsdev.camel.exception.OperationNotSupportedException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.DeviceStatus;

/**
 * One WhatsApp gateway: its name, base URL, what it can do, how its credentials and ids are checked, (in its
 * {@link WireReader}) how its answers map to the model and its status words to {@link DeviceStatus}, and (in its
 * {@link GatewayClient}) its paths, auth and requests. All wire knowledge of a gateway lives in its package.
 * <p>
 * Providers are discovered with {@link java.util.ServiceLoader} ({@code META-INF/services/io.whatsdev.camel.provider.GatewayProvider}),
 * registered at run time with {@link GatewayProviders#register(GatewayProvider)}, or, in OSGi, published as services
 * (see {@code io.whatsdev.camel.osgi}).
 */
public interface GatewayProvider {

    /** The name used in URIs, e.g. {@code whatspie}. */
    String name();

    /**
     * The documented base URL; may contain {@code {subdomain}}. Null for a self-hosted gateway, which has none: its
     * endpoints must be given {@code baseUrl} (the endpoint refuses them otherwise).
     */
    String defaultBaseUrl();

    /** Which operations the gateway supports, and how. Operations not in the map are not supported. */
    Map<WhatsDevOperation, Support> operations();

    /** Every documented status word or code, mapped to its normalized status (for the docs and for tests). */
    Map<String, DeviceStatus> statusMapping();

    /** The wire call behind each supported operation, in a few words of AsciiDoc, for the docs' operation matrix. */
    default Map<WhatsDevOperation, String> wireCalls() {
        return Map.of();
    }

    /** What each raw status of {@link #statusMapping()} means, for the docs' status table (where a note helps). */
    default Map<String, String> statusNotes() {
        return Map.of();
    }

    /**
     * How this gateway reads a failure from an answer (its envelopes, its codes), a pure function tested without HTTP.
     * Default: an HTTP status of 400 or above is a failure ({@link GatewayClient#httpFailure(int, com.fasterxml.jackson.databind.JsonNode)}).
     */
    default FailureDecoder failureDecoder() {
        return GatewayClient::httpFailure;
    }

    /**
     * This gateway's reader: its status table and the mapping of its device objects to the model, masking text that
     * goes into exceptions with {@code scrub}. Default: the shape checks and {@link #statusMapping()}, no device mapping.
     */
    default WireReader reader(UnaryOperator<String> scrub) {
        return new WireReader(name(), statusMapping(), scrub);
    }

    /**
     * How this gateway's callbacks (webhook deliveries of lifecycle events) are verified, read and acknowledged; null
     * for a gateway that pushes no lifecycle events (then only polling watches it). Default: null.
     */
    default CallbackDecoder callbacks() {
        return null;
    }

    /**
     * The gateway's feed of past events, which the events consumer polls with {@code eventSource=feed} instead of
     * receiving callbacks; null for a gateway that has none. Default: null.
     */
    default EventFeed eventFeed() {
        return null;
    }

    /** Whether the operation needs a device id on this gateway. */
    default boolean requiresDeviceId(WhatsDevOperation operation) {
        return operation.targetsDevice();
    }

    /** Checks a device id (from a URI option or a header); returns it as it goes on the wire. */
    default String checkDeviceId(String deviceId, String option) {
        return Inputs.deviceId(deviceId, option);
    }

    /**
     * Checks the endpoint's configuration (credentials, gateway-specific options) when the endpoint is created.
     *
     * @throws IllegalArgumentException naming the option and what is allowed
     */
    void validate(WhatsDevConfiguration configuration);

    /**
     * As {@link #validate(WhatsDevConfiguration)}, with the values of the gateway-only options the endpoint was given
     * (only names from {@link #gatewayOptions()}; empty where none). A gateway whose options change what is required
     * overrides this one.
     */
    default void validate(WhatsDevConfiguration configuration, Map<String, String> gatewayOptions) {
        validate(configuration);
    }

    /**
     * The endpoint options that only this gateway takes, each with a few words on what it is (for the refusal
     * elsewhere). The endpoint declares them (Camel's metadata needs every option there) and refuses them on the other
     * gateways. Default: none.
     */
    default Map<String, String> gatewayOptions() {
        return Map.of();
    }

    /** Checks, at producer creation, what only a producer needs (where gateway options serve the consumer only). */
    default void validateProducer(WhatsDevConfiguration configuration, Map<String, String> gatewayOptions) {
        // nothing more by default
    }

    /**
     * Checks one input of an operation (deviceName, packageCode, phoneNumber, userAgent or webhookUrl, after the
     * component's own checks) from a URI option or a header; returns it as it goes on the wire.
     *
     * @param source how the input was given, for the message: {@code "packageCode"} or {@code "header ..."}
     * @throws IllegalArgumentException naming the source and what is allowed
     */
    default String checkInput(String field, String value, String source) {
        return value;
    }

    /** What the consumer polls. Default: the endpoint's client, whose list holds every device. */
    default List<PollTarget> pollTargets(PollSetup setup) {
        return List.of(new PollTarget(null, setup.client()));
    }

    /**
     * Whether the {@code deviceId} option narrows the consumer to that device (default), or, where the credential
     * selects one device anyway, only names it.
     */
    default boolean deviceIdNarrowsPolls() {
        return true;
    }

    /** Result headers beyond the normalized ones, such as a pairing code a gateway returns inside a device. */
    default void resultHeaders(Object result, BiConsumer<String, Object> headers) {
        // none by default
    }

    /**
     * Performs an operation with a client of this gateway. {@link AbstractGatewayProvider} dispatches through its
     * {@link Operations} table; a gateway implementing this interface directly overrides it.
     */
    default Object execute(GatewayClient client, OperationRequest request) throws WhatsDevException {
        throw new OperationNotSupportedException(name(), request.operation().name(), 0,
                GatewayProviders.unsupportedMessage(this, request.operation()));
    }

    /** The base URL to call: the {@code baseUrl} option or the documented one, resolved. */
    default String resolveBaseUrl(WhatsDevConfiguration configuration) {
        return configuration.getBaseUrl() != null ? configuration.getBaseUrl() : defaultBaseUrl();
    }

    /** A client for one endpoint. */
    GatewayClient newClient(WhatsDevConfiguration configuration, Transport transport);
}
