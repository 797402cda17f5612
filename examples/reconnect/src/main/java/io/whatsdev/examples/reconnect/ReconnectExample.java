package io.whatsdev.examples.reconnect;

import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.examples.support.ExampleGateway;
import io.whatsdev.examples.support.ExampleRunner;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * The route whatsdev exists for: when a device's phone is unlinked, fetch a fresh QR code and hand it on, here as an
 * HTML page in {@code target/notifications} (swap the file endpoint for smtp:, slack:, telegram:...).
 */
public final class ReconnectExample {

    private ReconnectExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner.run("whatsdev reconnect example", "whatspie", "5", ReconnectExample::create, args);
    }

    public static Main create(ExampleGateway gateway) {
        Main main = gateway.configure(new Main());
        main.configure().addRoutesBuilder(new ReconnectRoutes());
        return main;
    }

    static final class ReconnectRoutes extends RouteBuilder {
        @Override
        public void configure() {
            from("whatsdev:{{whatsdev.gateway}}/devices?delay=1000").routeId("reconnect")
                    .filter(header(WhatsDevConstants.STATUS).isEqualTo("DISCONNECTED"))
                    .log("${header.CamelWhatsDevDeviceId} was unlinked (${header.CamelWhatsDevPreviousStatus} -> DISCONNECTED): "
                         + "fetching a fresh QR code")
                    // the consumer set CamelWhatsDevDeviceId: the qr call is for that device
                    .to("whatsdev:{{whatsdev.gateway}}/devices?operation=qr")
                    .process(ReconnectRoutes::toNotification)
                    .to("file:{{notifications.dir:target/notifications}}?fileName=${header.CamelWhatsDevDeviceId}.html")
                    .log("QR code handed on: ${header.CamelFileNameProduced}");
        }

        /** A small HTML page with the QR code: the image inline, or the gateway's link. */
        static void toNotification(Exchange e) {
            QrCode qr = e.getMessage().getBody(QrCode.class);
            String src = qr.hasImage() ? qr.toDataUri() : qr.getLink();
            e.getMessage().setBody("<html><body><p>WhatsApp device " + qr.getDeviceId() + " (" + qr.getProvider()
                                   + ") was disconnected. Scan this code with WhatsApp &gt; Linked devices:</p>"
                                   + "<p><img src=\"" + src + "\" alt=\"QR code\" width=\"256\"></p>"
                                   + (qr.getExpiresAt() != null ? "<p>It expires at " + qr.getExpiresAt() + ".</p>" : "")
                                   + "</body></html>");
        }
    }
}
