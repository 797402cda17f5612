package io.whatsdev.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.PollTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code registerWebhook=true}: tells the gateway, at the events consumer's start, to call back at
 * {@code webhookBaseUrl + webhookPath}, through its own {@code setWebhook} call. The gateway's client puts the
 * {@code webhookSecret} where its callback decoder looks for it, so registration and verification cannot disagree.
 * <p>
 * The devices: for a client that answers for one device (witime's instances), that device; otherwise the watched ones
 * ({@code deviceIds}, {@code deviceId}), or, when none is watched, every device the gateway lists at start.
 */
final class WebhookRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistration.class);

    private WebhookRegistration() {
    }

    /**
     * Registers the callback URL for every device this endpoint receives callbacks of; returns the device ids.
     *
     * @throws WhatsDevException the gateway's error for the first device that could not be registered
     */
    static List<String> register(WhatsDevEndpoint endpoint) throws WhatsDevException {
        String url = endpoint.callbackUrl();
        Set<String> watched = endpoint.watchedDeviceIds();
        String userAgent = endpoint.getConfiguration().getUserAgent();
        List<String> registered = new ArrayList<>();
        for (PollTarget target : endpoint.pollTargets()) {
            for (String id : devices(target, watched)) {
                try {
                    target.client().execute(new OperationRequest(WhatsDevOperation.setWebhook, id, null, null, url, null,
                            userAgent));
                } catch (WhatsDevException e) {
                    LOG.error("Could not register the {} callback URL {} for device {}: {}", endpoint.getGateway().name(), url,
                            id, e.getMessage());
                    throw e;
                }
                registered.add(id);
            }
        }
        LOG.info("Registered the {} callback URL {} for {} device(s): {}", endpoint.getGateway().name(), url,
                registered.size(), registered);
        return registered;
    }

    /** The devices of one target: the one it answers for, else the watched ones, else all it lists. */
    private static Collection<String> devices(PollTarget target, Set<String> watched) throws WhatsDevException {
        if (target.deviceId() != null) {
            return List.of(target.deviceId());
        }
        if (!watched.isEmpty()) {
            return watched;
        }
        GatewayClient client = target.client();
        return client.list().stream().map(Device::getId).toList();
    }
}
