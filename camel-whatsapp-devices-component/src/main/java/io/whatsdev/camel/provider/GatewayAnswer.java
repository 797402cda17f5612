package io.whatsdev.camel.provider;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A gateway's answer as read off the wire: its status and headers, the JSON body parsed straight from the (bounded)
 * stream where the body is JSON, and the first bytes of the body for error messages. A body that is not JSON is read
 * only as far as an excerpt needs.
 *
 * @param json    the parsed body, or null where it is empty, not JSON or malformed
 * @param problem why there is no JSON ("malformed JSON", "empty answer", "not JSON (text/html)"), or null
 * @param head    the first bytes of the body as text, for excerpts
 */
public record GatewayAnswer(int status, JsonNode json, String problem, String head, String contentType, String retryAfter,
                            String location) {

    /** How many bytes of a body are kept for an excerpt (and how far a non-JSON body is read). */
    static final int HEAD_BYTES = 1024;

    /** Reads the answer while the connection is held. I/O failures (reset, size limit) propagate. */
    public static GatewayAnswer read(HttpTransport.Response r) throws IOException {
        HeadCapture capture = new HeadCapture(r.body());
        BufferedInputStream in = new BufferedInputStream(capture, 8192);
        int first = firstSignificantByte(in);
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
            in.readNBytes(HEAD_BYTES); // enough for the excerpt; the rest is never read
            problem = "not JSON (" + (r.contentType() == null ? "no content type" : r.contentType()) + ")";
        }
        return new GatewayAnswer(r.status(), json, problem, capture.head(), r.contentType(), r.retryAfter(), r.location());
    }

    /** The first byte that is not JSON whitespace (or a UTF-8 byte order mark), left unread; -1 for an empty body. */
    private static int firstSignificantByte(BufferedInputStream in) throws IOException {
        in.mark(HEAD_BYTES + 1);
        for (int i = 0; i < HEAD_BYTES; i++) {
            int b = in.read();
            if (b == -1 || !(b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF)) {
                in.reset();
                in.skip(i);
                return b;
            }
        }
        in.reset();
        return 'x'; // a kilobyte of blanks is not JSON
    }

    /** Keeps a copy of the first {@link #HEAD_BYTES} bytes that pass through. */
    private static final class HeadCapture extends FilterInputStream {
        private final byte[] head = new byte[HEAD_BYTES];
        private int size;

        HeadCapture(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && size < head.length) {
                head[size++] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && size < head.length) {
                int k = Math.min(n, head.length - size);
                System.arraycopy(b, off, head, size, k);
                size += k;
            }
            return n;
        }

        String head() {
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
