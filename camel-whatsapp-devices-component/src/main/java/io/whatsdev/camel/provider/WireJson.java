package io.whatsdev.camel.provider;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON reader and writer for gateway calls, with Jackson's read constraints set explicitly: a gateway's answer is
 * untrusted input. Shared and thread safe.
 */
public final class WireJson {

    /** Deepest nesting accepted in an answer; the documented answers nest at most four levels. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value accepted (a QR image in base64 is well below it). */
    public static final int MAX_STRING_LENGTH = 8 * 1024 * 1024;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest field name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 1024;

    /** At most this many characters of a body or value go into an error message. */
    public static final int EXCERPT = 200;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .build())
            // {"status":200,"status":500} is ambiguous: refuse it rather than let the last one win. Every read is a tree
            // read, whose object map finds a repeated name as it is put; the parser's own check (STRICT_DUPLICATE_DETECTION)
            // would keep a second set of names per object, a sixth of what a poll allocates. A typed read would need it.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // '{"data":[]} <html>...' is not one JSON document
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WireJson() {
    }

    /** At most {@link #EXCERPT} characters of a text, control characters replaced, for error messages. */
    public static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        StringBuilder sb = new StringBuilder(Math.min(t.length(), EXCERPT) + 3);
        for (int i = 0; i < t.length() && i < EXCERPT; i++) {
            char c = t.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (t.length() > EXCERPT) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** The start of a node as JSON text, without ever writing a large node whole. */
    public static String excerpt(JsonNode node) {
        if (node == null) {
            return "";
        }
        LimitedWriter w = new LimitedWriter(EXCERPT + 1);
        try {
            MAPPER.writeValue(w, node);
        } catch (IOException full) {
            // LimitedWriter stops the serializer once it has enough
        }
        return excerpt(w.sb.toString());
    }

    /** Collects up to a limit, then refuses more (which ends the serializer early). */
    private static final class LimitedWriter extends Writer {
        private final StringBuilder sb = new StringBuilder();
        private final int limit;

        LimitedWriter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            int n = Math.min(len, limit - sb.length());
            sb.append(buf, off, Math.max(n, 0));
            if (n < len) {
                throw new IOException("excerpt complete");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
