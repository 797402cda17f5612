package io.whatsdev.camel.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The credentials of one client, to scrub from whatever a gateway sends back before it reaches an exception message:
 * a gateway may echo the token or key it was given. Scrubs each secret as given and URL-encoded.
 */
public final class Secrets {

    /** What a scrubbed secret becomes, as in the URIs Camel prints. */
    public static final String MASK = "xxxxxx";

    /** Shorter values are not scrubbed: masking every "a" in a message would hide the message, not a secret. */
    public static final int MIN_LENGTH = 4;

    private final Supplier<Collection<String>> values;

    private Secrets(Supplier<Collection<String>> values) {
        this.values = values;
    }

    /** Fixed secrets (null entries are ignored). */
    public static Secrets of(String... values) {
        List<String> list = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                list.add(v);
            }
        }
        List<String> fixed = List.copyOf(list);
        return new Secrets(() -> fixed);
    }

    /** Secrets that can change (a token obtained by logging in). */
    public static Secrets dynamic(Supplier<Collection<String>> values) {
        return new Secrets(Objects.requireNonNull(values));
    }

    /** The text with every secret replaced by {@link #MASK}; null stays null. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = text;
        for (String s : values.get()) {
            if (s == null || s.length() < MIN_LENGTH) {
                continue;
            }
            t = t.replace(s, MASK);
            String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8);
            if (!encoded.equals(s)) {
                t = t.replace(encoded, MASK);
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return "Secrets[" + MASK + "]";
    }
}
