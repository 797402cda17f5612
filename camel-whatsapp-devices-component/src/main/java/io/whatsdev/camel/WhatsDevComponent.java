package io.whatsdev.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.HttpTransport;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.IOHelper;

/**
 * The whatsdev component: WhatsApp gateway device management ({@code whatsdev:provider/devices}). Options set here
 * apply to every endpoint unless the endpoint's URI sets them. Owns the pooled HTTP clients shared by its endpoints.
 */
@Component("whatsdev")
public class WhatsDevComponent extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(description = "Default configuration shared by all endpoints; an endpoint's URI options override it.")
    private WhatsDevConfiguration configuration = new WhatsDevConfiguration();

    @Metadata(label = "security", defaultValue = "false", description = "Use the global SSL context parameters of the Camel context.")
    private boolean useGlobalSslContextParameters;

    private final Map<HttpTransport.Settings, HttpTransport> transports = new ConcurrentHashMap<>();

    public WhatsDevComponent() {
    }

    public WhatsDevComponent(CamelContext context) {
        super(context);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int slash = remaining.indexOf('/');
        String providerName = slash < 0 ? remaining : remaining.substring(0, slash);
        String resource = slash < 0 ? null : remaining.substring(slash + 1);
        GatewayProvider provider = GatewayProviders.lookup(providerName);
        if (!WhatsDevEndpoint.RESOURCE_DEVICES.equals(resource) && !WhatsDevEndpoint.RESOURCE_EVENTS.equals(resource)) {
            throw new IllegalArgumentException("Unknown resource '" + resource + "' in " + "whatsdev:" + providerName + "/"
                                               + resource + "; allowed: " + WhatsDevEndpoint.RESOURCE_DEVICES + ", "
                                               + WhatsDevEndpoint.RESOURCE_EVENTS + " (the URI is whatsdev:provider/devices)");
        }
        refuseNegativeDurations(parameters);
        if (parameters.containsKey("instances")) {
            // Camel's unknown-option error would print the value, which can hold credentials
            throw new IllegalArgumentException("instances was renamed instanceTokens (same id=key format), so that Camel masks "
                                               + "the keys wherever it prints a URI");
        }
        WhatsDevConfiguration conf = configuration != null ? configuration.copy() : new WhatsDevConfiguration();
        WhatsDevEndpoint endpoint = new WhatsDevEndpoint(uri, this, provider, conf);
        endpoint.setProvider(provider.name());
        endpoint.setResource(resource);
        setProperties(endpoint, parameters);
        if (conf.getSslContextParameters() == null && useGlobalSslContextParameters) {
            conf.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        endpoint.validate();
        return endpoint;
    }

    /** Duration options: Camel reads "-1s" as 0, so a negative one is refused here, while its text is still at hand. */
    private static final java.util.Set<String> DURATIONS = java.util.Set.of("connecttimeout", "responsetimeout",
            "calltimeout", "minstabletime", "delay", "initialdelay");

    private static void refuseNegativeDurations(Map<String, Object> parameters) {
        parameters.forEach((name, value) -> {
            if (value instanceof String s && s.strip().startsWith("-")
                    && DURATIONS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is " + io.whatsdev.camel.provider.Inputs.printable(s)
                                                   + "; a duration must not be negative (milliseconds, or a duration such "
                                                   + "as 30s)");
            }
        });
    }

    /** The shared transport for these settings, created on first use. */
    HttpTransport transport(HttpTransport.Settings settings) {
        return transports.computeIfAbsent(settings, s -> new HttpTransport(s, sslContext(s.sslContextParameters())));
    }

    private SSLContext sslContext(SSLContextParameters parameters) {
        if (parameters == null) {
            return null;
        }
        try {
            return parameters.createSSLContext(getCamelContext());
        } catch (Exception e) {
            throw new RuntimeCamelException("Cannot create the SSL context from sslContextParameters", e);
        }
    }

    /** How many connection pools the component holds (one per distinct transport settings). */
    public int transportCount() {
        return transports.size();
    }

    @Override
    protected void doStop() throws Exception {
        transports.values().forEach(IOHelper::close);
        transports.clear();
        super.doStop();
    }

    public WhatsDevConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(WhatsDevConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
