package io.whatsdev.camel;

import io.whatsdev.camel.model.StatusChange;
import org.apache.camel.Message;

/** The message of a status change, alike from the polling and the events consumer: body and {@code CamelWhatsDev*} headers. */
final class StatusExchanges {

    private StatusExchanges() {
    }

    static void fill(Message m, String gateway, StatusChange change) {
        m.setBody(change);
        m.setHeader(WhatsDevConstants.PROVIDER, gateway);
        m.setHeader(WhatsDevConstants.DEVICE_ID, change.getDevice().getId());
        m.setHeader(WhatsDevConstants.STATUS, change.getCurrent().name());
        m.setHeader(WhatsDevConstants.PREVIOUS_STATUS, change.getPrevious().name());
        if (change.getDevice().getRawStatus() != null) {
            m.setHeader(WhatsDevConstants.RAW_STATUS, change.getDevice().getRawStatus());
        }
    }
}
