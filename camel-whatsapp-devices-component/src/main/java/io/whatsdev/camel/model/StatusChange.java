package io.whatsdev.camel.model;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * One observed transition of a device's normalized status, as the consumer emits it.
 */
@JsonPropertyOrder({ "device", "previous", "current", "seenAt" })
public final class StatusChange {

    private final Device device;
    private final DeviceStatus previous;
    private final DeviceStatus current;
    private final Instant seenAt;

    public StatusChange(Device device, DeviceStatus previous, DeviceStatus current, Instant seenAt) {
        this.device = Objects.requireNonNull(device, "device");
        this.previous = Objects.requireNonNull(previous, "previous");
        this.current = Objects.requireNonNull(current, "current");
        this.seenAt = Objects.requireNonNull(seenAt, "seenAt");
    }

    public Device getDevice() {
        return device;
    }

    public DeviceStatus getPrevious() {
        return previous;
    }

    public DeviceStatus getCurrent() {
        return current;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getSeenAt() {
        return seenAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StatusChange)) {
            return false;
        }
        StatusChange c = (StatusChange) o;
        return device.equals(c.device) && previous == c.previous && current == c.current && seenAt.equals(c.seenAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device.getProvider(), device.getId(), previous, current, seenAt);
    }

    @Override
    public String toString() {
        return device.getProvider() + "/" + device.getId() + ": " + previous + " -> " + current + " at " + seenAt;
    }
}
