package io.whatsdev.camel.model;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * A QR code to pair a phone with a device: either the decoded image bytes with their media type (PNG, SVG), or a link
 * to a page or image where the gateway gives one, plus its expiry where the gateway tells it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "provider", "deviceId", "mediaType", "link", "expiresAt", "ttlSeconds", "image" })
public final class QrCode {

    public static final String MEDIA_TYPE_PNG = "image/png";
    public static final String MEDIA_TYPE_SVG = "image/svg+xml";

    private final String provider;
    private final String deviceId;
    private final byte[] image;
    private final String mediaType;
    private final String link;
    private final Instant expiresAt;
    private final Integer ttlSeconds;

    public QrCode(String provider, String deviceId, byte[] image, String mediaType, String link, Instant expiresAt,
                  Integer ttlSeconds) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.deviceId = deviceId;
        if (image == null && link == null) {
            throw new IllegalArgumentException("A QR code needs an image or a link");
        }
        this.image = image;
        this.mediaType = mediaType;
        this.link = link;
        this.expiresAt = expiresAt;
        this.ttlSeconds = ttlSeconds;
    }

    public static QrCode ofImage(String provider, String deviceId, byte[] image, String mediaType, Instant expiresAt,
                                 Integer ttlSeconds) {
        return new QrCode(provider, deviceId, image, mediaType, null, expiresAt, ttlSeconds);
    }

    public static QrCode ofLink(String provider, String deviceId, String link) {
        return new QrCode(provider, deviceId, null, null, link, null, null);
    }

    public String getProvider() {
        return provider;
    }

    public String getDeviceId() {
        return deviceId;
    }

    /** The decoded image bytes, or null where the gateway gives a link only. */
    @JsonIgnore
    public byte[] getImage() {
        return image == null ? null : image.clone();
    }

    /** The image as base64 (for JSON), or null. */
    @JsonProperty("image")
    public String getImageBase64() {
        return image == null ? null : Base64.getEncoder().encodeToString(image);
    }

    @JsonIgnore
    public boolean hasImage() {
        return image != null;
    }

    /** {@code image/png} or {@code image/svg+xml}; null for a link. */
    public String getMediaType() {
        return mediaType;
    }

    /** A page or image URL where the gateway gives one (whatspie, whatsgate-org). */
    public String getLink() {
        return link;
    }

    /** When the QR code expires, where the gateway tells (witime {@code ttl}). */
    @JsonSerialize(using = ToStringSerializer.class)
    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Integer getTtlSeconds() {
        return ttlSeconds;
    }

    /** A {@code data:} URI of the image, handy for HTML mails; null for a link. */
    @JsonIgnore
    public String toDataUri() {
        return image == null ? null : "data:" + mediaType + ";base64," + getImageBase64();
    }

    @Override
    public String toString() {
        return "QrCode[" + provider + "/" + deviceId + " "
               + (image != null ? mediaType + ", " + image.length + " bytes" : "link " + link)
               + (expiresAt != null ? ", expires " + expiresAt : "") + "]";
    }
}
