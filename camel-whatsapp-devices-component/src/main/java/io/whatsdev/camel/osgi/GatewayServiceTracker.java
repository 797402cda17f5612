package io.whatsdev.camel.osgi;

import java.util.Map;
import java.util.Objects;

import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers each {@link GatewayProvider} service with {@link GatewayProviders} while the service is there. A service
 * whose gateway name is taken (by a built-in gateway or an earlier service) waits, and takes the name over when the
 * holder goes, highest service ranking first.
 */
final class GatewayServiceTracker extends ServiceTracker<GatewayProvider, GatewayProvider> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServiceTracker.class);

    GatewayServiceTracker(BundleContext context) {
        super(context, GatewayProvider.class, null);
    }

    @Override
    public GatewayProvider addingService(ServiceReference<GatewayProvider> reference) {
        GatewayProvider provider = context.getService(reference);
        if (provider != null) {
            add(provider, reference);
        }
        return provider;
    }

    @Override
    public void removedService(ServiceReference<GatewayProvider> reference, GatewayProvider provider) {
        if (GatewayProviders.unregister(provider)) {
            LOG.info("Gateway {} removed (service {} of bundle {})", provider.name(), id(reference), bundle(reference));
            promoteWaiting(provider.name());
        }
        context.ungetService(reference);
    }

    /** Gives the freed name to a waiting service; the service being removed is no longer among the tracked. */
    private void promoteWaiting(String name) {
        // getTracked() lists the highest ranking first, then the oldest
        for (Map.Entry<ServiceReference<GatewayProvider>, GatewayProvider> e : getTracked().entrySet()) {
            if (Objects.equals(name, e.getValue().name()) && add(e.getValue(), e.getKey())) {
                return;
            }
        }
    }

    private static boolean add(GatewayProvider provider, ServiceReference<GatewayProvider> reference) {
        try {
            GatewayProviders.register(provider);
            LOG.info("Gateway {} added (service {} of bundle {})", provider.name(), id(reference), bundle(reference));
            return true;
        } catch (IllegalStateException e) {
            LOG.warn("Gateway service {} of bundle {} waits for its name: {}", id(reference), bundle(reference), e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("Gateway service {} of bundle {} refused: {}", id(reference), bundle(reference), e.getMessage());
        }
        return false;
    }

    private static Object id(ServiceReference<?> reference) {
        return reference.getProperty("service.id");
    }

    private static String bundle(ServiceReference<?> reference) {
        return reference.getBundle() == null ? "(gone)" : reference.getBundle().getSymbolicName();
    }
}
