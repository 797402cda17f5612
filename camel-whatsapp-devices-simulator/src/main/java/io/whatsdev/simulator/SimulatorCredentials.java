package io.whatsdev.simulator;

/** The credentials the simulator accepts. They are the simulator's own and open nothing else. */
public final class SimulatorCredentials {

    /** whatsgate-net {@code Access-Token}, whatspie {@code Authorization: Bearer}; also accepted as a wassly Bearer token. */
    public static final String TOKEN = "sim-token";
    /** wassly {@code apikey} header, whatsgate-org {@code X-Api-Key} header. */
    public static final String API_KEY = "sim-apikey";
    /** wassly login e-mail. */
    public static final String USERNAME = "demo@whatsdev.test";
    /** wassly login password. */
    public static final String PASSWORD = "sim-password";

    private SimulatorCredentials() {
    }
}
