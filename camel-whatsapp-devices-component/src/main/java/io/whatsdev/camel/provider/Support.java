package io.whatsdev.camel.provider;

/** How a gateway provides an operation. */
public enum Support {
    /** One documented call of the gateway. */
    NATIVE,
    /** Built from documented calls (for example {@code get} from the list call); the docs say how. */
    COMPOSED
}
