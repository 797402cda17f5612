package io.whatsdev.camel.provider;

import io.whatsdev.camel.exception.WhatsDevException;

/**
 * How the calls of one gateway client carry its credentials: headers, a query parameter, or a token obtained by logging
 * in. One per client; the client's {@link GatewayClient.Call#send()} applies it to every call that is not itself a
 * log-in, and asks it to {@link #renew(String)} once when the gateway refuses the credential.
 */
public interface Authenticator {

    /**
     * Adds the credentials to a call.
     *
     * @return the credential used, for {@link #renew(String)} to tell a stale one from one already replaced; null where
     *         there is nothing to renew
     */
    String authenticate(GatewayClient.Call call) throws WhatsDevException;

    /**
     * The gateway refused the credential {@code used} (a {@code GatewayAuthenticationException}). Obtain a new one and
     * return true to send the call once more, or return false to report the refusal. Default: false (a configured
     * credential cannot be renewed).
     */
    default boolean renew(String used) throws WhatsDevException {
        return false;
    }

    /** A configured credential sent as a header on every call; nothing to renew. */
    static Authenticator header(String name, String value) {
        return call -> {
            call.header(name, value);
            return null;
        };
    }

    /** A configured credential sent as a query parameter on every call; nothing to renew. */
    static Authenticator query(String name, String value) {
        return call -> {
            call.query(name, value);
            return null;
        };
    }
}
