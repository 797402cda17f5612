package io.whatsdev.karaf.example;

import io.whatsdev.camel.provider.GatewayProvider;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * How a gateway bundle joins whatsdev in OSGi: it registers its {@link GatewayProvider} as a service (here from an
 * activator; a Declarative Services component or a Blueprint {@code <service>} does the same). The gateway's name comes
 * from the bundle's {@code Example-Gateway} header. The framework unregisters the service when the bundle stops.
 */
public final class ExampleGatewayActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        String name = context.getBundle().getHeaders().get("Example-Gateway");
        context.registerService(GatewayProvider.class, new ExampleGateway(name, context.getBundle().getSymbolicName()), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the bundle's services
    }
}
