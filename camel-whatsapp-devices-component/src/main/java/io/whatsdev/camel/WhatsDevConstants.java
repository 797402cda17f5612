package io.whatsdev.camel;

import org.apache.camel.spi.Metadata;

/**
 * Header names of the whatsdev component.
 */
public final class WhatsDevConstants {

    @Metadata(label = "producer", description = "The operation to perform; overrides the `operation` URI option.",
              javaType = "String", enums = "list,get,status,create,qr,pairingCode,logout,closeSession,restoreSession,saveSession,delete,clear,setWebhook")
    public static final String OPERATION = "CamelWhatsDevOperation";

    @Metadata(description = "The device the operation targets (in), or the device the result or status change is about (out); "
                            + "overrides the `deviceId` URI option.",
              javaType = "String")
    public static final String DEVICE_ID = "CamelWhatsDevDeviceId";

    @Metadata(description = "The gateway that answered, as named in the URI (`whatspie`, `witime`, ...).", javaType = "String")
    public static final String PROVIDER = "CamelWhatsDevProvider";

    @Metadata(description = "The device's normalized status after the operation, or the current status of a status change: "
                            + "CONNECTED, DISCONNECTED, AWAITING_SCAN, STARTING, NOT_INITIALIZED, EXPIRED, SUSPENDED, DELETED or UNKNOWN.",
              javaType = "String")
    public static final String STATUS = "CamelWhatsDevStatus";

    @Metadata(label = "consumer", description = "events: what the callback said: `STATUS` (the body is a StatusChange) or "
                                                + "`QR` (the body is the new QrCode).",
              javaType = "String", enums = "STATUS,QR")
    public static final String EVENT_TYPE = "CamelWhatsDevEventType";

    @Metadata(label = "consumer", description = "The status before the change (consumer only).", javaType = "String")
    public static final String PREVIOUS_STATUS = "CamelWhatsDevPreviousStatus";

    @Metadata(description = "The gateway's own status word or code, as it sent it.", javaType = "String")
    public static final String RAW_STATUS = "CamelWhatsDevRawStatus";

    @Metadata(label = "producer", description = "The number of devices a `list` returned.", javaType = "Integer")
    public static final String DEVICE_COUNT = "CamelWhatsDevDeviceCount";

    @Metadata(label = "producer", description = "`create`: the display name of the new device; overrides the `deviceName` URI option.",
              javaType = "String")
    public static final String DEVICE_NAME = "CamelWhatsDevDeviceName";

    @Metadata(label = "producer", description = "`create` on whatspie: the package code; overrides the `packageCode` URI option.",
              javaType = "String", enums = "BETA,STARTER60K,STARTUP240K,BUSINESS")
    public static final String PACKAGE_CODE = "CamelWhatsDevPackageCode";

    @Metadata(label = "producer", description = "`create`, `setWebhook`: the callback URL; overrides the `webhookUrl` URI option.",
              javaType = "String")
    public static final String WEBHOOK_URL = "CamelWhatsDevWebhookUrl";

    @Metadata(label = "producer", description = "`pairingCode` and code-mode `create`: the phone number to pair (digits); "
                                                + "overrides the `phoneNumber` URI option.",
              javaType = "String")
    public static final String PHONE_NUMBER = "CamelWhatsDevPhoneNumber";

    @Metadata(label = "producer", description = "`qr` and `setWebhook` on witime: the browser user agent the gateway presents; "
                                                + "overrides the `userAgent` URI option.",
              javaType = "String")
    public static final String USER_AGENT = "CamelWhatsDevUserAgent";

    @Metadata(label = "producer", description = "`qr`: the media type of the QR image, PNG or SVG (`QrCode.MEDIA_TYPE_PNG`, `QrCode.MEDIA_TYPE_SVG`); "
                            + "absent for a link.",
              javaType = "String")
    public static final String QR_MEDIA_TYPE = "CamelWhatsDevQrMediaType";

    @Metadata(label = "producer", description = "`qr`: when the QR code expires, where the gateway tells.", javaType = "java.time.Instant")
    public static final String QR_EXPIRES_AT = "CamelWhatsDevQrExpiresAt";

    @Metadata(label = "producer", description = "`pairingCode` and code-mode `create`: the code the phone must enter.", javaType = "String")
    public static final String PAIRING_CODE = "CamelWhatsDevPairingCode";

    private WhatsDevConstants() {
    }
}
