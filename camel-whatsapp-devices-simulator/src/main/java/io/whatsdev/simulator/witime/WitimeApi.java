package io.whatsdev.simulator.witime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whatsdev.simulator.ApiRequest;
import io.whatsdev.simulator.CallbackRequest;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.Json;
import io.whatsdev.simulator.QrCodes;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimResponse;
import io.whatsdev.simulator.SimState;

/**
 * witi.me, base {@code /witime}: ASP.NET commands, the instance key in the query as {@code wid}; the key (the device's
 * {@link SimDevice#key()}) selects the device. Failures are {@code {"status":0,"error":...,"ttl":0}} with HTTP 200;
 * {@code close_session} and {@code restore_session} answer the status object as a JSON string inside JSON, with the
 * Portuguese key {@code sucesso} (or {@code success}, see {@link #useEnglishKeys(boolean)}, by name
 * {@code useEnglishKeys}).
 * <p>
 * <b>Callbacks</b> (PostBack): when a device's status code changes, its status object ({@code status.aspx}'s) is posted
 * to the device's {@code Webhook} with the instance key appended as {@code wid} (as witime's example shows it:
 * {@code &wid=<key>}, or {@code ?wid=} when the URL has no query). The body is plain JSON, or with
 * {@link #postBackFormat(String)} {@code BULK} ({@code BULK,} + a JSON array of base64 items) or {@code BULKGZ}
 * ({@code BULKGZ,} + base64 of the zlib-compressed array), a bulk of one event. Acknowledged by any 2xx, never retried
 * (no retry is documented).
 */
public final class WitimeApi extends GatewayApi {

    /** The state detail of a session closed with {@code close_session.aspx}: restorable (status 11). */
    static final String SESSION_CLOSED = "session closed";
    /** The state detail after {@code disconnect.aspx}: a full logout (status 0 until the next change). */
    static final String LOGGED_OUT = "logged out";
    /** The device attribute that holds the user agent set by {@code generate_qrcode} or {@code set_config}. */
    static final String USER_AGENT = "userAgent";

    /** The documented status strings. */
    static final Map<Integer, String> STATUS_STRINGS = Map.of(0, "noConnection", 1, "webSocketOpenining", 2, "webSocketOpen", 3,
            "waitForQRAuthentication", 4, "Starting", 10, "WhatsAppAuthenticated", 11, "WhatsAppAuthenticatedConnectionClosed", 13,
            "WhatsAppNotAuthenticated");

    static final int QR_TTL_SECONDS = 20;

    private volatile boolean useEnglishKeys;
    private volatile String postBackFormat = "JSON";

    WitimeApi(GatewaySimulator sim, Gateway gateway) {
        super(sim, gateway);
        route("POST", "generate_qrcode.aspx", this::generateQr);
        route("GET", "status.aspx", r -> ok(statusObject(device(r).snapshot())));
        route("GET", "disconnect.aspx", this::disconnect);
        route("GET", "close_session.aspx", this::closeSession);
        route("GET", "restore_session.aspx", this::restoreSession);
        route("GET", "save_session.aspx", r -> ok(object().put(successKey(), true)));
        route("GET", "clear.aspx", r -> ok(object().put("status", true).put("message", "clear ok")));
        route("POST", "set_config.aspx", this::setConfig);
        setting("useEnglishKeys", this::useEnglishKeys, v -> useEnglishKeys(booleanValue("useEnglishKeys", v)));
        setting("postBackFormat", this::postBackFormat, this::postBackFormat);
    }

    /** The PostBack body: {@code JSON} (the default), {@code BULK} or {@code BULKGZ}. */
    public WitimeApi postBackFormat(String format) {
        String f = format == null ? "" : format.trim().toUpperCase(Locale.ROOT);
        if (!f.equals("JSON") && !f.equals("BULK") && !f.equals("BULKGZ")) {
            throw new IllegalArgumentException("postBackFormat must be JSON, BULK or BULKGZ, was '" + format + "'");
        }
        this.postBackFormat = f;
        return this;
    }

    public String postBackFormat() {
        return postBackFormat;
    }

    @Override
    protected void onStateChange(SimDevice.Snapshot before, SimDevice.Snapshot after) {
        String url = after.webhook();
        if (url == null || url.isBlank() || code(before) == code(after) || after.state() == SimState.DELETED) {
            return;
        }
        String target = url + (url.contains("?") ? "&" : "?") + "wid=" + java.net.URLEncoder.encode(after.key(), StandardCharsets.UTF_8);
        byte[] json = Json.bytes(statusObject(after));
        String format = postBackFormat;
        CallbackRequest request;
        if (format.equals("JSON")) {
            request = CallbackRequest.json(after.id(), target, new String(json, StandardCharsets.UTF_8));
        } else {
            String items = "[\"" + Base64.getEncoder().encodeToString(json) + "\"]";
            String body = format.equals("BULK") ? "BULK," + items : "BULKGZ," + Base64.getEncoder().encodeToString(zlib(items));
            request = new CallbackRequest(after.id(), target, Map.of("Content-Type", "text/plain; charset=utf-8"),
                    body.getBytes(StandardCharsets.UTF_8), 1, Duration.ZERO, CallbackRequest.Acknowledgement.ANY_2XX);
        }
        postCallback(request);
    }

    private static byte[] zlib(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e); // in memory
        }
        return out.toByteArray();
    }

    /** Whether to answer {@code success} instead of the Portuguese {@code sucesso} (default false). */
    public WitimeApi useEnglishKeys(boolean english) {
        this.useEnglishKeys = english;
        return this;
    }

    public boolean useEnglishKeys() {
        return useEnglishKeys;
    }

    @Override
    protected boolean authenticated(ApiRequest r) {
        return instance(r) != null;
    }

    @Override
    protected SimResponse authRefusal(ApiRequest r) {
        return ok(errorBody(200, "Invalid wid"));
    }

    @Override
    protected ObjectNode errorBody(int status, String message) {
        return object().put("status", 0).put("error", message).put("ttl", 0);
    }

    /** The device whose key is the request's {@code wid}, or null. */
    private SimDevice instance(ApiRequest r) {
        String key = r.query("wid");
        if (key == null || key.isEmpty()) {
            return null;
        }
        return registry().list().stream().filter(d -> key.equals(d.key())).findFirst().orElse(null);
    }

    /** The device of an authenticated call (deleted in between: a server error, as at the gateway). */
    private SimDevice device(ApiRequest r) {
        SimDevice d = instance(r);
        if (d == null) {
            throw new IllegalStateException("the instance was removed while its call was served");
        }
        return d;
    }

    private String successKey() {
        return useEnglishKeys ? "success" : "sucesso";
    }

    private SimResponse generateQr(ApiRequest r) {
        SimDevice d = device(r);
        String userAgent = r.field("user_agent");
        if (userAgent != null) {
            d.attribute(USER_AGENT, userAgent);
        }
        QrIssue issue = issueQr(d, SimState.CONNECTED);
        if (issue.token() == null) {
            return ok(errorBody(200, "Connection already established"));
        }
        return ok(object().put("qr", QrCodes.svgBase64(issue.token())).put("status", 1).put("error", "").put("ttl", QR_TTL_SECONDS));
    }

    private SimResponse disconnect(ApiRequest r) {
        SimDevice d = device(r);
        d.changeState(SimState.DISCONNECTED, LOGGED_OUT);
        return ok(statusObject(d.snapshot()));
    }

    private SimResponse closeSession(ApiRequest r) {
        SimDevice.Snapshot s = device(r).atomically(d -> {
            if (d.state() != SimState.CONNECTED) {
                return null;
            }
            d.changeState(SimState.DISCONNECTED, SESSION_CLOSED);
            return d.snapshot();
        });
        return s == null ? ok(errorBody(200, "No session to close")) : ok(withStatusString(s));
    }

    private SimResponse restoreSession(ApiRequest r) {
        SimDevice.Snapshot s = device(r).atomically(d -> {
            if (!sessionClosed(d.snapshot())) {
                return null;
            }
            d.scan();
            return d.snapshot();
        });
        return s == null ? ok(errorBody(200, "No session to restore")) : ok(withStatusString(s));
    }

    private SimResponse setConfig(ApiRequest r) {
        SimDevice d = device(r);
        if (r.json().has("webhook")) {
            d.webhook(r.field("webhook"));
        }
        if (r.json().has("user_agent")) {
            d.attribute(USER_AGENT, r.field("user_agent"));
        }
        return ok(statusObject(d.snapshot()));
    }

    /** {@code {"sucesso":true,"Status":"<the status object as a JSON string>"}}. */
    private ObjectNode withStatusString(SimDevice.Snapshot s) {
        return object().put(successKey(), true).put("Status", Json.string(statusObject(s)));
    }

    private static boolean sessionClosed(SimDevice.Snapshot s) {
        return SESSION_CLOSED.equals(s.stateDetail());
    }

    /** The numeric status code of a device. */
    static int code(SimDevice.Snapshot s) {
        return switch (s.state()) {
            case AWAITING_SCAN -> 3;
            case CONNECTED -> 10;
            case DISCONNECTED -> sessionClosed(s) ? 11 : LOGGED_OUT.equals(s.stateDetail()) ? 0 : 13;
            case SUSPENDED -> 13;
            case NEW, EXPIRED, DELETED -> 0;
        };
    }

    /** The status object, with the fields of the documentation's example. */
    static ObjectNode statusObject(SimDevice.Snapshot s) {
        int code = code(s);
        ObjectNode o = object();
        o.put("status", code);
        o.put("statusString", STATUS_STRINGS.get(code));
        o.put("connected", code == 10);
        if (s.everConnected()) {
            ObjectNode info = o.putObject("ConnectionInfo");
            info.put("lg", "en").put("lc", "US");
            info.putObject("phone").put("device_model", "iPhone 4S").put("wa_version", "2.21.10.25").put("mcc", "724")
                    .put("os_version", "9.3.5").put("os_build_number", "undefined").put("device_manufacturer", "Apple").put("mnc", "031");
            info.put("battery", 83).put("tos", 0).put("pushname", s.name());
            info.putArray("protoVersion").add(0).add(17);
            info.put("plugged", false).put("platform", "iphone").put("wid", s.phone() == null ? null : s.phone() + "@s.whatsapp.net")
                    .put("connected", code == 10).put("isResponse", "false").put("binVersion", 10).put("locales", "en-US,pt-BR");
        } else {
            o.putNull("ConnectionInfo");
        }
        o.put("WebID", s.id());
        o.put("Webhook", s.webhook());
        o.put("UserAgent", s.attribute(USER_AGENT));
        o.put("CanRestoreConnection", code == 10 || sessionClosed(s));
        o.putObject("stats").put("Contacts", 0).put("Chats", 0).put("SentBytes", 0).put("ReceveidBytes", 0);
        ObjectNode storage = o.putObject("storage").put("Name", s.id()).put("Bytes", 0).put("Files", 0);
        ArrayNode subs = storage.putArray("Subs");
        for (String sub : new String[] {"media", "profile", "thumb"}) {
            subs.addObject().put("Name", sub).put("Bytes", 0).put("Files", 0).putNull("Subs");
        }
        return o;
    }
}
