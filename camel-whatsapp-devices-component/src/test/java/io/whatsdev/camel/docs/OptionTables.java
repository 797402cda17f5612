package io.whatsdev.camel.docs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes the docs' option and header tables (AsciiDoc) from the component's generated descriptor, the way Camel's
 * component pages are made from theirs.
 */
final class OptionTables {

    static final String HEADER = "// Generated from the component's metadata by the build: do not edit.\n"
                                 + "// DocsInSyncTest regenerates this file when it is out of date.\n";

    private OptionTables() {
    }

    static String options(JsonNode descriptor) {
        StringBuilder sb = new StringBuilder(HEADER);
        JsonNode component = descriptor.path("componentProperties");
        sb.append("\n=== Component options\n\n");
        sb.append("The component supports ").append(component.size())
                .append(" options, set once for all endpoints (`camel.component.whatsdev.*`).\n\n");
        table(sb, component);
        JsonNode props = descriptor.path("properties");
        List<Map.Entry<String, JsonNode>> path = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> query = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            ("path".equals(e.getValue().path("kind").asText()) ? path : query).add(e);
        }
        sb.append("\n=== Endpoint options\n\nThe endpoint is configured using URI syntax: `")
                .append(descriptor.path("component").path("syntax").asText()).append("`, with these path parameters:\n\n");
        table(sb, path);
        sb.append("\nand these query parameters (").append(query.size()).append("):\n\n");
        table(sb, query);
        return sb.toString();
    }

    static String headers(JsonNode descriptor) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("\n[width=\"100%\",cols=\"2,5,1,1\",options=\"header\"]\n|===\n| Name | Description | Label | Type\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = descriptor.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode h = e.getValue();
            sb.append("| `").append(e.getKey()).append("` | ").append(cell(h.path("description").asText())).append(" | ")
                    .append(cell(h.path("label").asText("common"))).append(" | `")
                    .append(simpleType(h.path("javaType").asText())).append("`\n");
        }
        return sb.append("|===\n").toString();
    }

    /** A gateway's operations (every operation: native, composed or not supported) and its status table. */
    static String gateway(io.whatsdev.camel.provider.GatewayProvider p) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("\n.Operations of ").append(p.name()).append("\n[cols=\"2,2,5\",options=\"header\"]\n|===\n| Operation | Support | Body\n");
        for (io.whatsdev.camel.WhatsDevOperation op : io.whatsdev.camel.WhatsDevOperation.values()) {
            io.whatsdev.camel.provider.Support s = p.operations().get(op);
            String others = String.join(", ", io.whatsdev.camel.provider.GatewayProviders.supporting(op));
            sb.append("| `").append(op).append("` | ").append(s == null ? "not supported" : s.name().toLowerCase())
                    .append(" | ").append(s == null ? (others.isEmpty() ? "-" : "refused when the endpoint is created; supported by " + others)
                            : BODY.get(op)).append("\n");
        }
        sb.append("|===\n\n.Status mapping of ").append(p.name()).append("\n[cols=\"3,2\",options=\"header\"]\n|===\n| Raw value | Normalized\n");
        p.statusMapping().forEach((raw, status) -> sb.append("| `").append(raw).append("` | `").append(status).append("`\n"));
        return sb.append("|===\n\nAny other value is `UNKNOWN`, with the raw value kept.\n").toString();
    }

    private static final Map<io.whatsdev.camel.WhatsDevOperation, String> BODY = Map.ofEntries(
            Map.entry(io.whatsdev.camel.WhatsDevOperation.list, "`List<Device>`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.get, "`Device`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.status, "`Device`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.create, "`Device`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.qr, "`QrCode`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.pairingCode, "`PairingCode`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.logout, "`Device`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.closeSession, "`Device`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.restoreSession, "`Device`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.saveSession, "`OperationResult`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.delete, "`OperationResult`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.clear, "`OperationResult`"),
            Map.entry(io.whatsdev.camel.WhatsDevOperation.setWebhook, "`Device`"));

    private static void table(StringBuilder sb, JsonNode props) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        props.fields().forEachRemaining(entries::add);
        table(sb, entries);
    }

    private static void table(StringBuilder sb, List<Map.Entry<String, JsonNode>> entries) {
        sb.append("[width=\"100%\",cols=\"2,5,1,1,1\",options=\"header\"]\n|===\n| Name | Description | Group | Default | Type\n");
        for (Map.Entry<String, JsonNode> e : entries) {
            JsonNode p = e.getValue();
            String description = p.path("description").asText();
            if (p.path("secret").asBoolean()) {
                description += " (secret: masked wherever Camel prints the URI)";
            }
            if (p.path("required").asBoolean()) {
                description += " (required)";
            }
            if (p.has("enum")) {
                List<String> values = new ArrayList<>();
                p.path("enum").forEach(v -> values.add(v.asText()));
                description += " Allowed: " + String.join(", ", values) + ".";
            }
            sb.append("| *").append(e.getKey()).append("* | ").append(cell(description)).append(" | ")
                    .append(cell(p.path("group").asText())).append(" | ")
                    .append(p.has("defaultValue") ? "`" + cell(p.path("defaultValue").asText()) + "`" : "").append(" | `")
                    .append(simpleType(p.path("javaType").asText())).append("`\n");
        }
        sb.append("|===\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("{", "\\{").replace("\n", " ");
    }

    private static String simpleType(String javaType) {
        String t = javaType.replaceAll("<.*>", "");
        return t.substring(t.lastIndexOf('.') + 1);
    }
}
