package io.whatsdev.camel.provider;

/**
 * A callback failed verification (no secret, a wrong secret, a bad or expired signature): it is answered 401 and emits
 * nothing. The message says why without quoting the secret or the signature.
 */
public class CallbackRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public CallbackRejectedException(String message) {
        super(message);
    }
}
