package io.whatsdev.camel;

import java.util.Map;

import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.HttpTransport;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.WhatspieProvider;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Manage WhatsApp devices (sessions, instances) on WhatsApp gateways: pair by QR or pairing code, check status, tear
 * down; and learn of each status change.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "whatsdev", title = "WhatsApp Devices", syntax = "whatsdev:provider/resource",
             category = { Category.SOCIAL, Category.CLOUD, Category.API }, headersClass = WhatsDevConstants.class)
public class WhatsDevEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    public static final String RESOURCE_DEVICES = "devices";

    private final GatewayProvider gateway;

    @UriPath(enums = "whatsgate-net,whatspie,wassly,whatsgate-org,witime",
             description = "The gateway: whatsgate-net, whatspie, wassly, whatsgate-org or witime.")
    @Metadata(required = true)
    private String provider;

    @UriPath(enums = "devices", defaultValue = "devices", description = "The resource; `devices` is the only one so far.")
    @Metadata(required = true)
    private String resource;

    @UriParam
    private final WhatsDevConfiguration configuration;

    private volatile GatewayClient client;
    private WhatsDevOperation defaultOperation;

    public WhatsDevEndpoint(String uri, WhatsDevComponent component, GatewayProvider gateway,
                            WhatsDevConfiguration configuration) {
        super(uri, component);
        this.gateway = gateway;
        this.configuration = configuration;
    }

    @Override
    public WhatsDevComponent getComponent() {
        return (WhatsDevComponent) super.getComponent();
    }

    /**
     * Checks every option that is known when the endpoint is created, so that a bad URI fails at once.
     *
     * @throws IllegalArgumentException naming the option and what is allowed
     */
    void validate() {
        WhatsDevConfiguration c = configuration;
        if (c.getBaseUrl() != null) {
            c.setBaseUrl(Inputs.baseUrl(c.getBaseUrl(), "baseUrl"));
        }
        gateway.validate(c);
        if (c.getDeviceId() != null) {
            c.setDeviceId(gateway.checkDeviceId(c.getDeviceId(), "deviceId"));
        }
        if (c.getWebhookUrl() != null) {
            Inputs.webhookUrl(c.getWebhookUrl(), "webhookUrl");
        }
        if (c.getPhoneNumber() != null) {
            c.setPhoneNumber(Inputs.phoneNumber(c.getPhoneNumber(), "phoneNumber"));
        }
        if (c.getConnectTimeout() <= 0 || c.getResponseTimeout() <= 0) {
            throw new IllegalArgumentException("connectTimeout and responseTimeout must be positive (milliseconds), were "
                                               + c.getConnectTimeout() + " and " + c.getResponseTimeout());
        }
        if (c.getMaxConnectionsPerRoute() <= 0) {
            throw new IllegalArgumentException("maxConnectionsPerRoute must be positive, was " + c.getMaxConnectionsPerRoute());
        }
        if (c.getProxyPort() != null && (c.getProxyPort() < 1 || c.getProxyPort() > 65535)) {
            throw new IllegalArgumentException("proxyPort must be 1 to 65535, was " + c.getProxyPort());
        }
        if (c.getProxyPort() != null && c.getProxyHost() == null) {
            throw new IllegalArgumentException("proxyPort is set but proxyHost is not");
        }
        defaultOperation = c.operation();
        if (defaultOperation != null) {
            checkSupported(defaultOperation);
        }
    }

    /** Refuses an operation the gateway cannot do, naming the gateways that can. */
    void checkSupported(WhatsDevOperation operation) {
        if (!gateway.operations().containsKey(operation)) {
            throw new IllegalArgumentException(GatewayProviders.unsupportedMessage(gateway, operation));
        }
    }

    @Override
    public Producer createProducer() throws Exception {
        return new WhatsDevProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        throw new UnsupportedOperationException("The whatsdev consumer (status changes) is not available yet");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WhatsDevConfiguration c = configuration;
        HttpTransport transport = getComponent().transport(new HttpTransport.Settings(c.getConnectTimeout(),
                c.getMaxConnectionsPerRoute(), c.getSslContextParameters(), c.getProxyHost(), c.getProxyPort()));
        client = gateway.newClient(c, transport);
    }

    @Override
    protected void doStop() throws Exception {
        client = null;
        super.doStop();
    }

    /** The gateway client; available while the endpoint is started. */
    public GatewayClient getClient() {
        GatewayClient c = client;
        if (c == null) {
            throw new IllegalStateException("Endpoint " + getEndpointUri() + " is not started");
        }
        return c;
    }

    /** Resolves an operation's inputs: headers override URI options; every value is checked. */
    OperationRequest resolveRequest(Message in) {
        WhatsDevConfiguration c = configuration;
        String opName = in.getHeader(WhatsDevConstants.OPERATION, String.class);
        WhatsDevOperation op = opName != null ? WhatsDevOperation.parse(opName, "header " + WhatsDevConstants.OPERATION)
                : defaultOperation;
        if (op == null) {
            throw new IllegalArgumentException("No operation: set the URI option operation or the header "
                                               + WhatsDevConstants.OPERATION + "; " + gateway.name() + " supports "
                                               + gateway.operations().keySet());
        }
        checkSupported(op);
        String deviceId = header(in, WhatsDevConstants.DEVICE_ID);
        if (deviceId != null) {
            deviceId = gateway.checkDeviceId(deviceId, "header " + WhatsDevConstants.DEVICE_ID);
        } else {
            deviceId = c.getDeviceId();
        }
        if (deviceId == null && gateway.requiresDeviceId(op)) {
            throw new IllegalArgumentException("Operation " + op + " on " + gateway.name() + " needs a device: set the URI option "
                                               + "deviceId or the header " + WhatsDevConstants.DEVICE_ID);
        }
        String webhook = header(in, WhatsDevConstants.WEBHOOK_URL);
        if (webhook != null) {
            Inputs.webhookUrl(webhook, "header " + WhatsDevConstants.WEBHOOK_URL);
        } else {
            webhook = c.getWebhookUrl();
        }
        String phone = header(in, WhatsDevConstants.PHONE_NUMBER);
        phone = phone != null ? Inputs.phoneNumber(phone, "header " + WhatsDevConstants.PHONE_NUMBER) : c.getPhoneNumber();
        String pkg = header(in, WhatsDevConstants.PACKAGE_CODE);
        if (pkg != null && WhatspieProvider.NAME.equals(gateway.name())) {
            pkg = WhatspieProvider.checkPackageCode(pkg, "header " + WhatsDevConstants.PACKAGE_CODE);
        }
        return new OperationRequest(op, deviceId, firstNonNull(header(in, WhatsDevConstants.DEVICE_NAME), c.getDeviceName()),
                firstNonNull(pkg, c.getPackageCode()), webhook, phone,
                firstNonNull(header(in, WhatsDevConstants.USER_AGENT), c.getUserAgent()));
    }

    private static String header(Message in, String name) {
        String v = in.getHeader(name, String.class);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    public GatewayProvider getGateway() {
        return gateway;
    }

    public WhatsDevConfiguration getConfiguration() {
        return configuration;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    @Override
    public String getServiceUrl() {
        return gateway.resolveBaseUrl(configuration);
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("provider", gateway.name());
    }
}
