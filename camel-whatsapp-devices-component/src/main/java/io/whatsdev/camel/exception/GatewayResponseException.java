package io.whatsdev.camel.exception;

/**
 * The gateway answered with something whatsdev cannot read: an HTML error page, malformed JSON, or JSON without the
 * fields its documentation promises. The message carries a short excerpt of the body.
 */
public class GatewayResponseException extends WhatsDevException {

    private static final long serialVersionUID = 1L;

    private final String bodyExcerpt;

    public GatewayResponseException(String provider, String operation, int httpStatus, String problem,
                                    String bodyExcerpt, Throwable cause) {
        super(provider, operation, httpStatus,
              bodyExcerpt == null ? problem : problem + ": " + bodyExcerpt, null);
        this.bodyExcerpt = bodyExcerpt;
        // the parser's exception is deliberately not chained: its message would repeat the whole body
    }

    /** At most 200 characters of the body, control characters replaced. */
    public String getBodyExcerpt() {
        return bodyExcerpt;
    }
}
