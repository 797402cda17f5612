package io.whatsdev.camel.provider.witime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import io.whatsdev.camel.provider.Secrets;
import io.whatsdev.camel.provider.WireJson;
import io.whatsdev.camel.provider.WireReader;

/**
 * witime's PostBack (callback) deliveries: verified by a secret in the PostBack URL, read into lifecycle events. Each
 * decision, with its source ({@code witime.txt} and {@code README.md} are the provider fact sheets the project received;
 * "docs page" is witime's public page {@code witi.me/documentacao/en-us/api-whatsapp}):
 * <ul>
 * <li><b>Verification.</b> witime signs nothing: neither witime.txt nor README.md name a signature or a signing header.
 * The PostBack URL is whatever the user registers ({@code set_config.aspx}: {@code "webhook": "https://my-system.com/newWebHook",
 * // event return URL}), so the URL carries the endpoint's {@code webhookSecret} as query parameter {@value #SECRET_PARAMETER},
 * compared in constant time ({@link MessageDigest#isEqual} on UTF-8 bytes). A rejection never quotes either value.</li>
 * <li><b>Body encodings.</b> README.md: "PostBack (webhook) bodies are JSON, or, in bulk mode, {@code BULK,} + JSON array of
 * base64 items, or {@code BULKGZ,} + base64 of zlib JSON"; bulk mode is the instance's {@code APIVersionCanBulk} setting
 * (witime.txt, set_config.aspx: {@code "APIVersionCanBulk": false, // enables BULK return}). The docs page's PHP example
 * shows that the inflated {@code BULKGZ,} payload is, like {@code BULK,}, a JSON array whose items are each base64 of one
 * JSON event, and that it may start with a UTF-8 BOM ("remove UTF8-BOM (necessary in some cases)"): whatsdev drops a
 * leading BOM everywhere. Items that are JSON objects rather than base64 strings are read as events too (lenient, not
 * documented). The compressed payload is zlib (RFC 1950, {@link Inflater}); a gzip stream (magic {@code 1f 8b}, which a
 * zlib header can never start with) is read too, since PHP's {@code zlib_decode} in the docs page accepts both. Raw
 * deflate is not accepted. The inflated size is bounded by {@link #MAX_INFLATED_BYTES}. Base64 is strict (the standard
 * alphabet, or the URL-safe one; whitespace ignored): a corrupt item is refused, not skipped.</li>
 * <li><b>Which events carry the connection status.</b> witime.txt says only: "Once the device scans the qrCode, a series
 * of events will be returned via the PostBack URL:" and lists none; the section that follows is "Connection Status"
 * ({@code status.aspx}). No PostBack body is documented. whatsdev therefore reads a PostBack that is witime's status
 * object as a {@link CallbackEvent.Kind#STATUS} event: a JSON object with a numeric {@code "status"} (witime.txt:
 * {@code "status": 10, // status code}) and at least one of {@code "statusString"} or {@code "connected"} (witime.txt:
 * {@code "statusString": "WhatsAppAuthenticated", // connection status as text}, {@code "connected": true}). A number
 * alone is not enough: {@code clear.aspx} answers {@code "status": true} and a message delivery may carry a numeric status
 * of its own. Where {@code "status"} is absent but {@code "statusString"} is one of the documented strings, its code is
 * used. The code maps with {@link WitimeReader#STATUSES} (witime.txt, "Status codes and their string equivalents": 0, 1,
 * 2, 3, 4, 10, 11, 13); {@code rawStatus} is the code as decimal text; an undocumented code is UNKNOWN.</li>
 * <li><b>Device id.</b> {@code deviceId} is the status object's {@code "WebID"} (witime.txt: {@code "WebID":
 * "6D6307C3-..."}), the id {@link WitimeProvider} gives the instance. witime.txt's {@code status.aspx} example shows the
 * registered webhook as {@code "Webhook": "http://my-erp.com.br&wid=6D6307C3-..."}: witime appends the instance key
 * ({@code wid}) to the PostBack URL, and the example's key equals its WebID. Where the callback's {@code wid} query
 * parameter equals the WebID, the id is the same digest {@code WitimeProvider} uses ({@code instance-} + 12 hex digits of
 * SHA-256), so the key never becomes an id; where the object has no WebID, the digest of {@code wid} names it; with
 * neither, the event names no instance and the delivery is malformed.</li>
 * <li><b>QR events.</b> No QR PostBack is documented. A PostBack object with a textual {@code "qr"} is read as a
 * {@link CallbackEvent.Kind#QR} event in the shape of the {@code generate_qrcode.aspx} answer (witime.txt:
 * {@code "qr": "...", "status":1, "error":"", "ttl":20}, an SVG in base64; {@code ttl} sets the expiry): its
 * {@code status} there is the call's result, not a connection status, so no STATUS event comes from it.</li>
 * <li><b>Other events</b> (messages, acknowledgements, anything that is neither of the above) are left out: not documented,
 * and not a device's lifecycle.</li>
 * <li><b>eventId</b> is the object's top-level {@code "id"} where present, else null: the documented status object has no id.
 * <b>occurredAt</b> is null: no documented PostBack field carries a time, and guessing a field name or epoch unit could
 * misdate an event.</li>
 * <li><b>extra</b> keeps {@code statusString}, {@code connected}, {@code CanRestoreConnection}, and from
 * {@code ConnectionInfo} the {@code phone} (its {@code wid} without {@code @...}) and {@code pushname}. Never the
 * {@code Webhook} field (it echoes {@code &wid=<key>} and the secret).</li>
 * <li><b>Acknowledgement.</b> Neither witime.txt nor README.md documents an answer: the default empty 200.</li>
 * <li><b>Errors.</b> Anything unreadable is a {@link MalformedCallbackException} naming the problem with at most a short
 * excerpt, in which {@code secret=}, {@code wid=} values, the callback's own {@code secret} and {@code wid}, and the
 * event's WebID are masked.</li>
 * </ul>
 * Stateless and thread safe.
 */
public final class WitimeCallbacks implements CallbackDecoder {

    /** The query parameter of the PostBack URL that carries the endpoint's webhookSecret. */
    public static final String SECRET_PARAMETER = "secret";

    /** The query parameter witime appends to the PostBack URL: the instance key (witime.txt, the Webhook field). */
    static final String KEY_PARAMETER = "wid";

    /**
     * The most bytes a {@code BULKGZ,} payload may inflate to. A small deflated stream can inflate to gigabytes (a zip
     * bomb): past this bound the delivery is a {@link MalformedCallbackException}, never an OutOfMemoryError. 16 MiB is
     * far above a bulk of status objects (the documented one is about 1.5 KB) and below any sane heap.
     */
    public static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    static final String BULK = "BULK,";
    static final String BULKGZ = "BULKGZ,";

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** {@code secret=...} and {@code wid=...} in any text (the Webhook field echoes the URL), masked in excerpts. */
    private static final Pattern URL_SECRETS = Pattern.compile("(?i)\\b(secret|wid)=[^&\\s\"',;]*");

    /** The one instance {@link WitimeProvider#callbacks()} gives. */
    static final WitimeCallbacks INSTANCE = new WitimeCallbacks();

    @Override
    public void verify(Callback callback, String secret) throws CallbackRejectedException {
        String received = callback.query().get(SECRET_PARAMETER);
        if (received == null || received.isEmpty()) {
            throw new CallbackRejectedException("the witime PostBack has no '" + SECRET_PARAMETER
                                                + "' query parameter: register the PostBack URL with ?"
                                                + SECRET_PARAMETER + "=<webhookSecret>");
        }
        if (!MessageDigest.isEqual(received.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw new CallbackRejectedException("the witime PostBack's '" + SECRET_PARAMETER
                                                + "' query parameter does not match the endpoint's webhookSecret");
        }
    }

    @Override
    public List<CallbackEvent> decode(Callback callback) throws MalformedCallbackException {
        Reading r = new Reading(callback);
        byte[] body = trimStart(callback.body());
        if (body.length == 0) {
            throw new MalformedCallbackException("witime PostBack: the body is empty");
        }
        List<CallbackEvent> events = new ArrayList<>();
        if (startsWith(body, BULKGZ)) {
            byte[] zipped = r.base64(Arrays.copyOfRange(body, BULKGZ.length(), body.length), "the BULKGZ payload");
            JsonNode items = r.json(trimStart(inflate(zipped)), "the inflated BULKGZ payload");
            r.bulk(items, "BULKGZ", events);
        } else if (startsWith(body, BULK)) {
            JsonNode items = r.json(Arrays.copyOfRange(body, BULK.length(), body.length), "the BULK payload");
            r.bulk(items, "BULK", events);
        } else {
            JsonNode event = r.json(body, "the body");
            if (!event.isObject()) {
                throw r.malformed("the body is not a JSON object but " + WireReader.kind(event), event.toString());
            }
            r.event(event, "the body", events);
        }
        return events;
    }

    /** One decode: the callback's own secrets, masked in every excerpt. */
    private static final class Reading {
        private final Secrets secrets;
        private final String key;

        Reading(Callback callback) {
            this.key = blankToNull(callback.query().get(KEY_PARAMETER));
            this.secrets = Secrets.of(callback.query().get(SECRET_PARAMETER), key);
        }

        String scrub(String text, String webId) {
            String t = URL_SECRETS.matcher(secrets.scrub(text)).replaceAll("$1=" + Secrets.MASK);
            return Secrets.of(webId).scrub(t);
        }

        MalformedCallbackException malformed(String problem, String excerptOf) {
            return malformed(problem, excerptOf, null);
        }

        MalformedCallbackException malformed(String problem, String excerptOf, String webId) {
            String excerpt = excerptOf == null ? "" : scrub(WireJson.excerpt(excerptOf), webId);
            return new MalformedCallbackException("witime PostBack: " + problem + (excerpt.isEmpty() ? "" : ": " + excerpt));
        }

        JsonNode json(byte[] bytes, String what) throws MalformedCallbackException {
            try {
                JsonNode node = WireJson.MAPPER.readTree(bytes);
                if (node == null || node.isMissingNode()) {
                    throw malformed(what + " is empty", null);
                }
                return node;
            } catch (IOException e) {
                throw malformed(what + " is not JSON", new String(bytes, StandardCharsets.UTF_8));
            }
        }

        byte[] base64(byte[] ascii, String what) throws MalformedCallbackException {
            String text = new String(ascii, StandardCharsets.ISO_8859_1).replaceAll("\\s+", "");
            if (text.isEmpty()) {
                throw malformed(what + " is empty", null);
            }
            try {
                boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
                return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
            } catch (IllegalArgumentException e) {
                throw malformed(what + " is not base64", text);
            }
        }

        void bulk(JsonNode items, String mode, List<CallbackEvent> events) throws MalformedCallbackException {
            if (!items.isArray()) {
                throw malformed("the " + mode + " payload is not a JSON array but " + WireReader.kind(items), items.toString());
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String where = mode + " item " + i;
                JsonNode event;
                if (item.isTextual()) {
                    event = json(trimStart(base64(item.asText().getBytes(StandardCharsets.ISO_8859_1), where)), where);
                } else {
                    event = item;
                }
                if (!event.isObject()) {
                    throw malformed(where + " is not a JSON object but " + WireReader.kind(event), event.toString());
                }
                event(event, where, events);
            }
        }

        /** Adds the lifecycle event one PostBack object carries, if any (see the class comment). */
        void event(JsonNode o, String where, List<CallbackEvent> events) throws MalformedCallbackException {
            String webId = blankToNull(WireReader.text(o, "WebID"));
            WitimeReader reader = new WitimeReader(t -> scrub(t, webId));
            JsonNode qr = o.get("qr");
            if (qr != null && qr.isTextual()) {
                String deviceId = deviceId(webId, o, where);
                QrCode code;
                try {
                    code = reader.readQr(o, deviceId);
                } catch (GatewayResponseException e) {
                    throw malformed(where + ": " + e.getProviderMessage(), null);
                }
                events.add(new CallbackEvent(eventId(o), deviceId, CallbackEvent.Kind.QR, null, null, null, code, Map.of()));
                return;
            }
            boolean statusObject = o.has("statusString") || o.has("connected");
            if (!statusObject) {
                return; // a message or another event that is not about the instance's lifecycle
            }
            String raw = code(o, reader, where, webId);
            if (raw == null) {
                return; // statusString/connected without a status code: not a status object
            }
            String deviceId = deviceId(webId, o, where);
            Map<String, Object> extra = new LinkedHashMap<>();
            putText(extra, "statusString", WireReader.text(o, "statusString"));
            try {
                put(extra, "connected", reader.flag(o, "connected", "callback"));
                put(extra, "CanRestoreConnection", reader.flag(o, "CanRestoreConnection", "callback"));
            } catch (GatewayResponseException e) {
                throw malformed(where + ": " + e.getProviderMessage(), null);
            }
            JsonNode info = o.get("ConnectionInfo");
            if (info != null && info.isObject()) {
                String wid = WireReader.text(info, "wid");
                putText(extra, "phone", wid == null ? null : wid.replaceAll("@.*$", ""));
                putText(extra, "pushname", WireReader.text(info, "pushname"));
            }
            events.add(new CallbackEvent(eventId(o), deviceId, CallbackEvent.Kind.STATUS, reader.normalize(raw), raw, null,
                    null, extra));
        }

        /** The status code as decimal text: {@code status}, else the code of a documented {@code statusString}. */
        private String code(JsonNode o, WitimeReader reader, String where, String webId) throws MalformedCallbackException {
            JsonNode status = o.get("status");
            if (status != null && !status.isNull()) {
                if (status.isBoolean()) {
                    return null; // clear.aspx's {"status": true}: a result flag, not a code
                }
                try {
                    return String.valueOf(reader.integer(o, "status", "callback"));
                } catch (GatewayResponseException e) {
                    throw malformed(where + ": 'status' is not a status code but " + WireReader.kind(status), o.toString(),
                            webId);
                }
            }
            String statusString = WireReader.text(o, "statusString");
            for (Map.Entry<String, String> e : WitimeReader.STATUS_STRINGS.entrySet()) {
                if (e.getValue().equals(statusString)) {
                    return e.getKey();
                }
            }
            return null;
        }

        /** The WebID, or the digest of the key where the WebID is the key or absent (see the class comment). */
        private String deviceId(String webId, JsonNode o, String where) throws MalformedCallbackException {
            if (webId != null && !webId.equals(key)) {
                return webId;
            }
            if (key != null) {
                return instanceId(key);
            }
            throw malformed(where + " names no instance: it has no 'WebID' and the PostBack URL no '" + KEY_PARAMETER + "'",
                    o.toString(), webId);
        }

        private static String eventId(JsonNode o) {
            JsonNode id = o.get("id");
            return id != null && (id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank() ? id.asText() : null;
        }
    }

    /** The id WitimeProvider gives an instance whose WebID is its key: never the key itself. */
    static String instanceId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "instance-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** zlib (or gzip) bytes inflated, at most {@link #MAX_INFLATED_BYTES}. */
    static byte[] inflate(byte[] data) throws MalformedCallbackException {
        if (data.length >= 2 && (data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B) {
            return gunzip(data);
        }
        int cmf = data.length >= 2 ? data[0] & 0xFF : 0;
        int flg = data.length >= 2 ? data[1] & 0xFF : 0;
        if ((cmf & 0x0F) != 8 || ((cmf << 8) | flg) % 31 != 0) {
            throw new MalformedCallbackException("witime PostBack: the BULKGZ payload is not zlib (nor gzip) data");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(MAX_INFLATED_BYTES, data.length * 4L + 64));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MalformedCallbackException("witime PostBack: the BULKGZ payload is "
                                                         + (inflater.needsDictionary() ? "zlib with a preset dictionary"
                                                                 : "truncated zlib data"));
                }
                checkBound(out.size() + (long) n);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new MalformedCallbackException("witime PostBack: the BULKGZ payload is corrupt zlib data");
        } finally {
            inflater.end();
        }
    }

    private static byte[] gunzip(byte[] data) throws MalformedCallbackException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1;) {
                checkBound(out.size() + (long) n);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new MalformedCallbackException("witime PostBack: the BULKGZ payload is corrupt gzip data");
        }
    }

    private static void checkBound(long size) throws MalformedCallbackException {
        if (size > MAX_INFLATED_BYTES) {
            throw new MalformedCallbackException("witime PostBack: the BULKGZ payload inflates beyond " + MAX_INFLATED_BYTES
                                                 + " bytes");
        }
    }

    /** The bytes without a leading UTF-8 BOM and leading whitespace. */
    private static byte[] trimStart(byte[] bytes) {
        int i = 0;
        while (true) {
            if (bytes.length - i >= 3 && bytes[i] == BOM[0] && bytes[i + 1] == BOM[1] && bytes[i + 2] == BOM[2]) {
                i += 3;
            } else if (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
                i++;
            } else {
                break;
            }
        }
        return i == 0 ? bytes : Arrays.copyOfRange(bytes, i, bytes.length);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void put(Map<String, Object> extra, String key, Object value) {
        if (value != null) {
            extra.put(key, value);
        }
    }

    private static void putText(Map<String, Object> extra, String key, String value) {
        if (value != null && !value.isBlank()) {
            extra.put(key, value);
        }
    }
}
