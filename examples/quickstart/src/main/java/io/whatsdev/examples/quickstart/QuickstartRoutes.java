package io.whatsdev.examples.quickstart;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.whatsdev.camel.WhatsDevConstants;
import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.model.StatusChange;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quickstart's routes: list the devices, create one, show its QR code, and watch its status changes.
 */
final class QuickstartRoutes extends RouteBuilder {

    private static final Logger OUT = LoggerFactory.getLogger("quickstart");

    private final QuickstartSettings settings;
    private final Path qrDir;
    private final Consumer<String> onConnected;
    final AtomicReference<String> deviceId = new AtomicReference<>();
    final AtomicReference<Path> qrFile = new AtomicReference<>();
    final List<String> transitions = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> done = new CompletableFuture<>();

    /**
     * @param onConnected what to do once the device connected: on the simulator the demo unlinks the phone and the
     *                    story ends at DISCONNECTED; null (a real gateway) ends the story at CONNECTED
     */
    QuickstartRoutes(QuickstartSettings settings, Path qrDir, Consumer<String> onConnected) {
        this.settings = settings;
        this.qrDir = qrDir;
        this.onConnected = onConnected;
    }

    @Override
    public void configure() {
        String devices = "whatsdev:" + settings.gateway() + "/devices";

        onException(DeviceAlreadyConnectedException.class).handled(true).process(e -> {
            OUT.info("   device {} is already connected: there is nothing to scan", deviceId.get());
            done.complete(deviceId.get());
        });
        onException(Exception.class).handled(true).process(e -> {
            Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            OUT.error("failed: {}", cause.getMessage());
            done.completeExceptionally(cause);
        });

        // 1. list, create, QR: once, after the watcher has taken its first look
        from("timer:quickstart?repeatCount=1&delay=1500").routeId("pair-a-device")
                .to(devices + "?operation=list")
                .process(e -> OUT.info("1. {} has {} device(s)", settings.gateway(), e.getMessage().getBody(List.class).size()))
                .process(this::createOrPick)
                .to(devices + "?operation=qr")
                .process(this::showQr);

        // 2. the status-change consumer: one exchange per change
        from(devices + "?delay=1000&initialDelay=0").routeId("watch-status")
                .process(this::onChange);
    }

    private void createOrPick(Exchange e) throws Exception {
        if (settings.deviceId() != null) {
            deviceId.set(settings.deviceId());
            OUT.info("2. using device {}", settings.deviceId());
        } else {
            e.getMessage().setHeader(WhatsDevConstants.DEVICE_NAME, "whatsdev quickstart");
            e.getMessage().setHeader(WhatsDevConstants.PACKAGE_CODE, settings.packageCode());
            e.getMessage().setHeader(WhatsDevConstants.OPERATION, "create");
            e.getContext().createProducerTemplate().send("whatsdev:" + settings.gateway() + "/devices", e);
            if (e.getException() != null) {
                throw e.getException();
            }
            Device d = e.getMessage().getBody(Device.class);
            deviceId.set(d.getId());
            OUT.info("2. created device {} '{}': {}", d.getId(), d.getName(), d.getStatus());
        }
        e.getMessage().setHeader(WhatsDevConstants.DEVICE_ID, deviceId.get());
    }

    private void showQr(Exchange e) throws Exception {
        QrCode qr = e.getMessage().getBody(QrCode.class);
        byte[] image = TerminalQr.imageOf(qr);
        String mediaType = qr.hasImage() ? qr.getMediaType() : QrCode.MEDIA_TYPE_PNG;
        Path file = TerminalQr.save(image, mediaType, qrDir, deviceId.get());
        qrFile.set(file);
        OUT.info("3. QR code for device {} (saved as {}){}", deviceId.get(), file.toAbsolutePath(),
                qr.getExpiresAt() != null ? ", expires " + qr.getExpiresAt() : "");
        if (!mediaType.contains("svg")) {
            System.out.println();
            System.out.print(TerminalQr.render(TerminalQr.decode(image)));
            System.out.println();
        }
        OUT.info("   scan it with WhatsApp > Linked devices{}", settings.simulated() ? " (the simulator's phone scans it in a few seconds)" : "");
    }

    private void onChange(Exchange e) {
        StatusChange c = e.getMessage().getBody(StatusChange.class);
        String id = c.getDevice().getId();
        if (!id.equals(deviceId.get())) {
            return; // other devices of the account
        }
        String line = c.getPrevious() + " -> " + c.getCurrent();
        transitions.add(line);
        OUT.info("4. device {}: {}", id, c.getPrevious() == DeviceStatus.UNKNOWN ? "appeared, " + c.getCurrent() : line);
        if (c.getCurrent() == DeviceStatus.CONNECTED) {
            if (onConnected == null) {
                done.complete(id);
            } else {
                onConnected.accept(id);
            }
        } else if (c.getCurrent() == DeviceStatus.DISCONNECTED && transitions.contains("AWAITING_SCAN -> CONNECTED")) {
            done.complete(id);
        }
    }
}
