package io.whatsdev.camel.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A gateway's answer as read off the wire: its status and headers, the JSON body parsed straight from the (bounded)
 * stream where the body is JSON, and the first bytes of the body for error messages. A body that is not JSON is read
 * only as far as an excerpt needs.
 * <p>
 * The first bytes are kept as bytes and decoded only when an error message asks for them: a successful call never needs
 * them as text.
 * <p>
 * A device list can be read one entry at a time ({@link #read(HttpTransport.Response, String, EntrySink)}): a list of
 * 100,000 devices is a 40 MB answer, whose tree is several times that, all of it alive until the last device is read;
 * entries handed on one by one die young.
 */
public final class GatewayAnswer {

    /** How many bytes of a body are kept for an excerpt (and how far a non-JSON body is read). */
    static final int HEAD_BYTES = 1024;

    /**
     * Reads one value of a document being parsed, leaving the parser after it: the mapper's checks (repeated names)
     * without its check that nothing follows, which the streaming read makes once, at the end of the document.
     */
    private static final ObjectReader PART = WireJson.MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Receives the entries of a list answer's array, one at a time, as they are parsed. */
    @FunctionalInterface
    public interface EntrySink {
        void entry(JsonNode entry);
    }

    private final int status;
    private final JsonNode json;
    private final String problem;
    private final HeadStream head;
    private final String contentType;
    private final String retryAfter;
    private final String location;
    private final boolean streamed;

    private GatewayAnswer(HttpTransport.Response r, JsonNode json, String problem, HeadStream head, boolean streamed) {
        this.streamed = streamed;
        this.status = r.status();
        this.json = json;
        this.problem = problem;
        this.head = head;
        this.contentType = r.contentType();
        this.retryAfter = r.retryAfter();
        this.location = r.location();
    }

    /** Reads the answer while the connection is held. I/O failures (reset, size limit) propagate. */
    public static GatewayAnswer read(HttpTransport.Response r) throws IOException {
        HeadStream in = new HeadStream(r.body(), r.contentLength());
        return read(r, in, in.skipBlanks());
    }

    private static GatewayAnswer read(HttpTransport.Response r, HeadStream in, int first) throws IOException {
        JsonNode json = null;
        String problem = null;
        if (first == -1) {
            problem = "empty answer";
        } else if (first == '{' || first == '[' || first == '"') {
            try {
                json = WireJson.MAPPER.readTree(in);
            } catch (StreamConstraintsException e) {
                problem = limitsProblem(e);
            } catch (JsonProcessingException e) {
                problem = malformedProblem(e);
            }
        } else {
            in.fillHead(); // enough for the excerpt; the rest is never read
            problem = "not JSON (" + (r.contentType() == null ? "no content type" : r.contentType()) + ")";
        }
        return new GatewayAnswer(r, json, problem, in, false);
    }

    /**
     * As {@link #read(HttpTransport.Response)}, but hands each entry of the array that {@code arrayField} names (the
     * field of the answer's object; "" where the answer is the array) to {@code sink} as soon as it is parsed, without
     * ever holding the whole list. {@link #json()} is then the answer with that array empty, and {@link #streamed()}
     * true. Where the status is not a success, or the array is not where it should be (a failure envelope, a wrong
     * shape), the answer is read whole, as the plain read does, and nothing reaches the sink. The checks are the plain
     * read's: a repeated name, anything after the document and every read limit make the answer malformed.
     */
    public static GatewayAnswer read(HttpTransport.Response r, String arrayField, EntrySink sink) throws IOException {
        if (r.status() < 200 || r.status() >= 300) {
            return read(r);
        }
        HeadStream in = new HeadStream(r.body(), r.contentLength());
        int first = in.skipBlanks();
        if (!(first == '[' && arrayField.isEmpty() || first == '{' && !arrayField.isEmpty())) {
            return read(r, in, first);
        }
        JsonNode json = null;
        String problem = null;
        boolean streamed = false;
        try (JsonParser p = WireJson.MAPPER.createParser(in)) {
            p.nextToken();
            if (arrayField.isEmpty()) {
                entries(p, sink);
                json = JsonNodeFactory.instance.arrayNode();
                streamed = true;
            } else {
                ObjectNode envelope = JsonNodeFactory.instance.objectNode();
                streamed = envelope(p, arrayField, envelope, sink);
                json = envelope;
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "Trailing token after the answer's JSON value");
            }
        } catch (StreamConstraintsException e) {
            problem = limitsProblem(e);
        } catch (JsonProcessingException e) {
            problem = malformedProblem(e);
        }
        return problem == null ? new GatewayAnswer(r, json, null, in, streamed)
                : new GatewayAnswer(r, null, problem, in, false);
    }

    /**
     * The fields of the answer's object into {@code envelope}, the entries of the array {@code arrayField} to the sink;
     * whether the object had that array.
     */
    private static boolean envelope(JsonParser p, String arrayField, ObjectNode envelope, EntrySink sink) throws IOException {
        boolean streamed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonNode value;
            if (p.nextToken() == JsonToken.START_ARRAY && !streamed && name.equals(arrayField)) {
                entries(p, sink);
                value = envelope.arrayNode();
                streamed = true;
            } else {
                value = PART.readTree(p);
            }
            if (envelope.replace(name, value) != null) {
                // as the tree read refuses it: which of the two would be the answer?
                throw new JsonParseException(p, "Duplicate field '" + name + "'");
            }
        }
        return streamed;
    }

    /** Each entry of the array the parser is at, to the sink; the parser is left at its end. */
    private static void entries(JsonParser p, EntrySink sink) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            sink.entry(PART.readTree(p));
        }
    }

    private static String limitsProblem(StreamConstraintsException e) {
        return "JSON beyond whatsdev's read limits (" + e.getOriginalMessage() + ")";
    }

    private static String malformedProblem(JsonProcessingException e) {
        return e.getLocation() == null ? "malformed JSON"
                : "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Whether the list's entries went to the sink (and {@link #json()} holds the answer without them). */
    public boolean streamed() {
        return streamed;
    }

    public int status() {
        return status;
    }

    /** The parsed body, or null where it is empty, not JSON or malformed. */
    public JsonNode json() {
        return json;
    }

    /** Why there is no JSON ("malformed JSON", "empty answer", "not JSON (text/html)"), or null. */
    public String problem() {
        return problem;
    }

    /** The first bytes of the body as text, for excerpts. */
    public String head() {
        return head.text();
    }

    public String contentType() {
        return contentType;
    }

    public String retryAfter() {
        return retryAfter;
    }

    public String location() {
        return location;
    }

    /**
     * The body, keeping a copy of its first {@link #HEAD_BYTES} bytes. It can look ahead within those bytes (for the
     * first one that is not blank) without a buffer of its own: the bytes it looked at are served again from the copy.
     */
    private static final class HeadStream extends InputStream {
        private final InputStream in;
        private byte[] head;
        /** Bytes of the body in {@link #head}. */
        private int size;
        /** The next byte to serve; below {@link #size}, it is served from the copy. */
        private int pos;

        HeadStream(InputStream in, long declaredLength) {
            this.in = in;
            // most answers are short and say how long: a copy of that size, grown if decompression makes the body longer
            this.head = new byte[declaredLength > 0 && declaredLength < HEAD_BYTES ? (int) declaredLength : HEAD_BYTES];
        }

        /**
         * Skips JSON whitespace (and UTF-8 byte order mark bytes) and returns the first other byte, left unread; -1 for a
         * body that is blank or empty. A kilobyte of blanks is not JSON: it gives 'x'.
         */
        int skipBlanks() throws IOException {
            while (true) {
                if (pos == size && (size == HEAD_BYTES || !readIntoHead())) {
                    return size == HEAD_BYTES ? 'x' : -1;
                }
                int b = head[pos] & 0xff;
                if (!(b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF)) {
                    return b;
                }
                pos++;
            }
        }

        /** Reads until the copy is full or the body ends. */
        void fillHead() throws IOException {
            while (size < HEAD_BYTES && readIntoHead()) {
                // the copy grows
            }
        }

        /** One read of the body into the copy; false at its end. */
        private boolean readIntoHead() throws IOException {
            room(size + 1);
            int n = in.read(head, size, head.length - size);
            if (n > 0) {
                size += n;
            }
            return n >= 0;
        }

        @Override
        public int read() throws IOException {
            if (pos < size) {
                return head[pos++] & 0xff;
            }
            int b = in.read();
            if (b >= 0 && size < HEAD_BYTES) {
                room(size + 1);
                head[size++] = (byte) b;
                pos = size;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos < size) {
                int k = Math.min(len, size - pos);
                System.arraycopy(head, pos, b, off, k);
                pos += k;
                return k;
            }
            int n = in.read(b, off, len);
            if (n > 0 && size < HEAD_BYTES) {
                int k = Math.min(n, HEAD_BYTES - size);
                room(size + k);
                System.arraycopy(b, off, head, size, k);
                size += k;
                pos = size;
            }
            return n;
        }

        /** Makes the copy {@link #HEAD_BYTES} long where it is shorter than {@code needed} (at most that). */
        private void room(int needed) {
            if (head.length < needed) {
                head = Arrays.copyOf(head, HEAD_BYTES);
            }
        }

        String text() {
            // lenient: a body cut mid-character still gives a readable excerpt
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(head, 0, size)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return "";
            }
        }
    }
}
