package io.whatsdev.camel.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Validation of user input: every check names the option (or header) and what is allowed. Shared by all gateways.
 */
public final class Inputs {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@+-]{1,128}");
    private static final Pattern PHONE = Pattern.compile("[0-9]{6,15}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Inputs() {
    }

    /**
     * A device id that is safe as one URL path segment or JSON value: letters, digits and {@code . _ - : @ +}, at most
     * 128, and never {@code ..}. Refuses {@code /}, {@code ?}, {@code #}, whitespace and control characters.
     */
    public static String deviceId(String value, String option) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(option + " is empty; a device id is needed");
        }
        if (!SAFE_ID.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(
                    option + " '" + printable(value) + "' is not a valid device id; allowed: 1 to 128 letters, digits and "
                                               + "'. _ - : @ +', no '..', no '/', '?', '#', whitespace or control characters");
        }
        return value;
    }

    /** A phone number: digits with country code, 6 to 15 of them; a leading {@code +} is dropped. */
    public static String phoneNumber(String value, String option) {
        String v = value == null ? null : value.startsWith("+") ? value.substring(1) : value;
        if (v == null || !PHONE.matcher(v).matches()) {
            throw new IllegalArgumentException(
                    option + " '" + printable(value) + "' is not a phone number; allowed: 6 to 15 digits with country code, "
                                               + "an optional leading '+', e.g. 628111000001");
        }
        return v;
    }

    /** A numeric id (whatspie). */
    public static String numericId(String value, String option) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(
                    option + " '" + printable(value) + "' is not a numeric device id; allowed: 1 to 18 digits, e.g. 2076");
        }
        return value;
    }

    /** A DNS label (whatsgate-net subdomain). */
    public static String dnsLabel(String value, String option) {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    option + " '" + printable(value) + "' is not a DNS label; allowed: 1 to 63 letters, digits and hyphens, "
                                               + "not starting or ending with a hyphen, e.g. acme");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * An absolute http(s) URL without query, fragment or user info; returned without a trailing slash.
     */
    public static String baseUrl(String value, String option) {
        URI uri = httpUrl(value.replace("{subdomain}", "subdomain"), option);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(option + " must not have a query or fragment; allowed: http(s)://host[:port][/path]");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** An absolute http(s) URL (webhooks). */
    public static String webhookUrl(String value, String option) {
        httpUrl(value, option);
        return value;
    }

    /**
     * The URL with the query parameter {@code name} set to {@code value} (percent-encoded), replacing any it had, the
     * rest of the URL as given: how a gateway that does not sign its callbacks is given a callback URL that carries the
     * webhook secret. A null value gives the URL unchanged.
     */
    public static String withQueryParameter(String url, String name, String value) {
        if (value == null) {
            return url;
        }
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        int q = base.indexOf('?');
        StringBuilder out = new StringBuilder(q < 0 ? base : base.substring(0, q));
        char sep = '?';
        if (q >= 0) {
            for (String pair : base.substring(q + 1).split("&")) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!pair.isEmpty() && !java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
                    out.append(sep).append(pair);
                    sep = '&';
                }
            }
        }
        out.append(sep).append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        return out.append(fragment).toString();
    }

    private static URI httpUrl(String value, String option) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(option + " '" + printable(value) + "' is not a URL; allowed: http(s)://host[:port][/path]");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    option + " '" + printable(value) + "' is not an http(s) URL; allowed: http(s)://host[:port][/path]");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(option + " must not carry user info (credentials belong in token, apiKey, "
                                               + "username and password, which are kept secret)");
        }
        return uri;
    }

    /**
     * Refuses CR, LF and every other control character in a value that goes into an HTTP header or query (a credential,
     * a user agent): such a value could split the request. The message names the option and the position, never the
     * value, which may be a secret.
     */
    public static String noControlCharacters(String value, String option) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException(option + " contains a control character (" + String.format("U+%04X", (int) c)
                                                   + ") at position " + (i + 1) + "; CR, LF and other control characters "
                                                   + "are not allowed in credentials and header values");
            }
        }
        return value;
    }

    /** Refuses a number outside {@code [min, max]}, naming the option, the value and the range. */
    public static long range(long value, long min, long max, String option, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " is " + value + (unit.isEmpty() ? "" : " " + unit) + "; allowed: " + min
                                               + " to " + max + (unit.isEmpty() ? "" : " " + unit));
        }
        return value;
    }

    /** Whether the value is an absolute http(s) URL with a host and no user info. */
    public static boolean isHttpUrl(String value) {
        try {
            httpUrl(value, "url");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Refuses an empty value. */
    public static String required(String value, String option, String why) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required " + why);
        }
        return value;
    }

    /** The value with control characters made visible, cut at 64 characters, for error messages. */
    public static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && i < 64; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 64 ? sb + "..." : sb.toString();
    }
}
