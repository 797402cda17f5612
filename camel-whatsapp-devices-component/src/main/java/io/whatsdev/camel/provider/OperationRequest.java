package io.whatsdev.camel.provider;

import io.whatsdev.camel.WhatsDevOperation;

/**
 * The resolved inputs of one operation (URI options overridden by headers, already validated).
 */
public record OperationRequest(WhatsDevOperation operation, String deviceId, String deviceName, String packageCode,
                               String webhookUrl, String phoneNumber, String userAgent) {

    public static OperationRequest of(WhatsDevOperation operation, String deviceId) {
        return new OperationRequest(operation, deviceId, null, null, null, null, null);
    }

    public String requireDeviceName() {
        return Inputs.required(deviceName, "deviceName", "for operation " + operation
                                                         + " (URI option deviceName or header CamelWhatsDevDeviceName)");
    }

    public String requirePhoneNumber() {
        return Inputs.required(phoneNumber, "phoneNumber", "for operation " + operation
                                                           + " (URI option phoneNumber or header CamelWhatsDevPhoneNumber)");
    }

    public String requireWebhookUrl() {
        return Inputs.required(webhookUrl, "webhookUrl", "for operation " + operation
                                                         + " (URI option webhookUrl or header CamelWhatsDevWebhookUrl)");
    }
}
