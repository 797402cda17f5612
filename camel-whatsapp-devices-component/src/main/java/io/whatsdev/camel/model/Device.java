package io.whatsdev.camel.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * A WhatsApp device (session, instance) on a gateway, in whatsdev's normalized form. The gateway's own fields that
 * have no normalized counterpart are kept in {@link #getExtra()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "provider", "id", "name", "phone", "status", "rawStatus", "connected", "createdAt", "updatedAt",
        "lastActiveAt", "extra" })
public final class Device {

    private final String provider;
    private final String id;
    private final String name;
    private final String phone;
    private final DeviceStatus status;
    private final String rawStatus;
    private final Boolean connected;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant lastActiveAt;
    private final Map<String, Object> extra;

    private Device(Builder b) {
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.id = b.id;
        this.name = b.name;
        this.phone = b.phone;
        this.status = b.status == null ? DeviceStatus.UNKNOWN : b.status;
        this.rawStatus = b.rawStatus;
        this.connected = b.connected;
        this.createdAt = b.createdAt;
        this.updatedAt = b.updatedAt;
        this.lastActiveAt = b.lastActiveAt;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
    }

    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /** Gateway name, as in the URI: {@code whatspie}, {@code witime}, ... */
    public String getProvider() {
        return provider;
    }

    /** The gateway's device id (phone number, numeric id, session id, instance id). */
    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** The phone number, digits only, where the gateway tells it. */
    public String getPhone() {
        return phone;
    }

    public DeviceStatus getStatus() {
        return status;
    }

    /** The gateway's own status word or code, as it sent it. */
    public String getRawStatus() {
        return rawStatus;
    }

    /**
     * Whether the gateway says the device is connected. Falls back to the normalized status where the gateway sends
     * no such flag.
     */
    public boolean isConnected() {
        return connected != null ? connected : status.isConnected();
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getCreatedAt() {
        return createdAt;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getLastActiveAt() {
        return lastActiveAt;
    }

    /** The gateway's further fields, by their wire names. */
    public Map<String, Object> getExtra() {
        return extra;
    }

    /** A copy of this device with another status (used by the consumer for vanished devices). */
    public Device withStatus(DeviceStatus newStatus, String newRawStatus) {
        return toBuilder().status(newStatus).rawStatus(newRawStatus).connected(null).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(provider).id(id).name(name).phone(phone).status(status).rawStatus(rawStatus)
                .connected(connected).createdAt(createdAt).updatedAt(updatedAt).lastActiveAt(lastActiveAt);
        b.extra.putAll(extra);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Device)) {
            return false;
        }
        Device d = (Device) o;
        return provider.equals(d.provider) && Objects.equals(id, d.id) && Objects.equals(name, d.name)
                && Objects.equals(phone, d.phone) && status == d.status && Objects.equals(rawStatus, d.rawStatus)
                && Objects.equals(connected, d.connected) && Objects.equals(createdAt, d.createdAt)
                && Objects.equals(updatedAt, d.updatedAt) && Objects.equals(lastActiveAt, d.lastActiveAt)
                && extra.equals(d.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, id, status, rawStatus);
    }

    @Override
    public String toString() {
        return "Device[" + provider + "/" + id + (name != null ? " '" + name + "'" : "") + " " + status
               + (rawStatus != null ? " (" + rawStatus + ")" : "") + "]";
    }

    public static final class Builder {
        private final String provider;
        private String id;
        private String name;
        private String phone;
        private DeviceStatus status;
        private String rawStatus;
        private Boolean connected;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant lastActiveAt;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String provider) {
            this.provider = provider;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder status(DeviceStatus status) {
            this.status = status;
            return this;
        }

        public Builder rawStatus(String rawStatus) {
            this.rawStatus = rawStatus;
            return this;
        }

        public Builder connected(Boolean connected) {
            this.connected = connected;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder lastActiveAt(Instant lastActiveAt) {
            this.lastActiveAt = lastActiveAt;
            return this;
        }

        public Builder extra(String key, Object value) {
            if (value != null) {
                this.extra.put(key, value);
            }
            return this;
        }

        public Device build() {
            return new Device(this);
        }
    }
}
