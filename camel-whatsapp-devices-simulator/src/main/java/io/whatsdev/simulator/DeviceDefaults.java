package io.whatsdev.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a new device starts with, as its gateway's {@link SimulatedGateway#newDevice(String)} says. Each part may be
 * null (or empty): then the device starts without it.
 *
 * @param instanceId the gateway's instance identifier besides the id (fixed for the device's life), see
 *                   {@link SimDevice#instanceId()}
 * @param phone      the phone number it starts with (otherwise it gets one when a phone scans it)
 * @param key        its per-device key (a device without one can never get one), see {@link SimDevice#key()}
 * @param attributes gateway-specific text attributes, see {@link SimDevice#attribute(String)}
 */
public record DeviceDefaults(String instanceId, String phone, String key, Map<String, String> attributes) {

    /** Nothing besides the id and name. */
    public static final DeviceDefaults NONE = new DeviceDefaults(null, null, null, Map.of());

    public DeviceDefaults {
        attributes = attributes == null ? Map.of() : copy(attributes);
    }

    public DeviceDefaults withInstanceId(String instanceId) {
        return new DeviceDefaults(instanceId, phone, key, attributes);
    }

    public DeviceDefaults withPhone(String phone) {
        return new DeviceDefaults(instanceId, phone, key, attributes);
    }

    public DeviceDefaults withKey(String key) {
        return new DeviceDefaults(instanceId, phone, key, attributes);
    }

    public DeviceDefaults withAttribute(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(attributes);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new DeviceDefaults(instanceId, phone, key, more);
    }

    /** An unmodifiable copy that keeps the order (attributes are shown in the order they were given). */
    private static Map<String, String> copy(Map<String, String> attributes) {
        Map<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute name"), Objects.requireNonNull(v, "attribute " + k)));
        return Collections.unmodifiableMap(copy);
    }
}
