package io.whatsdev.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the simulator received for a gateway, as it came over the wire, for contract tests.
 *
 * @param method  the HTTP method
 * @param path    the full request path, decoded, e.g. {@code /whatspie/devices/5/qr}
 * @param query   the raw query string without {@code ?}, empty if none
 * @param headers the request headers, names in lower case
 * @param body    the request body as UTF-8 text, empty if none
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
