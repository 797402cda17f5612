package io.whatsdev.camel;

import java.util.List;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.OperationRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Performs one operation per exchange; the body becomes the operation's result and headers say what it was about.
 */
public class WhatsDevProducer extends DefaultProducer {

    public WhatsDevProducer(WhatsDevEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public WhatsDevEndpoint getEndpoint() {
        return (WhatsDevEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WhatsDevEndpoint endpoint = getEndpoint();
        Message message = exchange.getMessage();
        OperationRequest request = endpoint.resolveRequest(message);
        Object result = endpoint.getClient().execute(request);
        message.setBody(result);
        message.setHeader(WhatsDevConstants.PROVIDER, endpoint.getGateway().name());
        // the operation header is an input only: left on the message it would redirect the next whatsdev step
        message.removeHeader(WhatsDevConstants.OPERATION);
        if (result instanceof Device d) {
            describe(message, d);
        } else if (result instanceof QrCode qr) {
            setOrRemove(message, WhatsDevConstants.DEVICE_ID, qr.getDeviceId());
            setOrRemove(message, WhatsDevConstants.QR_MEDIA_TYPE, qr.getMediaType());
            setOrRemove(message, WhatsDevConstants.QR_EXPIRES_AT, qr.getExpiresAt());
        } else if (result instanceof PairingCode pc) {
            setOrRemove(message, WhatsDevConstants.DEVICE_ID, pc.getDeviceId());
            message.setHeader(WhatsDevConstants.PAIRING_CODE, pc.getCode());
        } else if (result instanceof List<?> list) {
            message.setHeader(WhatsDevConstants.DEVICE_COUNT, list.size());
        } else if (result instanceof io.whatsdev.camel.model.OperationResult r) {
            setOrRemove(message, WhatsDevConstants.DEVICE_ID, r.getDeviceId());
            if (r.getDevice() != null) {
                describe(message, r.getDevice());
            }
        }
        endpoint.getGateway().resultHeaders(result, message::setHeader);
    }

    private static void describe(Message message, Device d) {
        setOrRemove(message, WhatsDevConstants.DEVICE_ID, d.getId());
        message.setHeader(WhatsDevConstants.STATUS, d.getStatus().name());
        setOrRemove(message, WhatsDevConstants.RAW_STATUS, d.getRawStatus());
    }

    private static void setOrRemove(Message message, String name, Object value) {
        if (value == null) {
            message.removeHeader(name);
        } else {
            message.setHeader(name, value);
        }
    }
}
