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
        main.addInitialProperty("notifications.dir", ExampleRunner.outputDir().resolve("notifications").toString());
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

        /**
         * A small HTML page with the QR code inline, so that it still shows when the gateway's QR page is gone (as the
         * embedded simulator's is after the run): a linked image is fetched and inlined; the link stays where it cannot
         * be fetched.
         */
        static void toNotification(Exchange e) {
            QrCode qr = e.getMessage().getBody(QrCode.class);
            String src = qr.hasImage() ? qr.toDataUri() : inline(qr.getLink());
            e.getMessage().setBody("<html><body><p>WhatsApp device " + qr.getDeviceId() + " (" + qr.getProvider()
                                   + ") was disconnected. Scan this code with WhatsApp &gt; Linked devices:</p>"
                                   + "<p><img src=\"" + src + "\" alt=\"QR code\" width=\"256\"></p>"
                                   + (qr.getExpiresAt() != null ? "<p>It expires at " + qr.getExpiresAt() + ".</p>" : "")
                                   + "</body></html>");
        }

        private static String inline(String link) {
            try {
                java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(5)).build()
                        .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link))
                                .timeout(java.time.Duration.ofSeconds(10)).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (r.statusCode() == 200 && type.startsWith("image/") && r.body().length < 1_000_000) {
                    return "data:" + type.split(";")[0] + ";base64," + java.util.Base64.getEncoder().encodeToString(r.body());
                }
            } catch (java.io.IOException e) {
                // the page keeps the link
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return link;
        }
    }
}
