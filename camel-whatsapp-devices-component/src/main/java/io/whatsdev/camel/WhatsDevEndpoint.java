package io.whatsdev.camel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.whatsdev.camel.provider.GatewayClient;
import io.whatsdev.camel.provider.GatewayProvider;
import io.whatsdev.camel.provider.GatewayProviders;
import io.whatsdev.camel.provider.HttpTransport;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.OperationRequest;
import io.whatsdev.camel.provider.PollSetup;
import io.whatsdev.camel.provider.PollTarget;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;
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
    public static final String RESOURCE_EVENTS = "events";

    /** eventSource: the gateway's callbacks (the default). */
    public static final String EVENT_SOURCE_CALLBACK = "callback";
    /** eventSource: the gateway's feed of past events, polled. */
    public static final String EVENT_SOURCE_FEED = "feed";
    private static final List<String> EVENT_SOURCES = List.of(EVENT_SOURCE_CALLBACK, EVENT_SOURCE_FEED);

    /** The key of the feed's cursor in the state repository, after the stateKey (see {@link StatusTracker}'s keys). */
    static final String FEED_CURSOR_SUFFIX = "#feed";

    /**
     * The consumer's default poll delay: 30 s. Camel's generic 500 ms would be 172,800 list calls a day per endpoint,
     * which is how a gateway account gets rate-limited; a status change still arrives within half a minute.
     */
    public static final long DEFAULT_DELAY = 30_000;

    /** Most poll targets (instances with a key each) polled at once. */
    public static final int MAX_POLL_CONCURRENCY = 1000;

    /** The connections per gateway host where maxConnectionsPerRoute is left out and pollConcurrency is no larger. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ROUTE = 20;

    private final GatewayProvider gateway;

    @UriPath(enums = "whatsgate-net,whatspie,wassly,whatsgate-org,witime,waha,evolution",
             description = "The gateway, by its registered name (a jar on the class path can register more).")
    @Metadata(required = true)
    private String provider;

    @UriPath(enums = "devices,events", defaultValue = "devices",
             description = "`devices`: the producer's operations and the polling consumer. `events`: a consumer of the "
                           + "gateway's lifecycle events: its callbacks (webhooks), served by the runtime's platform-http "
                           + "server, for a gateway that pushes them, or, with eventSource=feed, its feed of past events, "
                           + "polled.")
    @Metadata(required = true)
    private String resource;

    @UriParam
    private final WhatsDevConfiguration configuration;

    @UriParam(label = "consumer", defaultValue = "false",
              description = "Emit the statuses found at the first poll, as changes from UNKNOWN. Without it, the first poll only "
                            + "records them. (A persistent stateRepository remembers them across restarts, so this applies only "
                            + "to the very first poll.)")
    private boolean emitInitialState;

    @UriParam(label = "consumer",
              description = "The devices to watch, comma separated; empty for all (the deviceId option adds one). A watched "
                            + "device missing from the gateway's list is reported DELETED.")
    private String deviceIds;

    @UriParam(label = "consumer",
              description = "Where the last-known statuses are kept: a StateRepository of String keys and values, such as Camel's "
                            + "FileStateRepository (restarts repeat and lose no transition) or a shared one for several nodes. "
                            + "In memory by default.")
    private org.apache.camel.spi.StateRepository<String, String> stateRepository;

    @UriParam(label = "consumer",
              description = "The prefix of this consumer's keys in the state repository; defaults to the provider name. Set "
                            + "it when several consumers of the same provider share one repository.")
    private String stateKey;

    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration",
              description = "Debounce: a new status is emitted only once it has been seen for this long (milliseconds, or a "
                            + "duration such as 30s); a change that reverts within the window is never emitted. 0 emits each "
                            + "change at the first poll that sees it.")
    private long minStableTime;

    @UriParam(label = "consumer,security", secret = true,
              description = "witime only: the instances to poll, as id=key pairs separated by commas (the key is each "
                            + "instance's wid, a secret: the name ends in Tokens so that Camel masks it wherever it prints a "
                            + "URI). Each poll calls every instance's status, pollConcurrency at a time; an instance that "
                            + "fails keeps its last status while the others' changes are emitted. Without it the endpoint's "
                            + "own token is the one instance.")
    private String instanceTokens;

    @UriParam(label = "consumer", defaultValue = "false",
              description = "While a watched device waits for its scan (AWAITING_SCAN), fetch its QR code with the `qr` "
                            + "operation and emit it (body QrCode, header CamelWhatsDevEventType=QR): when it starts waiting, "
                            + "and again once the previous code's lifetime is over (its expiry where the gateway tells, such "
                            + "as witime's ttl, else qrLifetime). Needs a gateway that can do `qr`.")
    private boolean qrRefresh;

    @UriParam(label = "consumer", defaultValue = "20000", javaType = "java.time.Duration",
              description = "qrRefresh: how long a QR code is taken to live where the gateway does not say (WAHA documents "
                            + "60 s for the first code and 20 s for the next ones); milliseconds or a duration such as 20s.")
    private long qrLifetime = 20000;

    @UriParam(label = "consumer", enums = "callback,feed", defaultValue = "callback",
              description = "events: where the events come from. `callback`: the gateway calls back, and the consumer "
                            + "receives its callbacks on the runtime's platform-http server (webhookSecret, webhookPath). "
                            + "`feed`: the consumer polls the gateway's feed of past events (whatsgate-org's events-get) "
                            + "on the scheduled-poll options (delay, default 30 s) with the gateway's credentials, and "
                            + "keeps its place in stateRepository under the key stateKey#feed; nothing has to reach "
                            + "this runtime from outside. Either way each event is routed alike: the same status changes, "
                            + "each once, and idempotentRepository keeps an event from being routed twice. With feed the "
                            + "first poll only records where the feed stands: events from before the consumer's first "
                            + "start are not replayed. Only for gateways that have a feed; not for devices.")
    private String eventSource;

    @UriParam(label = "consumer",
              description = "events: the path the callbacks are received on, on the runtime's platform-http server. "
                            + "Default `/whatsdev/` followed by the gateway's name. Not used with eventSource=feed.")
    private String webhookPath;

    @UriParam(label = "consumer", defaultValue = "false",
              description = "events: at start, tell the gateway where to call back: its setWebhook call, for each watched "
                            + "device (deviceIds and deviceId; every device the gateway lists when none is given), with the "
                            + "callback URL (`webhookBaseUrl` followed by `webhookPath`) and the webhookSecret, which each gateway is "
                            + "given its own way (WAHA's hmac.key, Evolution's jwt_key, the `secret` query parameter of the "
                            + "URL). Needs `webhookBaseUrl` and the gateway's credentials. A registration that fails stops "
                            + "the consumer's start with the gateway's error. Devices created later are registered by "
                            + "`create` with a `webhookUrl`, or `setWebhook`.")
    private boolean registerWebhook;

    @UriParam(label = "consumer",
              description = "events with registerWebhook: the public root URL at which the gateway reaches this runtime's "
                            + "platform-http server, such as `https://hooks.example.com` (http or https, no query); the "
                            + "callback URL is this followed by `webhookPath`.")
    private String webhookBaseUrl;

    @UriParam(label = "consumer",
              description = "events: where the ids of processed events are kept, so that a gateway's redelivery of an "
                            + "event (after a lost acknowledgement, or read again from the feed after a failed exchange) is "
                            + "emitted once. In memory by default; a shared one "
                            + "(JDBC, Infinispan, ...) for several nodes.")
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;

    // declared again only to document this consumer's own default; the value lives in ScheduledPollEndpoint
    @UriParam(label = "consumer,scheduler", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Milliseconds (or a duration such as `5s`) between the end of one poll and the start of the "
                            + "next; 1 ms to 7 days. The default, 30 s, is gateway-friendly: Camel's generic 500 ms would be "
                            + "172,800 list calls a day, which is how a gateway account gets rate-limited.")
    private long delay = DEFAULT_DELAY;

    @UriParam(label = "consumer", defaultValue = "4",
              description = "witime: how many instances (instanceTokens) are polled at once; 1 to 1000. The connection "
                            + "pool follows it: unless maxConnectionsPerRoute is set, it allows the larger of 20 and "
                            + "pollConcurrency connections to the gateway, so that a poll of many instances takes about "
                            + "the time of (instances / pollConcurrency) calls. With maxConnectionsPerRoute set lower "
                            + "than pollConcurrency the endpoint is refused when it is created.")
    private int pollConcurrency = 4;

    private volatile GatewayClient client;
    private HttpTransport transport;
    private WhatsDevOperation defaultOperation;

    public WhatsDevEndpoint(String uri, WhatsDevComponent component, GatewayProvider gateway,
                            WhatsDevConfiguration configuration) {
        super(uri, component);
        this.gateway = gateway;
        this.configuration = configuration;
        setDelay(DEFAULT_DELAY); // a gateway-friendly default; the URI's delay, set after this, wins
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
        checkHeaderValues(c);
        if (c.getBaseUrl() != null) {
            c.setBaseUrl(Inputs.baseUrl(c.getBaseUrl(), "baseUrl"));
        }
        Map<String, String> options = gatewayOptions();
        for (String option : options.keySet()) {
            if (!gateway.gatewayOptions().containsKey(option)) {
                throw new IllegalArgumentException(GatewayProviders.foreignOptionMessage(gateway, option));
            }
        }
        checkEventSource();
        if (callsGateway()) {
            // an events endpoint that only receives callbacks needs neither the gateway's credentials nor its address
            gateway.validate(c, options);
        }
        if (callsGateway() && gateway.resolveBaseUrl(c) == null) {
            throw new IllegalArgumentException("baseUrl is required for provider " + gateway.name()
                                               + ": it is self-hosted, so there is no documented address; give its server's root");
        }
        if (c.getDeviceId() != null) {
            c.setDeviceId(gateway.checkDeviceId(c.getDeviceId(), "deviceId"));
        }
        if (c.getWebhookUrl() != null) {
            Inputs.webhookUrl(c.getWebhookUrl(), "webhookUrl");
        }
        if (c.getPhoneNumber() != null) {
            c.setPhoneNumber(Inputs.phoneNumber(c.getPhoneNumber(), "phoneNumber"));
        }
        // then the gateway's own rules for the operation inputs (an instance name, a closed list of plans, ...)
        c.setDeviceName(gatewayInput("deviceName", c.getDeviceName(), "deviceName"));
        c.setPackageCode(gatewayInput("packageCode", c.getPackageCode(), "packageCode"));
        c.setWebhookUrl(gatewayInput("webhookUrl", c.getWebhookUrl(), "webhookUrl"));
        c.setPhoneNumber(gatewayInput("phoneNumber", c.getPhoneNumber(), "phoneNumber"));
        c.setUserAgent(gatewayInput("userAgent", c.getUserAgent(), "userAgent"));
        checkNumbers(c);
        if (c.getProxyPort() != null && c.getProxyHost() == null) {
            throw new IllegalArgumentException("proxyPort is set but proxyHost is not");
        }
        if (isEvents() && !isFeed()) {
            validateCallbacks();
        }
        validateRegistration();
        if (qrRefresh) {
            if (!gateway.operations().containsKey(WhatsDevOperation.qr)) {
                throw new IllegalArgumentException("qrRefresh needs the qr operation: "
                                                   + GatewayProviders.unsupportedMessage(gateway, WhatsDevOperation.qr));
            }
            Inputs.range(qrLifetime, 1000, 3_600_000, "qrLifetime", "ms");
        }
        defaultOperation = c.operation();
        if (defaultOperation != null) {
            checkSupported(defaultOperation);
        }
    }

    /**
     * eventSource: one of the allowed values; feed only on events, and only on a gateway that has a feed.
     *
     * @throws IllegalArgumentException naming the option and what is allowed
     */
    private void checkEventSource() {
        if (eventSource != null && !EVENT_SOURCES.contains(eventSource)) {
            throw new IllegalArgumentException("eventSource '" + Inputs.printable(eventSource) + "' is not allowed; allowed: "
                                               + String.join(", ", EVENT_SOURCES));
        }
        if (!isFeed()) {
            return;
        }
        if (!isEvents()) {
            throw new IllegalArgumentException("eventSource=feed is an option of whatsdev:" + gateway.name() + "/events; "
                                               + "whatsdev:" + gateway.name() + "/devices polls the device list");
        }
        if (gateway.eventFeed() == null) {
            List<String> feeds = GatewayProviders.all().values().stream().filter(p -> p.eventFeed() != null)
                    .map(GatewayProvider::name).toList();
            throw new IllegalArgumentException("eventSource=feed needs a gateway with an event feed; " + gateway.name()
                                               + " has none (gateways with one: "
                                               + (feeds.isEmpty() ? "none" : String.join(", ", feeds)) + ")");
        }
    }

    /** Whether this is an events endpoint that polls the gateway's feed (eventSource=feed). */
    boolean isFeed() {
        return EVENT_SOURCE_FEED.equals(eventSource);
    }

    /** What a callback receiver needs: a gateway that pushes, a secret, a path. */
    private void validateCallbacks() {
        if (gateway.callbacks() == null) {
            throw new IllegalArgumentException("provider " + gateway.name() + " pushes no lifecycle events; watch it with "
                                               + "whatsdev:" + gateway.name() + "/devices (polling)");
        }
        String webhookSecret = configuration.getWebhookSecret();
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("webhookSecret is required for whatsdev:" + gateway.name() + "/events: callbacks "
                                               + "that cannot prove they come from the gateway are refused");
        }
        String path = getWebhookPath();
        if (!path.matches("/[A-Za-z0-9._~/-]*")) {
            throw new IllegalArgumentException("webhookPath '" + Inputs.printable(path) + "' is not a path; allowed: a leading "
                                               + "slash, then letters, digits and . _ ~ / -");
        }
    }

    boolean isEvents() {
        return RESOURCE_EVENTS.equals(resource);
    }

    /** Whether this endpoint calls the gateway: everything but an events endpoint that only receives. */
    private boolean callsGateway() {
        return !isEvents() || isFeed() || registerWebhook;
    }

    /** registerWebhook and webhookBaseUrl: on events only, together, with a gateway that can set a webhook. */
    private void validateRegistration() {
        if (!isEvents() && (registerWebhook || webhookBaseUrl != null)) {
            throw new IllegalArgumentException((registerWebhook ? "registerWebhook" : "webhookBaseUrl") + " is an option of "
                                               + "whatsdev:" + gateway.name() + "/events; on /devices, register a webhook "
                                               + "with operation=setWebhook");
        }
        if (registerWebhook && isFeed()) {
            throw new IllegalArgumentException("registerWebhook is for eventSource=callback: with eventSource=feed the consumer "
                                               + "reads the gateway's feed, nothing calls back");
        }
        if (registerWebhook && webhookBaseUrl == null) {
            throw new IllegalArgumentException("registerWebhook needs webhookBaseUrl: the public root URL at which the gateway "
                                               + "reaches this runtime (the callback URL is it followed by webhookPath)");
        }
        if (!registerWebhook && webhookBaseUrl != null) {
            throw new IllegalArgumentException("webhookBaseUrl is only used with registerWebhook=true; without it, register "
                                               + "the callback URL with operation=setWebhook");
        }
        if (registerWebhook) {
            if (!gateway.operations().containsKey(WhatsDevOperation.setWebhook)) {
                throw new IllegalArgumentException("registerWebhook needs the setWebhook operation: "
                                                   + GatewayProviders.unsupportedMessage(gateway, WhatsDevOperation.setWebhook));
            }
            Inputs.webhookUrl(webhookBaseUrl, "webhookBaseUrl");
            if (webhookBaseUrl.contains("?") || webhookBaseUrl.contains("#")) {
                throw new IllegalArgumentException("webhookBaseUrl must have no query or fragment: webhookPath is appended to it");
            }
            gatewayInput("webhookUrl", callbackUrl(), "webhookBaseUrl"); // the gateway's own rule for a callback URL
        }
    }

    /** The URL the gateway is told to call back: webhookBaseUrl (without a trailing slash) and webhookPath. */
    String callbackUrl() {
        String base = webhookBaseUrl.endsWith("/") ? webhookBaseUrl.substring(0, webhookBaseUrl.length() - 1) : webhookBaseUrl;
        return base + getWebhookPath();
    }

    /** Credentials and values sent in headers or the query: no CR, LF or other control character. */
    private void checkHeaderValues(WhatsDevConfiguration c) {
        Inputs.noControlCharacters(c.getToken(), "token");
        Inputs.noControlCharacters(c.getApiKey(), "apiKey");
        Inputs.noControlCharacters(c.getUsername(), "username");
        Inputs.noControlCharacters(c.getPassword(), "password");
        Inputs.noControlCharacters(c.getUserAgent(), "userAgent");
        Inputs.noControlCharacters(c.getDeviceName(), "deviceName");
        Inputs.noControlCharacters(c.getProxyHost(), "proxyHost");
        Inputs.noControlCharacters(instanceTokens, "instanceTokens");
        Inputs.noControlCharacters(c.getWebhookSecret(), "webhookSecret");
        if (c.getWebhookSecret() != null && c.getWebhookSecret().isBlank()) {
            throw new IllegalArgumentException("webhookSecret is blank: give the secret callbacks must prove, or leave it out");
        }
    }

    /** Every numeric and duration option, against its documented range. */
    private void checkNumbers(WhatsDevConfiguration c) {
        Inputs.range(c.getConnectTimeout(), 1, HOUR, "connectTimeout", "ms");
        Inputs.range(c.getResponseTimeout(), 1, HOUR, "responseTimeout", "ms");
        Inputs.range(c.getCallTimeout(), 1, HOUR, "callTimeout", "ms");
        Inputs.range(c.getMaxResponseSize(), 1024, Integer.MAX_VALUE, "maxResponseSize", "bytes");
        if (c.getMaxConnectionsPerRoute() != null) {
            Inputs.range(c.getMaxConnectionsPerRoute(), 1, 1000, "maxConnectionsPerRoute", "");
        }
        if (c.getProxyPort() != null) {
            Inputs.range(c.getProxyPort(), 1, 65535, "proxyPort", "");
        }
        Inputs.range(minStableTime, 0, 7 * 24 * HOUR, "minStableTime", "ms");
        Inputs.range(pollConcurrency, 1, MAX_POLL_CONCURRENCY, "pollConcurrency", "");
        checkPoolFitsPollConcurrency(c);
        Inputs.range(getDelay(), 1, 7 * 24 * HOUR, "delay", "ms");
        if (getInitialDelay() != -1) { // -1: not set, Camel's default applies
            Inputs.range(getInitialDelay(), 0, 7 * 24 * HOUR, "initialDelay", "ms");
        }
        Inputs.range(getBackoffMultiplier(), 0, 1000, "backoffMultiplier", "");
        Inputs.range(getBackoffErrorThreshold(), 0, Integer.MAX_VALUE, "backoffErrorThreshold", "");
        Inputs.range(getBackoffIdleThreshold(), 0, Integer.MAX_VALUE, "backoffIdleThreshold", "");
        Inputs.range(getRepeatCount(), 0, Long.MAX_VALUE, "repeatCount", "");
    }

    private static final long HOUR = 3_600_000;

    /**
     * pollConcurrency says how many calls a poll makes at once; a pool with fewer connections would make the rest wait
     * for one, silently. Checked only where several instances are polled (instanceTokens): elsewhere pollConcurrency
     * is not used, and a small pool for a producer is fine.
     */
    private void checkPoolFitsPollConcurrency(WhatsDevConfiguration c) {
        Integer max = c.getMaxConnectionsPerRoute();
        if (max != null && max < pollConcurrency && instanceTokens != null && !isEvents()) {
            throw new IllegalArgumentException("maxConnectionsPerRoute is " + max + " but pollConcurrency is "
                                               + pollConcurrency + ": a poll would call " + pollConcurrency
                                               + " instances at once over at most " + max + " connections, and the "
                                               + "others would wait for one. Raise maxConnectionsPerRoute to "
                                               + pollConcurrency + " or more, lower pollConcurrency to " + max
                                               + ", or leave maxConnectionsPerRoute out: the pool then follows "
                                               + "pollConcurrency");
        }
    }

    /**
     * The connections per gateway host this endpoint's pool allows: maxConnectionsPerRoute where set, else the larger
     * of {@value #DEFAULT_MAX_CONNECTIONS_PER_ROUTE} and pollConcurrency.
     */
    int maxConnectionsPerRoute() {
        Integer max = configuration.getMaxConnectionsPerRoute();
        return max != null ? max : Math.max(DEFAULT_MAX_CONNECTIONS_PER_ROUTE, pollConcurrency);
    }

    /** The settings of this endpoint's connection pool; endpoints with equal settings share one pool. */
    HttpTransport.Settings transportSettings() {
        WhatsDevConfiguration c = configuration;
        return new HttpTransport.Settings(c.getConnectTimeout(), maxConnectionsPerRoute(), c.getSslContextParameters(),
                c.getProxyHost(), c.getProxyPort(), c.isContentCompression());
    }

    /** Refuses an operation the gateway cannot do, naming the gateways that can. */
    void checkSupported(WhatsDevOperation operation) {
        if (!gateway.operations().containsKey(operation)) {
            throw new IllegalArgumentException(GatewayProviders.unsupportedMessage(gateway, operation));
        }
    }

    @Override
    public Producer createProducer() throws Exception {
        if (isEvents()) {
            throw new IllegalArgumentException("whatsdev:" + gateway.name() + "/events is a consumer only; operations go to "
                                               + "whatsdev:" + gateway.name() + "/devices");
        }
        gateway.validateProducer(configuration, gatewayOptions());
        return new WhatsDevProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (isFeed()) {
            WhatsDevFeedConsumer feed = new WhatsDevFeedConsumer(this, processor);
            configureConsumer(feed);
            return feed;
        }
        if (isEvents()) {
            WhatsDevEventsConsumer events = new WhatsDevEventsConsumer(this, processor);
            configureConsumer(events);
            return events;
        }
        WhatsDevConsumer consumer = new WhatsDevConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Starts the state repository for a polling consumer. A {@code FileStateRepository} that another consumer started is
     * restarted, so that a file shared with other nodes is read again when this consumer becomes active (a
     * {@code master:} failover); one that never started is not stopped first, which would write its empty cache over
     * the file.
     */
    org.apache.camel.spi.StateRepository<String, String> openStateRepository() {
        var repository = stateRepository;
        if (repository instanceof FileStateRepository file && file.isStarted()) {
            ServiceHelper.stopService(repository);
        }
        ServiceHelper.startService(repository);
        return repository;
    }

    /** The key of the feed's cursor in the state repository: {@code <stateKey>#feed}. */
    String feedCursorKey() {
        return getStateKey() + FEED_CURSOR_SUFFIX;
    }

    /** The targets the consumer polls, as the gateway makes them (one per instance where a key selects one). */
    List<PollTarget> pollTargets() {
        return gateway.pollTargets(new PollSetup(configuration, gatewayOptions(), getClient(), transport));
    }

    /** The gateway-only options this endpoint was given, by name (see {@link GatewayProvider#gatewayOptions()}). */
    private Map<String, String> gatewayOptions() {
        return instanceTokens == null ? Map.of() : Map.of("instanceTokens", instanceTokens);
    }

    /** The device ids to watch, or empty for all. */
    Set<String> watchedDeviceIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (deviceIds != null) {
            for (String id : deviceIds.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        if (configuration.getDeviceId() != null && gateway.deviceIdNarrowsPolls()) {
            ids.add(configuration.getDeviceId());
        }
        return ids;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        transport = getComponent().transport(transportSettings());
        client = gateway.newClient(configuration, transport);
        if (stateRepository == null) {
            stateRepository = new MemoryStateRepository();
        }
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
        }
        String phone = header(in, WhatsDevConstants.PHONE_NUMBER);
        if (phone != null) {
            phone = Inputs.phoneNumber(phone, "header " + WhatsDevConstants.PHONE_NUMBER);
        }
        String name = Inputs.noControlCharacters(header(in, WhatsDevConstants.DEVICE_NAME), "header " + WhatsDevConstants.DEVICE_NAME);
        String agent = Inputs.noControlCharacters(header(in, WhatsDevConstants.USER_AGENT), "header " + WhatsDevConstants.USER_AGENT);
        // a header value passes the gateway's own rule too, as the URI option did at endpoint creation
        webhook = firstNonNull(gatewayInput("webhookUrl", webhook, "header " + WhatsDevConstants.WEBHOOK_URL), c.getWebhookUrl());
        phone = firstNonNull(gatewayInput("phoneNumber", phone, "header " + WhatsDevConstants.PHONE_NUMBER), c.getPhoneNumber());
        String pkg = gatewayInput("packageCode", header(in, WhatsDevConstants.PACKAGE_CODE), "header " + WhatsDevConstants.PACKAGE_CODE);
        name = gatewayInput("deviceName", name, "header " + WhatsDevConstants.DEVICE_NAME);
        agent = gatewayInput("userAgent", agent, "header " + WhatsDevConstants.USER_AGENT);
        return new OperationRequest(op, deviceId, firstNonNull(name, c.getDeviceName()), firstNonNull(pkg, c.getPackageCode()),
                webhook, phone, firstNonNull(agent, c.getUserAgent()));
    }

    /** The gateway's rule for an operation input ({@link GatewayProvider#checkInput}); null stays null. */
    private String gatewayInput(String field, String value, String source) {
        return value == null ? null : gateway.checkInput(field, value, source);
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

    public String getEventSource() {
        return eventSource;
    }

    public void setEventSource(String eventSource) {
        this.eventSource = eventSource;
    }

    /** The endpoint's {@code webhookSecret} (an option of its configuration). */
    public String getWebhookSecret() {
        return configuration.getWebhookSecret();
    }

    public String getWebhookPath() {
        return webhookPath != null ? webhookPath : "/whatsdev/" + gateway.name();
    }

    public void setWebhookPath(String webhookPath) {
        this.webhookPath = webhookPath;
    }

    public boolean isRegisterWebhook() {
        return registerWebhook;
    }

    public void setRegisterWebhook(boolean registerWebhook) {
        this.registerWebhook = registerWebhook;
    }

    public String getWebhookBaseUrl() {
        return webhookBaseUrl;
    }

    public void setWebhookBaseUrl(String webhookBaseUrl) {
        this.webhookBaseUrl = webhookBaseUrl;
    }

    public org.apache.camel.spi.IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public boolean isEmitInitialState() {
        return emitInitialState;
    }

    public void setEmitInitialState(boolean emitInitialState) {
        this.emitInitialState = emitInitialState;
    }

    public String getDeviceIds() {
        return deviceIds;
    }

    public void setDeviceIds(String deviceIds) {
        this.deviceIds = deviceIds;
    }

    public org.apache.camel.spi.StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(org.apache.camel.spi.StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateKey() {
        return stateKey != null ? stateKey : gateway.name();
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public boolean isQrRefresh() {
        return qrRefresh;
    }

    public void setQrRefresh(boolean qrRefresh) {
        this.qrRefresh = qrRefresh;
    }

    public long getQrLifetime() {
        return qrLifetime;
    }

    public void setQrLifetime(long qrLifetime) {
        this.qrLifetime = qrLifetime;
    }

    public long getMinStableTime() {
        return minStableTime;
    }

    public void setMinStableTime(long minStableTime) {
        this.minStableTime = minStableTime;
    }

    public String getInstanceTokens() {
        return instanceTokens;
    }

    public void setInstanceTokens(String instanceTokens) {
        this.instanceTokens = instanceTokens;
    }

    @Override
    public long getDelay() {
        return super.getDelay();
    }

    @Override
    public void setDelay(long delay) {
        this.delay = delay;
        super.setDelay(delay);
    }

    public int getPollConcurrency() {
        return pollConcurrency;
    }

    public void setPollConcurrency(int pollConcurrency) {
        this.pollConcurrency = pollConcurrency;
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
