package io.whatsdev.camel.provider.evolution;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.Callback;
import io.whatsdev.camel.provider.CallbackDecoder;
import io.whatsdev.camel.provider.CallbackEvent;
import io.whatsdev.camel.provider.CallbackEvent.Kind;
import io.whatsdev.camel.provider.CallbackRejectedException;
import io.whatsdev.camel.provider.MalformedCallbackException;
import io.whatsdev.camel.provider.WireJson;

/**
 * Evolution API v2's webhook deliveries (read at tag 2.3.7, {@code webhook.controller.ts}): one event per POST,
 * {@code {"event","instance","data","destination","date_time","sender","server_url","apikey"}}.
 * <p>
 * <b>Verification.</b> Evolution does not sign bodies (no HMAC). Where the instance's webhook {@code headers} hold a
 * {@code jwt_key}, it sends {@code Authorization: Bearer <JWT>}, HS256 over that key, {@code exp} = {@code iat} + 600 s:
 * whatsdev's {@code webhookSecret} is that key. The JWT is checked here with the JDK alone: a compact JWS of three
 * base64url parts, header {@code alg} exactly {@code HS256} (so {@code none} and every other algorithm are refused; a
 * {@code crit} header too), the HMAC-SHA256 of {@code header.payload} compared in constant time, a numeric
 * {@code exp} that is still ahead of the clock allowing {@link #CLOCK_SKEW}, and an {@code nbf}, where there is one,
 * not ahead of it. The JWT does not cover the body: it proves the sender knows the key, for ten minutes. Where there is
 * no {@code Authorization} header at all, the secret may come as the header {@value #SECRET_HEADER} instead (set in the
 * webhook's {@code headers} too), compared in constant time. An {@code Authorization} header that is present decides:
 * a bad one is refused even if {@value #SECRET_HEADER} is right.
 * <p>
 * <b>Events</b> (the {@code event} field carries the dotted name, {@code connection.update}; the upper-case names,
 * {@code CONNECTION_UPDATE}, are only those of the subscription, so an upper-case {@code event} is not one of these):
 * <ul>
 * <li>{@code connection.update}: {@link Kind#STATUS} with the word of {@code data.state} read through
 * {@link EvolutionReader}'s table as a {@code connectionState} answer read without the instance's row is:
 * {@code open} CONNECTED, {@code connecting} STARTING (the socket is opening; a QR code pending is its own
 * {@code qrcode.updated} event), {@code close} DISCONNECTED (never-paired cannot be told without the row),
 * {@code refused} EXPIRED (the QR code limit); another word is UNKNOWN, with the word as raw status.
 * {@code statusReason} (the Baileys code), {@code wuid} and {@code profileName} go to the extra map.</li>
 * <li>{@code qrcode.updated}: {@link Kind#QR}, the QR code read from {@code data.qrcode.base64} (a PNG data URI) as
 * the reader reads {@code connect}'s; {@code pairingCode} and {@code code} (the QR's text) go to the extra map. The
 * delivery Evolution makes when the QR limit is reached carries {@code {"message","statusCode"}} and no QR code: it
 * gives no event (the {@code connection.update} {@code refused} that follows it carries the status).</li>
 * <li>{@code logout.instance}: {@link Kind#STATUS} DISCONNECTED, raw status {@code logout.instance} (the event's name:
 * Evolution sends no word, {@code data} is null, and the name says why the device is disconnected).</li>
 * <li>{@code remove.instance}: {@link Kind#REMOVED}, DELETED, raw status {@code remove.instance}.</li>
 * <li>Every other event gives none: messages, contacts, and {@code status.instance} too, which Evolution sends only
 * together with {@code logout.instance} and a {@code connection.update} {@code close} that say the same.</li>
 * </ul>
 * The device id is the payload's {@code instance} (where {@code data} names an instance too, it must be the same).
 * Evolution sends no event id: it is null. {@code occurredAt} is {@code date_time}, which Evolution writes in the
 * server's local time with a {@code Z} suffix all the same: on a server that does not run in UTC it is off by the
 * server's offset. {@code sender} and {@code server_url} go to the extra map; {@code apikey} (the instance's token or
 * the global key) never leaves this class, and no message quotes the body.
 */
public final class EvolutionCallbacks implements CallbackDecoder {

    /** The header that carries the secret where Evolution sends no JWT (set in the webhook's {@code headers}). */
    public static final String SECRET_HEADER = "X-Whatsdev-Secret";

    /** How far the clocks of Evolution's server and whatsdev's may differ when {@code exp} and {@code nbf} are checked. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    public static final String CONNECTION_UPDATE = "connection.update";
    public static final String QRCODE_UPDATED = "qrcode.updated";
    public static final String LOGOUT_INSTANCE = "logout.instance";
    public static final String REMOVE_INSTANCE = "remove.instance";

    /** Longest bearer token looked at: Evolution's are a few hundred characters. */
    private static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private static final String OPERATION = "callback";

    private final Clock clock;

    /** The QR codes are read as the reader reads {@code connect}'s; its messages are not passed on. */
    private final EvolutionReader reader = new EvolutionReader(EvolutionReader::maskOtherSecrets);

    public EvolutionCallbacks() {
        this(Clock.systemUTC());
    }

    /** With the clock {@code exp} is checked against (tests fix it). */
    public EvolutionCallbacks(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---------------------------------------------------------------- verify

    @Override
    public void verify(Callback callback, String secret) throws CallbackRejectedException {
        if (secret == null || secret.isEmpty()) {
            throw new CallbackRejectedException("no webhookSecret to verify Evolution's callback with");
        }
        String authorization = callback.header("Authorization");
        if (authorization != null) {
            String[] parts = authorization.trim().split("\\s+", 2);
            if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
                throw new CallbackRejectedException("the Authorization header is not 'Bearer <JWT>' (Evolution sends a JWT where "
                                                    + "the webhook's headers have a jwt_key)");
            }
            verifyJwt(parts[1].trim(), secret);
            return;
        }
        String given = callback.header(SECRET_HEADER);
        if (given == null) {
            throw new CallbackRejectedException("neither an Authorization header (Evolution sends 'Bearer <JWT>' where the "
                                                + "webhook's headers have a jwt_key) nor a " + SECRET_HEADER + " header");
        }
        if (!constantTimeEquals(given, secret)) {
            throw new CallbackRejectedException("the " + SECRET_HEADER + " header is not the webhookSecret");
        }
    }

    /** An HS256 JWT signed with the secret, not expired. */
    private void verifyJwt(String token, String secret) throws CallbackRejectedException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new CallbackRejectedException("the bearer token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !BASE64URL.matcher(parts[0]).matches() || !BASE64URL.matcher(parts[1]).matches()
            || !parts[2].isEmpty() && !BASE64URL.matcher(parts[2]).matches()) {
            throw new CallbackRejectedException("the bearer token is not a JWT (three base64url parts joined by '.')");
        }
        JsonNode header = jwtPart(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new CallbackRejectedException("the JWT's header has no alg");
        }
        if (!"HS256".equals(alg.asText())) {
            // the algorithm is not chosen by the sender: 'none', RS256, HS512... are all refused
            throw new CallbackRejectedException("the JWT's alg is not HS256 (Evolution signs with HS256; 'none' and other "
                                                + "algorithms are refused)");
        }
        if (header.has("crit")) {
            throw new CallbackRejectedException("the JWT's header has a crit parameter, which whatsdev does not understand");
        }
        byte[] signature = parts[2].isEmpty() ? new byte[0] : Base64.getUrlDecoder().decode(parts[2]);
        byte[] expected = hmacSha256(secret, parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new CallbackRejectedException("the JWT's signature does not verify with the webhookSecret (the webhook's jwt_key)");
        }
        JsonNode claims = jwtPart(parts[1], "payload");
        Instant now = clock.instant();
        Instant exp = numericDate(claims, "exp");
        if (exp == null) {
            throw new CallbackRejectedException("the JWT has no exp (Evolution's expire 600 s after they are issued)");
        }
        if (!now.isBefore(exp.plus(CLOCK_SKEW))) {
            throw new CallbackRejectedException("the JWT expired at " + exp + " (now " + now + ", " + CLOCK_SKEW.toSeconds()
                                                + " s of clock skew allowed)");
        }
        Instant nbf = numericDate(claims, "nbf");
        if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf)) {
            throw new CallbackRejectedException("the JWT is not valid before " + nbf + " (now " + now + ")");
        }
    }

    /** A JWT part: base64url of a JSON object. */
    private static JsonNode jwtPart(String part, String what) throws CallbackRejectedException {
        try {
            JsonNode node = WireJson.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | IllegalArgumentException e) {
            // not base64url, or not JSON: said below, without the part
        }
        throw new CallbackRejectedException("the JWT's " + what + " is not a base64url JSON object");
    }

    /** A NumericDate claim (seconds since the epoch, a fraction allowed); null where absent; else refused. */
    private static Instant numericDate(JsonNode claims, String claim) throws CallbackRejectedException {
        JsonNode v = claims.get(claim);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new CallbackRejectedException("the JWT's " + claim + " is not a number");
        }
        try {
            BigDecimal seconds = v.decimalValue();
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValue());
        } catch (ArithmeticException | DateTimeException e) {
            throw new CallbackRejectedException("the JWT's " + claim + " is out of range");
        }
    }

    private static byte[] hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Equal strings, in a time that depends on neither (both are hashed first, so their lengths do not show). */
    private static boolean constantTimeEquals(String a, String b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] da = sha.digest(a.getBytes(StandardCharsets.UTF_8));
            byte[] db = sha.digest(b.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(da, db);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    // ---------------------------------------------------------------- decode

    @Override
    public List<CallbackEvent> decode(Callback callback) throws MalformedCallbackException {
        if (callback.body().length == 0) {
            throw malformed("the body is empty");
        }
        JsonNode root;
        try {
            root = WireJson.MAPPER.readTree(callback.body());
        } catch (IOException e) {
            throw malformed("the body is not one JSON document"); // no excerpt: it may hold the apikey
        }
        if (root == null || !root.isObject()) {
            throw malformed("the body is not a JSON object");
        }
        String event = text(root, "event", "the payload");
        switch (event) {
            case CONNECTION_UPDATE:
                return List.of(connectionUpdate(root));
            case QRCODE_UPDATED:
                return qrcodeUpdated(root);
            case LOGOUT_INSTANCE:
                return List.of(new CallbackEvent(null, instance(root), Kind.STATUS, DeviceStatus.DISCONNECTED, LOGOUT_INSTANCE,
                        occurredAt(root), null, envelopeExtra(root)));
            case REMOVE_INSTANCE:
                return List.of(new CallbackEvent(null, instance(root), Kind.REMOVED, DeviceStatus.DELETED, REMOVE_INSTANCE,
                        occurredAt(root), null, envelopeExtra(root)));
            default:
                return List.of(); // not about a device's lifecycle
        }
    }

    private CallbackEvent connectionUpdate(JsonNode root) throws MalformedCallbackException {
        String instance = instance(root);
        JsonNode data = data(root, CONNECTION_UPDATE);
        sameInstance(data, instance, "data");
        String word = text(data, "state", "data of " + CONNECTION_UPDATE);
        // as connectionState read without the row: connecting is the socket opening, close is disconnected
        DeviceStatus status = reader.normalize(word);
        Map<String, Object> extra = envelopeExtra(root);
        Long reason = integer(data, "statusReason", CONNECTION_UPDATE);
        if (reason != null) {
            extra.put("statusReason", reason);
        }
        putText(extra, "wuid", data, "wuid", CONNECTION_UPDATE);
        putText(extra, "profileName", data, "profileName", CONNECTION_UPDATE);
        return new CallbackEvent(null, instance, Kind.STATUS, status, word, occurredAt(root), null, extra);
    }

    private List<CallbackEvent> qrcodeUpdated(JsonNode root) throws MalformedCallbackException {
        String instance = instance(root);
        JsonNode data = data(root, QRCODE_UPDATED);
        JsonNode qrcode = data.get("qrcode");
        if ((qrcode == null || qrcode.isNull()) && data.has("statusCode")) {
            // {"message":"QR code limit reached, please login again","statusCode":500}: no QR code; the
            // connection.update refused that Evolution sends next says what became of the device
            return List.of();
        }
        if (qrcode == null || !qrcode.isObject()) {
            throw malformed(QRCODE_UPDATED + ": data.qrcode is not an object");
        }
        sameInstance(qrcode, instance, "data.qrcode");
        String base64 = text(qrcode, "base64", "data.qrcode of " + QRCODE_UPDATED);
        QrCode qr;
        try {
            qr = reader.qr(instance, base64, OPERATION, false, null, null);
        } catch (GatewayResponseException e) {
            throw malformed(QRCODE_UPDATED + ": data.qrcode.base64 is neither a data: URI nor base64 of a PNG, JPEG or SVG image");
        }
        Map<String, Object> extra = envelopeExtra(root);
        putText(extra, "pairingCode", qrcode, "pairingCode", QRCODE_UPDATED);
        putText(extra, "code", qrcode, "code", QRCODE_UPDATED);
        return List.of(new CallbackEvent(null, instance, Kind.QR, null, null, occurredAt(root), qr, extra));
    }

    // ---------------------------------------------------------------- fields

    private static String instance(JsonNode root) throws MalformedCallbackException {
        return text(root, "instance", "the payload");
    }

    private static JsonNode data(JsonNode root, String event) throws MalformedCallbackException {
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw malformed(event + ": data is not an object");
        }
        return data;
    }

    /** Where {@code node} names an instance, it is the payload's. */
    private static void sameInstance(JsonNode node, String instance, String where) throws MalformedCallbackException {
        JsonNode v = node.get("instance");
        if (v != null && !v.isNull() && !(v.isTextual() && v.asText().equals(instance))) {
            throw malformed(where + ".instance is not the payload's instance");
        }
    }

    /** A required, non-blank string field. */
    private static String text(JsonNode node, String field, String where) throws MalformedCallbackException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw malformed(where + " has no '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw malformed("'" + field + "' of " + where + " is not a non-empty string");
        }
        return v.asText();
    }

    /** An optional string field into the extra map; a value of another type is refused. */
    private static void putText(Map<String, Object> extra, String key, JsonNode node, String field, String event)
            throws MalformedCallbackException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isTextual()) {
            throw malformed(event + ": '" + field + "' is not a string");
        }
        if (!v.asText().isBlank()) {
            extra.put(key, v.asText());
        }
    }

    private static Long integer(JsonNode node, String field, String event) throws MalformedCallbackException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().trim().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(v.asText().trim());
        }
        throw malformed(event + ": '" + field + "' is not an integer");
    }

    /** {@code date_time}; null where absent; refused where it is not an ISO-8601 time (see the class comment). */
    private static Instant occurredAt(JsonNode root) throws MalformedCallbackException {
        JsonNode v = root.get("date_time");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw malformed("'date_time' is not a string");
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v.asText()).toInstant();
            } catch (DateTimeParseException e2) {
                throw malformed("'date_time' is not an ISO-8601 time");
            }
        }
    }

    /** {@code sender} (the instance's own JID) and {@code server_url}; never {@code apikey} nor {@code destination}. */
    private static Map<String, Object> envelopeExtra(JsonNode root) throws MalformedCallbackException {
        Map<String, Object> extra = new LinkedHashMap<>();
        putText(extra, "sender", root, "sender", "the payload");
        putText(extra, "serverUrl", root, "server_url", "the payload");
        return extra;
    }

    private static MalformedCallbackException malformed(String problem) {
        return new MalformedCallbackException("Evolution callback: " + problem);
    }
}
