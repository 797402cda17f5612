package io.whatsdev.camel.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A gateway's answer as read off the wire: its status and headers, the JSON body parsed straight from the (bounded)
 * stream where the body is JSON, and the first bytes of the body for error messages. A body that is not JSON is read
 * only as far as an excerpt needs.
 * <p>
 * The first bytes are kept as bytes and decoded only when an error message asks for them: a successful call never needs
 * them as text.
 */
public final class GatewayAnswer {

    /** How many bytes of a body are kept for an excerpt (and how far a non-JSON body is read). */
    static final int HEAD_BYTES = 1024;

    private final int status;
    private final JsonNode json;
    private final String problem;
    private final HeadStream head;
    private final String contentType;
    private final String retryAfter;
    private final String location;

    private GatewayAnswer(HttpTransport.Response r, JsonNode json, String problem, HeadStream head) {
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
        int first = in.skipBlanks();
        JsonNode json = null;
        String problem = null;
        if (first == -1) {
            problem = "empty answer";
        } else if (first == '{' || first == '[' || first == '"') {
            try {
                json = WireJson.MAPPER.readTree(in);
            } catch (StreamConstraintsException e) {
                problem = "JSON beyond whatsdev's read limits (" + e.getOriginalMessage() + ")";
            } catch (JsonProcessingException e) {
                problem = e.getLocation() == null ? "malformed JSON"
                        : "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            }
        } else {
            in.fillHead(); // enough for the excerpt; the rest is never read
            problem = "not JSON (" + (r.contentType() == null ? "no content type" : r.contentType()) + ")";
        }
        return new GatewayAnswer(r, json, problem, in);
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
