package io.whatsdev.simulator;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * witi.me, base {@code /witime}: ASP.NET commands, the instance key in the query as {@code wid}; the key selects the
 * device. Failures are {@code {"status":0,"error":...,"ttl":0}} with HTTP 200; {@code close_session} and
 * {@code restore_session} answer the status object as a JSON string inside JSON, with the Portuguese key
 * {@code sucesso} (or {@code success}, see {@link GatewaySimulator#witimeUseEnglishKeys(boolean)}).
 */
final class WitimeApi extends GatewayApi {

    /** The documented status strings. */
    static final Map<Integer, String> STATUS_STRINGS = Map.of(0, "noConnection", 1, "webSocketOpenining", 2, "webSocketOpen", 3,
            "waitForQRAuthentication", 4, "Starting", 10, "WhatsAppAuthenticated", 11, "WhatsAppAuthenticatedConnectionClosed", 13,
            "WhatsAppNotAuthenticated");

    static final int QR_TTL_SECONDS = 20;

    WitimeApi(GatewaySimulator sim) {
        super(sim, Gateway.WITIME);
        route("POST", "generate_qrcode.aspx", this::generateQr);
        route("GET", "status.aspx", r -> ok(statusObject(device(r).snapshot())));
        route("GET", "disconnect.aspx", this::disconnect);
        route("GET", "close_session.aspx", this::closeSession);
        route("GET", "restore_session.aspx", this::restoreSession);
        route("GET", "save_session.aspx", r -> ok(object().put(successKey(), true)));
        route("GET", "clear.aspx", r -> ok(object().put("status", true).put("message", "clear ok")));
        route("POST", "set_config.aspx", this::setConfig);
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
        return registry().list().stream().filter(d -> key.equals(d.witimeKey())).findFirst().orElse(null);
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
        return sim.witimeUseEnglishKeys() ? "success" : "sucesso";
    }

    private SimResponse generateQr(ApiRequest r) {
        SimDevice d = device(r);
        String userAgent = r.field("user_agent");
        if (userAgent != null) {
            d.userAgent(userAgent);
        }
        QrIssue issue = issueQr(d, SimState.CONNECTED);
        if (issue.token() == null) {
            return ok(errorBody(200, "Connection already established"));
        }
        return ok(object().put("qr", QrCodes.svgBase64(issue.token())).put("status", 1).put("error", "").put("ttl", QR_TTL_SECONDS));
    }

    private SimResponse disconnect(ApiRequest r) {
        SimDevice d = device(r);
        d.logout();
        return ok(statusObject(d.snapshot()));
    }

    private SimResponse closeSession(ApiRequest r) {
        SimDevice.Snapshot s = device(r).atomically(d -> {
            if (d.state() != SimState.CONNECTED) {
                return null;
            }
            d.closeSession();
            return d.snapshot();
        });
        return s == null ? ok(errorBody(200, "No session to close")) : ok(withStatusString(s));
    }

    private SimResponse restoreSession(ApiRequest r) {
        SimDevice.Snapshot s = device(r).atomically(d -> {
            if (!d.snapshot().sessionClosed()) {
                return null;
            }
            d.restoreSession();
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
            d.userAgent(r.field("user_agent"));
        }
        return ok(statusObject(d.snapshot()));
    }

    /** {@code {"sucesso":true,"Status":"<the status object as a JSON string>"}}. */
    private ObjectNode withStatusString(SimDevice.Snapshot s) {
        return object().put(successKey(), true).put("Status", Json.string(statusObject(s)));
    }

    /** The numeric status code of a device. */
    static int code(SimDevice.Snapshot s) {
        return switch (s.state()) {
            case AWAITING_SCAN -> 3;
            case CONNECTED -> 10;
            case DISCONNECTED -> s.sessionClosed() ? 11 : s.loggedOut() ? 0 : 13;
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
        o.put("UserAgent", s.userAgent());
        o.put("CanRestoreConnection", code == 10 || s.sessionClosed());
        o.putObject("stats").put("Contacts", 0).put("Chats", 0).put("SentBytes", 0).put("ReceveidBytes", 0);
        ObjectNode storage = o.putObject("storage").put("Name", s.id()).put("Bytes", 0).put("Files", 0);
        ArrayNode subs = storage.putArray("Subs");
        for (String sub : new String[] {"media", "profile", "thumb"}) {
            subs.addObject().put("Name", sub).put("Bytes", 0).put("Files", 0).putNull("Subs");
        }
        return o;
    }
}
