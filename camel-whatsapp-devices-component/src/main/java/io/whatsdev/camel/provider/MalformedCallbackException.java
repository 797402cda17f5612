package io.whatsdev.camel.provider;

/**
 * A verified callback whose body whatsdev cannot read (not the documented shape, not JSON, a broken bulk encoding): it
 * is answered 400 and emits nothing. The message names the problem and carries at most a short, scrubbed excerpt.
 */
public class MalformedCallbackException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedCallbackException(String message) {
        super(message);
    }
}
