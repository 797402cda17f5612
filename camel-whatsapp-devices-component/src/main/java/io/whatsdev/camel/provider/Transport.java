package io.whatsdev.camel.provider;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Sends one gateway call and hands its answer to a reader while the connection is held. {@link HttpTransport} is the
 * real one; a test or a fuzz target may serve answers without a network.
 */
public interface Transport {

    /**
     * @param jsonBody the request body as JSON bytes, or null
     * @throws IOException where no (complete) answer came; {@link HttpTransport.CallDeadlineException} and
     *                     {@link HttpTransport.ResponseTooLargeException} where a limit was passed
     */
    <T> T send(String method, URI uri, Map<String, String> headers, byte[] jsonBody, HttpTransport.Limits limits,
               HttpTransport.ResponseReader<T> reader) throws IOException;
}
