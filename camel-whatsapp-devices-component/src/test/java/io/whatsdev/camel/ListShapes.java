package io.whatsdev.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Each gateway's device-list answer, well formed and in the wrong shapes a misbehaving gateway sends, for the fault suite
 * and the fuzz seeds. {@link #uri(String, String)} gives an endpoint URI with a token that is easy to spot in captured
 * text. witime has no list call (one key is one instance, whose status is read), so its wrong shapes are those of the
 * status answer.
 */
enum ListShapes {

    WHATSGATE_NET("whatsgate-net", "connected", "disconnected", "subdomain=acme&token=") {
        @Override
        String entry(String id, String status) {
            return "{\"mobile\":\"" + id + "\",\"name\":\"n\",\"status\":\"" + status + "\",\"connected\":" + status.equals("connected")
                   + "}";
        }

        @Override
        String list(String entries) {
            return "{\"success\":true,\"data\":[" + entries + "],\"total\":1}";
        }

        @Override
        String numberNotANumber() {
            return list("{\"mobile\":\"628111000001\",\"status\":\"connected\",\"connected\":\"yes\"}");
        }
    },
    WHATSPIE("whatspie", "PAIRED", "UNPAIRED", "token=") {
        @Override
        String entry(String id, String status) {
            return "{\"id\":" + id + ",\"phone\":\"62811\",\"paired_status\":\"" + status + "\"}";
        }

        @Override
        String list(String entries) {
            return "{\"status\":200,\"message\":\"OK\",\"data\":[" + entries + "]}";
        }

        @Override
        String numberNotANumber() {
            return list("{\"id\":\"12a\",\"phone\":\"62811\",\"paired_status\":\"PAIRED\"}");
        }
    },
    WASSLY("wassly", "connected", "disconnected", "apiKey=FAULT-APIKEY-2c9d41&token=") {
        @Override
        String entry(String id, String status) {
            return "{\"id\":\"d" + id + "\",\"name\":\"n\",\"status\":\"" + status + "\",\"instance_id\":\"i" + id + "\"}";
        }

        @Override
        String list(String entries) {
            return "{\"success\":true,\"devices\":[" + entries + "]}";
        }

        @Override
        String numberNotANumber() {
            return list("{\"id\":{\"n\":1},\"status\":\"connected\"}");
        }
    },
    WHATSGATE_ORG("whatsgate-org", "READY", "AUTH", "apiKey=") {
        @Override
        String entry(String id, String status) {
            return "{\"unique_id\":\"u" + id + "\",\"name\":\"n\",\"status\":\"" + status + "\"}";
        }

        @Override
        String list(String entries) {
            return "{\"result\":\"OK\",\"data\":[" + entries + "]}";
        }

        @Override
        String numberNotANumber() {
            return list("{\"unique_id\":[1],\"status\":\"READY\"}");
        }
    },
    WITIME("witime", "10", "0", "token=") {
        @Override
        String entry(String id, String status) {
            return "{\"status\":" + status + ",\"statusString\":\"s\",\"connected\":" + status.equals("10") + ",\"WebID\":\"w" + id
                   + "\"}";
        }

        /** witime answers one instance's status: the "list" is its one object. */
        @Override
        String list(String entries) {
            return entries.isEmpty() ? "{}" : entries.split("(?<=\\}),")[0];
        }

        @Override
        String numberNotANumber() {
            return "{\"status\":\"ten\",\"connected\":true}";
        }

        @Override
        String listNotAnArray() {
            return "[{\"status\":10}]";
        }

        @Override
        String entryNotAnObject() {
            return "{\"status\":10,\"ConnectionInfo\":\"wid\"}";
        }

        @Override
        String entryWithoutId() {
            return "{\"status\":10,\"statusString\":\"WhatsAppAuthenticated\",\"connected\":true}";
        }
    },
    /** Self-hosted: the list is a bare array of sessions, each named by its name. */
    WAHA("waha", "WORKING", "STOPPED", "apiKey=") {
        @Override
        String entry(String id, String status) {
            return "{\"name\":\"s" + id + "\",\"status\":\"" + status + "\",\"config\":null}";
        }

        @Override
        String list(String entries) {
            return "[" + entries + "]";
        }

        @Override
        String numberNotANumber() {
            return list("{\"name\":{\"n\":1},\"status\":\"WORKING\"}");
        }

        @Override
        String entryWithoutId() {
            return list("{\"status\":\"WORKING\",\"config\":null}");
        }
    },
    /** Self-hosted: the list is a bare array of instance rows, each named by its name. */
    EVOLUTION("evolution", "open", "connecting", "apiKey=") {
        @Override
        String entry(String id, String status) {
            return "{\"id\":\"x" + id + "\",\"name\":\"i" + id + "\",\"connectionStatus\":\"" + status + "\"}";
        }

        @Override
        String list(String entries) {
            return "[" + entries + "]";
        }

        @Override
        String numberNotANumber() {
            return list("{\"name\":{\"n\":1},\"connectionStatus\":\"open\"}");
        }

        @Override
        String entryWithoutId() {
            return list("{\"id\":\"x1\",\"connectionStatus\":\"open\"}");
        }
    };

    /** The token every fault-suite URI carries: no captured text may show it. */
    static final String TOKEN = "FAULT-TOKEN-7f3a9b";
    static final String API_KEY = "FAULT-APIKEY-2c9d41";

    final String id;
    final String up;
    final String down;
    private final String credentials;

    ListShapes(String id, String up, String down, String credentials) {
        this.id = id;
        this.up = up;
        this.down = down;
        this.credentials = credentials;
    }

    abstract String entry(String id, String status);

    abstract String list(String entries);

    abstract String numberNotANumber();

    /** An endpoint URI for this gateway at the base URL, with the fault-suite credentials. */
    String uri(String baseUrl, String options) {
        String creds = credentials + (this == WHATSGATE_ORG ? API_KEY : TOKEN);
        return "whatsdev:" + id + "/devices?baseUrl=" + baseUrl + "&" + creds + (options.isEmpty() ? "" : "&" + options);
    }

    /** The credentials this gateway's URI carries. */
    List<String> secrets() {
        return switch (this) {
            case WHATSGATE_ORG -> List.of(API_KEY);
            case WASSLY -> List.of(TOKEN, API_KEY);
            default -> List.of(TOKEN);
        };
    }

    /** A list of devices 1..n, all with the status. */
    String devices(int n, String status) {
        return list(join(n, i -> entry(String.valueOf(i), status)));
    }

    /** The device id that {@link #entry} gives device {@code i}, as whatsdev reports it. */
    String deviceId(int i) {
        return switch (this) {
            case WHATSGATE_NET, WHATSPIE -> String.valueOf(i);
            case WASSLY -> "d" + i;
            case WHATSGATE_ORG -> "u" + i;
            case WITIME -> "w" + i;
            case WAHA -> "s" + i;
            case EVOLUTION -> "i" + i;
        };
    }

    String listNotAnArray() {
        return list("").replace("[]", "{\"1\":" + entry("1", up) + "}");
    }

    String entryNotAnObject() {
        return list("\"" + deviceId(1) + "\"");
    }

    String entryWithoutId() {
        return list(entry("1", up).replaceAll("\"(mobile|id|unique_id)\":[^,]*,", ""));
    }

    /** The same device twice, with two statuses: which would be true? */
    String duplicateIds() {
        return list(entry("1", up) + "," + entry("1", down));
    }

    private static String join(int n, Function<Integer, String> entry) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            parts.add(entry.apply(i));
        }
        return String.join(",", parts);
    }
}
