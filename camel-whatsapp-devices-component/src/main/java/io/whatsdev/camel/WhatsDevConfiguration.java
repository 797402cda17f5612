package io.whatsdev.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of a whatsdev endpoint. Every option may also be set once on the component
 * ({@code camel.component.whatsdev.token=...}); a value in the URI wins.
 */
@UriParams
public class WhatsDevConfiguration implements Cloneable {

    public static final String DEFAULT_WITIME_USER_AGENT
            = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

    @UriParam(label = "producer",
              enums = "list,get,status,create,qr,pairingCode,logout,closeSession,restoreSession,saveSession,delete,clear,setWebhook",
              description = "The operation the producer performs. The header `CamelWhatsDevOperation` overrides it. An operation the "
                            + "gateway cannot do is refused when the endpoint is created, naming the gateways that can.")
    private String operation;

    @UriParam(description = "The device the operation targets, by the id its gateway uses (a phone number, a numeric id, a "
                            + "session or instance name: each gateway's page says which); where the credential itself selects "
                            + "the device, it is optional. The header `CamelWhatsDevDeviceId` overrides it. Letters, "
                            + "digits, dot, underscore, hyphen, colon, at sign and plus only.")
    private String deviceId;

    @UriParam(description = "The gateway's base URL: required for a self-hosted gateway (the server's root), otherwise it "
                            + "overrides the documented one, for the simulator, a proxy or a staging host (http or https, no "
                            + "query). It may contain `{subdomain}` where the gateway's URL has one.")
    private String baseUrl;

    @UriParam(label = "security", secret = true,
              description = "The gateway's token or key, where it takes one (each gateway's page says which, and how it is "
                            + "sent).")
    private String token;

    @UriParam(label = "security", secret = true,
              description = "The gateway's API key, where it takes one, alone or as a second credential (each gateway's page "
                            + "says which header carries it).")
    private String apiKey;

    @UriParam(description = "The whatsgate-net tenant subdomain: `https://{subdomain}.whatsgate.net/api`. A DNS label: letters, "
                            + "digits and hyphens, at most 63, not starting or ending with a hyphen.")
    private String subdomain;

    @UriParam(label = "security", secret = true,
              description = "wassly: the login e-mail, used with `password` and `apiKey` to obtain a token when no `token` is "
                            + "given, and to obtain a new one once when the gateway answers 401.")
    private String username;

    @UriParam(label = "security", secret = true, description = "wassly: the login password (see `username`).")
    private String password;

    @UriParam(label = "producer", description = "`create`: the display name of the new device. Header `CamelWhatsDevDeviceName`.")
    private String deviceName;

    @UriParam(label = "producer", enums = "BETA,STARTER60K,STARTUP240K,BUSINESS",
              description = "`create` on whatspie: the package plan. Header `CamelWhatsDevPackageCode`.")
    private String packageCode;

    @UriParam(label = "producer",
              description = "`create` (whatsgate-org `callback`) and `setWebhook`: the URL the gateway calls back with events. "
                            + "Header `CamelWhatsDevWebhookUrl`.")
    private String webhookUrl;

    @UriParam(label = "security", secret = true,
              description = "The secret a callback must prove it knows. On `whatsdev:GATEWAY/events` (required there, unless "
                            + "eventSource=feed, which receives no callbacks): the HMAC "
                            + "key of a signing gateway (WAHA), the JWT key (Evolution), or the query parameter `secret` of the "
                            + "callback URL of a gateway that does not sign; a callback that fails is answered 401 and emits "
                            + "nothing. On `setWebhook` and `create` with a `webhookUrl` (and with `registerWebhook`): the "
                            + "webhook is registered so that its callbacks prove it, each gateway its own way (WAHA's "
                            + "`hmac.key`, Evolution's `jwt_key` header, the `secret` query parameter of the URL).")
    private String webhookSecret;

    @UriParam(label = "producer",
              description = "`pairingCode`, and `create` in pairing-code mode on whatsgate-org: the phone number to pair, digits "
                            + "with country code (a leading plus sign is dropped). Header `CamelWhatsDevPhoneNumber`.")
    private String phoneNumber;

    @UriParam(label = "producer", defaultValue = DEFAULT_WITIME_USER_AGENT,
              description = "`qr` and `setWebhook` on witime: the browser user agent the WhatsApp Web session presents. Header "
                            + "`CamelWhatsDevUserAgent`.")
    private String userAgent = DEFAULT_WITIME_USER_AGENT;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to wait for a connection to the gateway, in milliseconds (or a duration such as `5s`); "
                            + "1 ms to 1 hour.")
    private long connectTimeout = 10000;

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long one read of the gateway's answer may wait for the next bytes, in milliseconds (or a "
                            + "duration such as `30s`); 1 ms to 1 hour. It bounds each socket read, not the call: see "
                            + "`callTimeout`.")
    private long responseTimeout = 30000;

    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "The deadline for a whole gateway call: connecting, sending, and reading the headers and the "
                            + "whole body, in milliseconds (or a duration such as `1m`); 1 ms to 1 hour. A gateway that "
                            + "answers a byte at a time is cut off here and the call fails with GatewayUnavailableException.")
    private long callTimeout = 60000;

    @UriParam(label = "advanced", defaultValue = "16777216",
              description = "The largest answer read from a gateway, in bytes, counted after decompression; 1024 to "
                            + "2147483647. A larger answer fails with GatewayResponseException naming this limit, without "
                            + "reading the rest. 16 MiB holds a list of about 60,000 devices.")
    private long maxResponseSize = 16L * 1024 * 1024;

    @UriParam(label = "advanced", defaultValue = "true",
              description = "Ask the gateway for gzip or deflate compressed answers and inflate them (the inflated bytes "
                            + "count against maxResponseSize, so a compression bomb fails early). `false` asks for plain "
                            + "answers only.")
    private boolean contentCompression = true;

    @UriParam(label = "security",
              description = "TLS settings (trust store, key store, protocols) for the gateway connection. Endpoints with the same "
                            + "settings share one connection pool.")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "proxy", description = "HTTP proxy host to reach the gateway through.")
    private String proxyHost;

    @UriParam(label = "proxy", description = "HTTP proxy port; 1 to 65535.")
    private Integer proxyPort;

    @UriParam(label = "advanced",
              description = "Most connections open at once to one gateway host, per connection pool; 1 to 1000. Left out, "
                            + "it follows the consumer: the larger of 20 and pollConcurrency, so that each witime instance "
                            + "a poll calls at once has a connection of its own (a pool of 20 would hold pollConcurrency=50 "
                            + "to 20 calls at a time). Set it to bound the connections a gateway sees, or to allow more "
                            + "for producers called from many threads. An endpoint that polls several instances with "
                            + "maxConnectionsPerRoute below pollConcurrency is refused when it is created: raise the one or "
                            + "lower the other.")
    private Integer maxConnectionsPerRoute;

    public String getOperation() {
        return operation;
    }

    /** The operation's name; an unknown name is refused when the endpoint is created, listing the allowed ones. */
    public void setOperation(String operation) {
        this.operation = operation;
    }

    /** The operation, parsed; null where none is set. */
    public WhatsDevOperation operation() {
        return operation == null ? null : WhatsDevOperation.parse(operation, "operation");
    }

    public String getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(String deviceId) {
        this.deviceId = deviceId;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getSubdomain() {
        return subdomain;
    }

    public void setSubdomain(String subdomain) {
        this.subdomain = subdomain;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
    }

    public String getPackageCode() {
        return packageCode;
    }

    public void setPackageCode(String packageCode) {
        this.packageCode = packageCode;
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

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public long getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(long callTimeout) {
        this.callTimeout = callTimeout;
    }

    public long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public boolean isContentCompression() {
        return contentCompression;
    }

    public void setContentCompression(boolean contentCompression) {
        this.contentCompression = contentCompression;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
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

    /** The value given, or null where it was left out (the endpoint then sizes its pool after pollConcurrency). */
    public Integer getMaxConnectionsPerRoute() {
        return maxConnectionsPerRoute;
    }

    public void setMaxConnectionsPerRoute(Integer maxConnectionsPerRoute) {
        this.maxConnectionsPerRoute = maxConnectionsPerRoute;
    }

    public WhatsDevConfiguration copy() {
        try {
            return (WhatsDevConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "WhatsDevConfiguration[operation=" + operation + ", deviceId=" + deviceId + ", baseUrl=" + baseUrl
               + ", subdomain=" + subdomain + ", token=" + mask(token) + ", apiKey=" + mask(apiKey) + ", username="
               + mask(username) + ", password=" + mask(password) + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "xxxxxx";
    }
}
