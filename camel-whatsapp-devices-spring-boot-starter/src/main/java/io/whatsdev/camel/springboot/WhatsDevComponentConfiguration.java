package io.whatsdev.camel.springboot;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The whatsdev component's options as Spring Boot properties, {@code camel.component.whatsdev.*}: every option of the
 * component (the same names as in a URI, in kebab case in properties files), each documented, so that IDEs complete
 * them ({@code META-INF/spring-configuration-metadata.json}). An option left unset keeps the component's default.
 * {@code WhatsDevComponentConfigurationTest} fails when an option of the component is missing here.
 */
@ConfigurationProperties(prefix = "camel.component.whatsdev")
public class WhatsDevComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * The gateway's base URL: required for a self-hosted gateway (the server's root), otherwise it overrides the
     * documented one, for the simulator, a proxy or a staging host (http or https, no query). It may contain
     * &#123;subdomain&#125; where the gateway's URL has one.
     */
    private String baseUrl;

    /**
     * The device the operation targets, by the id its gateway uses (a phone number, a numeric id, a session or instance
     * name: each gateway's page says which); where the credential itself selects the device, it is optional. The header CamelWhatsDevDeviceId overrides it. Letters, digits, dot, underscore, hyphen, colon, at sign and plus only.
     */
    private String deviceId;

    /**
     * The whatsgate-net tenant subdomain: https://&#123;subdomain&#125;.whatsgate.net/api. A DNS label: letters,
     * digits and hyphens, at most 63, not starting or ending with a hyphen.
     */
    private String subdomain;

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored. Default: false.
     */
    private Boolean bridgeErrorHandler;

    /**
     * create: the display name of the new device. Header CamelWhatsDevDeviceName.
     */
    private String deviceName;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing. Default: false.
     */
    private Boolean lazyStartProducer;

    /**
     * The operation the producer performs. The header CamelWhatsDevOperation overrides it. An operation the gateway
     * cannot do is refused when the endpoint is created, naming the gateways that can.
     */
    private String operation;

    /**
     * create on whatspie: the package plan. Header CamelWhatsDevPackageCode.
     */
    private String packageCode;

    /**
     * pairingCode, and create in pairing-code mode on whatsgate-org: the phone number to pair, digits with country
     * code (a leading plus sign is dropped). Header CamelWhatsDevPhoneNumber.
     */
    private String phoneNumber;

    /**
     * qr and setWebhook on witime: the browser user agent the WhatsApp Web session presents. Header
     * CamelWhatsDevUserAgent. Default: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)
     * Chrome/124.0 Safari/537.36.
     */
    private String userAgent;

    /**
     * create (whatsgate-org callback) and setWebhook: the URL the gateway calls back with events. Header
     * CamelWhatsDevWebhookUrl.
     */
    private String webhookUrl;

    /**
     * The secret a callback must prove it knows. On whatsdev:GATEWAY/events (required there): the HMAC key of a signing
     * gateway (WAHA), the JWT key (Evolution), or the query parameter secret of the callback URL of a gateway that does
     * not sign; a callback that fails is answered 401 and emits nothing. On setWebhook and create with a webhookUrl (and
     * with registerWebhook): the webhook is registered so that its callbacks prove it, each gateway its own way (WAHA's
     * hmac.key, Evolution's jwt_key header, the secret query parameter of the URL).
     */
    private String webhookSecret;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc. Default: true.
     */
    private Boolean autowiredEnabled;

    /**
     * The deadline for a whole gateway call: connecting, sending, and reading the headers and the whole body, in
     * milliseconds (or a duration such as 1m); 1 ms to 1 hour. A gateway that answers a byte at a time is cut off here
     * and the call fails with GatewayUnavailableException. In milliseconds. Default: 60000.
     */
    private Long callTimeout;

    /**
     * How long to wait for a connection to the gateway, in milliseconds (or a duration such as 5s); 1 ms to 1 hour. In
     * milliseconds. Default: 10000.
     */
    private Long connectTimeout;

    /**
     * Ask the gateway for gzip or deflate compressed answers and inflate them (the inflated bytes count against
     * maxResponseSize, so a compression bomb fails early). false asks for plain answers only. Default: true.
     */
    private Boolean contentCompression;

    /**
     * Most connections open at once to one gateway host, per connection pool; 1 to 1000. Left out, it follows the
     * consumer: the larger of 20 and pollConcurrency, so that each witime instance a poll calls at once has a
     * connection of its own (a pool of 20 would hold pollConcurrency=50 to 20 calls at a time). Set it to bound the
     * connections a gateway sees, or to allow more for producers called from many threads. An endpoint that polls
     * several instances with maxConnectionsPerRoute below pollConcurrency is refused when it is created: raise the one
     * or lower the other.
     */
    private Integer maxConnectionsPerRoute;

    /**
     * The largest answer read from a gateway, in bytes, counted after decompression; 1024 to 2147483647. A larger
     * answer fails with GatewayResponseException naming this limit, without reading the rest. 16 MiB holds a list of
     * about 60,000 devices. Default: 16777216.
     */
    private Long maxResponseSize;

    /**
     * How long one read of the gateway's answer may wait for the next bytes, in milliseconds (or a duration such as
     * 30s); 1 ms to 1 hour. It bounds each socket read, not the call: see callTimeout. In milliseconds. Default:
     * 30000.
     */
    private Long responseTimeout;

    /**
     * Used for enabling or disabling all consumer based health checks from this component Default: true.
     */
    private Boolean healthCheckConsumerEnabled;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true. Default: true.
     */
    private Boolean healthCheckProducerEnabled;

    /**
     * HTTP proxy host to reach the gateway through.
     */
    private String proxyHost;

    /**
     * HTTP proxy port; 1 to 65535.
     */
    private Integer proxyPort;

    /**
     * The gateway's API key, where it takes one, alone or as a second credential (each gateway's page says which header
     * carries it). Secret: never logged.
     */
    private String apiKey;

    /**
     * wassly: the login password (see username). Secret: never logged.
     */
    private String password;

    /**
     * TLS settings (trust store, key store, protocols) for the gateway connection. Endpoints with the same settings
     * share one connection pool. Refer to a bean of type SSLContextParameters, e.g. #mySslContextParameters.
     */
    private String sslContextParameters;

    /**
     * The gateway's token or key, where it takes one (each gateway's page says which, and how it is sent). Secret: never
     * logged.
     */
    private String token;

    /**
     * Use the global SSL context parameters of the Camel context. Default: false.
     */
    private Boolean useGlobalSslContextParameters;

    /**
     * wassly: the login e-mail, used with password and apiKey to obtain a token when no token is given, and to obtain
     * a new one once when the gateway answers 401. Secret: never logged.
     */
    private String username;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(String deviceId) {
        this.deviceId = deviceId;
    }

    public String getSubdomain() {
        return subdomain;
    }

    public void setSubdomain(String subdomain) {
        this.subdomain = subdomain;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public String getPackageCode() {
        return packageCode;
    }

    public void setPackageCode(String packageCode) {
        this.packageCode = packageCode;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    public void setPhoneNumber(String phoneNumber) {
        this.phoneNumber = phoneNumber;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Long getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Long callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Boolean getContentCompression() {
        return contentCompression;
    }

    public void setContentCompression(Boolean contentCompression) {
        this.contentCompression = contentCompression;
    }

    public Integer getMaxConnectionsPerRoute() {
        return maxConnectionsPerRoute;
    }

    public void setMaxConnectionsPerRoute(Integer maxConnectionsPerRoute) {
        this.maxConnectionsPerRoute = maxConnectionsPerRoute;
    }

    public Long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(Long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(String sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Never prints a value: some are secrets. */
    @Override
    public String toString() {
        return "WhatsDevComponentConfiguration[camel.component.whatsdev.*]";
    }
}
