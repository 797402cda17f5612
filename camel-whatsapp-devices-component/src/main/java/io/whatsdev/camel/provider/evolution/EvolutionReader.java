package io.whatsdev.camel.provider.evolution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.DeviceAlreadyConnectedException;
import io.whatsdev.camel.exception.GatewayBadRequestException;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.exception.GatewayUnavailableException;
import io.whatsdev.camel.exception.WhatsDevException;
import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.OperationResult;
import io.whatsdev.camel.model.PairingCode;
import io.whatsdev.camel.model.QrCode;
import io.whatsdev.camel.provider.Inputs;
import io.whatsdev.camel.provider.Secrets;
import io.whatsdev.camel.provider.WireReader;

/**
 * Reads Evolution's answers into the model: the rows of {@code fetchInstances}, the {@code connectionState} answer
 * ({@code {"instance":{"instanceName","state"}}}), the create answer, and the three answers of {@code connect} (a QR
 * object {@code {"pairingCode","code","base64","count"}}, {@code {"count":0}} before the first QR, or the connection
 * state where the instance is {@code open}).
 * <p>
 * One word, two situations, told apart by the instance's row (whatsdev's keys in the status table):
 * <ul>
 * <li>{@code close}: the row has an {@code ownerJid} (the instance was linked once: {@link #CLOSE}) or not (never
 * paired: {@link #CLOSE_NEVER_PAIRED}); Evolution keeps {@code ownerJid} after a logout.</li>
 * <li>{@code connecting}: the row says {@code connecting} too, which Evolution writes only when it issues a QR code
 * (a scan is awaited: {@link #CONNECTING_QR}), or it does not (the socket is opening, restoring saved credentials or
 * reconnecting: {@link #CONNECTING}). A row read alone (a list) that says {@code connecting} is {@link #CONNECTING_QR}.</li>
 * </ul>
 * The {@code rawStatus} of a device is always Evolution's own word; where an answer carries none (logout, and the
 * QR forms of {@code connect}) it is null.
 * <p>
 * Strict: every field whatsdev relies on is checked, every surprise a {@link GatewayResponseException}.
 */
public final class EvolutionReader extends WireReader {

    public static final String OPEN = "open";
    public static final String CONNECTING = "connecting";
    public static final String CONNECTING_QR = "connecting (QR issued)";
    public static final String CLOSE = "close";
    public static final String CLOSE_NEVER_PAIRED = "close (never paired)";
    public static final String REFUSED = "refused";

    /** Fields of a row that the device holds elsewhere, and the instance's own API key, which never leaves the reader. */
    private static final Set<String> ROW_FIELDS = Set.of("id", "name", "connectionStatus", "createdAt", "updatedAt", "token");

    private static final String NAME = EvolutionProvider.NAME;

    /**
     * The values of fields that hold another credential than the endpoint's own: an instance's token ({@code token} of
     * a row, {@code hash} of create), a webhook's {@code jwt_key}, an integration's token. Masked wherever an answer is
     * quoted in an exception, as the endpoint's key is (a quote may be cut short: so may the value).
     */
    private static final Pattern OTHER_SECRETS = Pattern.compile(
            "(\"(?:token|hash|jwt_key|wavoipToken|apikey|password)\"\\s*:\\s*\")[^\"]*(\"|$)");

    public EvolutionReader(UnaryOperator<String> scrub) {
        super(NAME, EvolutionProvider.STATUSES, text -> scrub.apply(maskOtherSecrets(text)));
    }

    /** The text with the values of {@link #OTHER_SECRETS} replaced by the mask. */
    static String maskOtherSecrets(String text) {
        return text == null ? null : OTHER_SECRETS.matcher(text).replaceAll("$1" + Secrets.MASK + "$2");
    }

    // ---------------------------------------------------------------- fetchInstances

    /** {@code GET /instance/fetchInstances}: the answer is a JSON array of rows. */
    @Override
    public String listArrayField() {
        return "";
    }

    @Override
    public Device readListEntry(JsonNode entry) throws GatewayResponseException {
        return row(entry, "list");
    }

    /**
     * The device of a {@code get} ({@code fetchInstances?instanceName=}, an array of one row), of a {@code status}
     * ({@code connectionState}, read without the row: {@code close} is {@link #CLOSE} and {@code connecting}
     * {@link #CONNECTING}) or of a {@code create} answer.
     */
    @Override
    public Device readDevice(JsonNode answer, String operation) throws GatewayResponseException {
        return switch (operation) {
            case "get" -> readInstance(answer, null, "get");
            case "status" -> readStatus(answer, null, null, "status");
            case "create" -> readCreated(answer, null);
            default -> throw new IllegalArgumentException(NAME + "'s reader reads no device from a " + operation + " answer");
        };
    }

    /** The one row of {@code fetchInstances?instanceName=}: an array of exactly one, the instance asked for. */
    public Device readInstance(JsonNode answer, String instance, String operation) throws GatewayResponseException {
        return row(oneRow(answer, instance, operation), operation);
    }

    private JsonNode oneRow(JsonNode answer, String instance, String operation) throws GatewayResponseException {
        array(answer, operation, "the answer", answer);
        if (answer.size() != 1) {
            throw malformed(operation, "the answer lists " + answer.size() + " instances, not the one asked for", answer);
        }
        JsonNode row = entry(answer.get(0), operation);
        String name = requiredText(row, "name", operation);
        if (instance != null && !instance.equals(name)) {
            throw malformed(operation, "the answer is about instance '" + scrub(Inputs.printable(name)) + "', not '" + instance + "'",
                    row);
        }
        return row;
    }

    /** One row of the instance table, as fetchInstances gives it. */
    private Device row(JsonNode row, String operation) throws GatewayResponseException {
        entry(row, operation);
        String name = requiredText(row, "name", operation);
        String word = requiredText(row, "connectionStatus", operation);
        String ownerJid = optionalText(row, "ownerJid", operation);
        String number = optionalText(row, "number", operation);
        optionalText(row, "profileName", operation);
        Device.Builder b = Device.builder(NAME).id(name).name(name).phone(ownerJid != null ? phoneOf(ownerJid) : number)
                .status(normalize(rowKey(word, ownerJid))).rawStatus(word).connected(OPEN.equalsIgnoreCase(word))
                .createdAt(instant(row, "createdAt")).updatedAt(instant(row, "updatedAt"));
        b.extra("instanceId", text(row, "id"));
        row.fields().forEachRemaining(e -> {
            String k = e.getKey();
            // capitalised fields are the row's relations (Chatwoot, Proxy, Setting, ...), which hold those integrations'
            // own credentials: they stay out of the device, as does the instance's token
            if (!ROW_FIELDS.contains(k) && !k.isEmpty() && !Character.isUpperCase(k.charAt(0))) {
                b.extra(k, plain(e.getValue()));
            }
        });
        return b.build();
    }

    /** The status key of a row read alone. */
    private static String rowKey(String word, String ownerJid) {
        if (CLOSE.equalsIgnoreCase(word)) {
            return ownerJid == null ? CLOSE_NEVER_PAIRED : CLOSE;
        }
        if (CONNECTING.equalsIgnoreCase(word)) {
            return CONNECTING_QR; // the row says connecting only once a QR code was issued
        }
        return word;
    }

    // ---------------------------------------------------------------- connectionState

    /** Whether a connectionState answer needs the instance's row to tell its situation ({@code close}, {@code connecting}). */
    public static boolean needsRow(JsonNode state) {
        String word = text(state == null ? null : state.get("instance"), "state");
        return CLOSE.equalsIgnoreCase(word) || CONNECTING.equalsIgnoreCase(word);
    }

    /**
     * The device of {@code connectionState}, with the instance's row where one was read ({@link #needsRow}): the live
     * {@code state} is the raw status, the row tells never-paired from disconnected and a pending QR from an opening
     * socket, and gives the rest of the device.
     */
    public Device readStatus(JsonNode state, JsonNode rows, String instance, String operation) throws GatewayResponseException {
        if (state == null || !state.isObject()) {
            throw malformed(operation, "the answer is not an object but " + kind(state), state);
        }
        JsonNode inner = object(state, "instance", operation);
        String name = requiredText(inner, "instanceName", operation);
        if (instance != null && !instance.equals(name)) {
            throw malformed(operation, "the answer is about instance '" + scrub(Inputs.printable(name)) + "', not '" + instance + "'",
                    state);
        }
        String word = requiredText(inner, "state", operation);
        if (rows == null) {
            return Device.builder(NAME).id(name).name(name).status(normalize(word)).rawStatus(word)
                    .connected(OPEN.equalsIgnoreCase(word)).build();
        }
        JsonNode row = oneRow(rows, name, operation);
        Device d = row(row, operation);
        String key = word;
        if (CLOSE.equalsIgnoreCase(word)) {
            key = text(row, "ownerJid") == null ? CLOSE_NEVER_PAIRED : CLOSE;
        } else if (CONNECTING.equalsIgnoreCase(word)) {
            key = CONNECTING.equalsIgnoreCase(text(row, "connectionStatus")) ? CONNECTING_QR : CONNECTING;
        }
        return d.toBuilder().status(normalize(key)).rawStatus(word).connected(OPEN.equalsIgnoreCase(word))
                .extra("connectionStatus", text(row, "connectionStatus")).build();
    }

    // ---------------------------------------------------------------- create

    /**
     * The device of a create answer: {@code {"instance":{"instanceName","instanceId","integration","status"},"hash",
     * "webhook","settings","qrcode"}}. A new instance was never paired; its QR code, where the answer carries one, is
     * kept in the extra map ({@code qrcode}); {@code hash} (the instance's own API key) is not.
     */
    public Device readCreated(JsonNode answer, String instance) throws GatewayResponseException {
        if (answer == null || !answer.isObject()) {
            throw malformed("create", "the answer is not an object but " + kind(answer), answer);
        }
        JsonNode inner = object(answer, "instance", "create");
        String name = requiredText(inner, "instanceName", "create");
        if (instance != null && !instance.equals(name)) {
            throw malformed("create", "the answer is about instance '" + scrub(Inputs.printable(name)) + "', not '" + instance + "'",
                    answer);
        }
        String word = requiredText(inner, "status", "create");
        JsonNode qrcode = answer.get("qrcode");
        if (qrcode != null && !qrcode.isNull() && !qrcode.isObject()) {
            throw malformed("create", "'qrcode' is not an object but " + kind(qrcode), answer);
        }
        boolean qrIssued = qrcode != null && qrcode.isObject() && qrIssued(qrcode, "create");
        String key = word;
        if (CLOSE.equalsIgnoreCase(word)) {
            key = CLOSE_NEVER_PAIRED;
        } else if (CONNECTING.equalsIgnoreCase(word)) {
            key = qrIssued ? CONNECTING_QR : CONNECTING;
        }
        JsonNode webhook = answer.get("webhook");
        return Device.builder(NAME).id(name).name(name).status(normalize(key)).rawStatus(word)
                .connected(OPEN.equalsIgnoreCase(word)).extra("instanceId", optionalText(inner, "instanceId", "create"))
                .extra("integration", optionalText(inner, "integration", "create"))
                .extra("webhookUrl", webhook != null && webhook.isObject() ? text(webhook, "webhookUrl") : null)
                .extra("qrcode", qrIssued ? plain(qrcode) : null).build();
    }

    // ---------------------------------------------------------------- connect

    /** The QR code of a {@code connect} answer. */
    public QrCode readQr(JsonNode answer, String instance) throws WhatsDevException {
        JsonNode qr = connectAnswer(answer, instance, "qr");
        String base64 = optionalText(qr, "base64", "qr");
        if (base64 == null) {
            throw notYet("qr", "Evolution has issued no QR code yet", qr);
        }
        // a data: URI of a PNG; plain base64 is read too, a link is refused (none is documented)
        return qr(instance, base64, "qr", false, null, null);
    }

    /** The pairing code of a {@code connect?number=} answer. */
    public PairingCode readPairingCode(JsonNode answer, String instance, String phone) throws WhatsDevException {
        JsonNode qr = connectAnswer(answer, instance, "pairingCode");
        String code = optionalText(qr, "pairingCode", "pairingCode");
        if (code != null) {
            return new PairingCode(NAME, instance, phone, code, null);
        }
        if (optionalText(qr, "base64", "pairingCode") == null && optionalText(qr, "code", "pairingCode") == null) {
            throw notYet("pairingCode", "Evolution has issued no pairing code yet", qr);
        }
        throw new GatewayBadRequestException(NAME, "pairingCode", 200, "Evolution issued a QR code but no pairing code: it uses "
                                                                       + "'number' only when the instance is close; log the "
                                                                       + "instance out (or let its QR codes run out) and ask again");
    }

    /**
     * The device after {@code connect} on an instance with saved credentials: {@code open} where it was connected
     * already, {@link #CONNECTING} (the socket opening, no QR code) where the answer has no QR code, and
     * {@link #CONNECTING_QR} where Evolution issued one: then there was no session to restore and a scan is awaited.
     * The QR forms carry no status word: the raw status is null.
     */
    public Device readRestored(JsonNode answer, String instance) throws WhatsDevException {
        if (answer != null && answer.isObject() && answer.has("instance")) {
            return readStatus(answer, null, instance, "restoreSession");
        }
        JsonNode qr = connectAnswer(answer, instance, "restoreSession");
        boolean issued = qrIssued(qr, "restoreSession");
        return Device.builder(NAME).id(instance).name(instance).status(normalize(issued ? CONNECTING_QR : CONNECTING))
                .connected(false).extra("count", integer(qr, "count", "restoreSession")).build();
    }

    /**
     * The QR object of a connect answer; the connection state ({@code open}) where the instance is connected is
     * {@link DeviceAlreadyConnectedException}.
     */
    private JsonNode connectAnswer(JsonNode answer, String instance, String operation) throws WhatsDevException {
        if (answer == null || !answer.isObject()) {
            throw malformed(operation, "the answer is not an object but " + kind(answer), answer);
        }
        if (answer.has("instance")) {
            Device d = readStatus(answer, null, instance, operation);
            if (d.getStatus() == DeviceStatus.CONNECTED) {
                throw new DeviceAlreadyConnectedException(NAME, operation, 200, "instance " + instance
                                                                                + " is already connected (state open)");
            }
            throw malformed(operation, "the answer is a connection state (" + scrub(Inputs.printable(d.getRawStatus()))
                                       + "), not a QR code", answer);
        }
        // every field is checked even where the operation needs only one of them
        optionalText(answer, "code", operation);
        optionalText(answer, "base64", operation);
        optionalText(answer, "pairingCode", operation);
        integer(answer, "count", operation);
        return answer;
    }

    /** Whether a QR object holds a QR code: a {@code base64} or {@code code}, or a {@code count} above 0. */
    private boolean qrIssued(JsonNode qr, String operation) throws GatewayResponseException {
        Long count = integer(qr, "count", operation);
        return optionalText(qr, "base64", operation) != null || optionalText(qr, "code", operation) != null
               || count != null && count > 0;
    }

    /** No QR code or pairing code yet (#2385): asking again in a few seconds helps. */
    private GatewayUnavailableException notYet(String operation, String what, JsonNode qr) throws GatewayResponseException {
        Long count = integer(qr, "count", operation);
        return new GatewayUnavailableException(NAME, operation, 200, what + (count == null ? "" : " (count " + count + ")")
                                                                     + "; ask again in a few seconds");
    }

    // ---------------------------------------------------------------- logout, delete, webhook

    /**
     * The device after a logout. Evolution answers {@code {"status":"SUCCESS","error":false,"response":{"message":
     * "Instance logged out"}}}, without the instance: a successful logout leaves it {@code close}, and it was paired or
     * at least showing a QR code (a {@code close} instance is refused with HTTP 400), so the device is
     * {@code DISCONNECTED}, with no raw status (the answer carries none) and the gateway's message in the extra map.
     */
    public Device readLoggedOut(JsonNode answer, String instance) throws GatewayResponseException {
        String message = success(answer, "logout");
        return Device.builder(NAME).id(instance).name(instance).status(DeviceStatus.DISCONNECTED).connected(false)
                .extra("message", message).build();
    }

    /** The result of a delete: {@code {"status":"SUCCESS","error":false,"response":{"message":"Instance deleted"}}}. */
    public OperationResult readDeleted(JsonNode answer, String instance) throws GatewayResponseException {
        return new OperationResult(NAME, "delete", instance, success(answer, "delete"), null);
    }

    /** The SUCCESS envelope's message; a {@code status} other than SUCCESS is refused. */
    private String success(JsonNode answer, String operation) throws GatewayResponseException {
        if (answer == null || !answer.isObject()) {
            throw malformed(operation, "the answer is not an object but " + kind(answer), answer);
        }
        String status = optionalText(answer, "status", operation);
        if (status != null && !"SUCCESS".equalsIgnoreCase(status)) {
            throw malformed(operation, "'status' is not SUCCESS", answer);
        }
        JsonNode response = answer.get("response");
        if (response != null && !response.isNull() && !response.isObject()) {
            throw malformed(operation, "'response' is not an object but " + kind(response), answer);
        }
        return optionalText(response, "message", operation);
    }

    /**
     * What {@code POST /webhook/set} stored: its answer is the instance's webhook row; whatsdev keeps {@code url},
     * {@code enabled}, {@code events}, {@code webhookByEvents} and {@code webhookBase64}, never its {@code headers}
     * (which may carry a {@code jwt_key}).
     */
    public Map<String, Object> readWebhook(JsonNode answer, String operation) throws GatewayResponseException {
        if (answer == null || !answer.isObject()) {
            throw malformed(operation, "the answer is not an object but " + kind(answer), answer);
        }
        Map<String, Object> hook = new LinkedHashMap<>();
        for (String field : List.of("url", "enabled", "events", "webhookByEvents", "webhookBase64")) {
            Object v = plain(answer.get(field));
            if (v != null) {
                hook.put(field, v);
            }
        }
        return hook;
    }

    // ---------------------------------------------------------------- fields

    /** An optional text field: absent or null is null, a string is its value, anything else is refused. */
    private String optionalText(JsonNode node, String field, String operation) throws GatewayResponseException {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw malformed(operation, "'" + field + "' is not a string but " + kind(v), node);
        }
        return v.asText().isBlank() ? null : v.asText();
    }

    /** The phone of a JID: {@code 5511999999999@s.whatsapp.net} (a {@code :device} suffix dropped). */
    static String phoneOf(String jid) {
        return jid.replaceAll("[:@].*$", "");
    }
}
