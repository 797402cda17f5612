package io.whatsdev.camel.osgi;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The component bundle's activator (its {@code Bundle-Activator} header): while the bundle is active, every
 * {@link io.whatsdev.camel.provider.GatewayProvider} service in the OSGi service registry is a gateway of the component.
 * Outside OSGi nothing loads this package.
 */
public final class GatewayServiceActivator implements BundleActivator {

    private GatewayServiceTracker tracker;

    @Override
    public void start(BundleContext context) {
        tracker = new GatewayServiceTracker(context);
        tracker.open();
    }

    @Override
    public void stop(BundleContext context) {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }
}
