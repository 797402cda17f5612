package io.whatsdev.examples.quickstart;

import java.util.function.Function;

import io.whatsdev.examples.support.GatewayConnection;

/**
 * Where the quickstart runs: the embedded simulator (default), or a real gateway given by environment variables or
 * system properties ({@link GatewayConnection}). Secrets are never printed.
 *
 * @param connection  the gateway as the user configured it; not {@link GatewayConnection#isConfigured() configured}
 *                    means the embedded simulator
 * @param deviceId    an existing device to pair instead of creating one, or null
 * @param packageCode whatspie's package for a new device
 * @param keepRunning keep watching status changes after the summary, until Ctrl-C
 */
record QuickstartSettings(GatewayConnection connection, String deviceId, String packageCode, boolean keepRunning) {

    static final String USAGE = """
            whatsdev quickstart: create a device, show its QR code, learn when the phone connects and disconnects.

            Usage: mvn -q -Pquickstart -pl examples/quickstart -am package -DskipTests [-Dexec.args="--keep-running"]

              --keep-running   keep watching device status changes until Ctrl-C (default: end after the story)
              --help           this text

            By default everything runs against the embedded simulator, offline. To use a real gateway, set
            (default gateway whatspie):
            """ + GatewayConnection.USAGE + """
              WHATSDEV_DEVICE_ID  an existing device to pair (otherwise one is created, where the gateway can)
              WHATSDEV_PACKAGE    whatspie: the package of the new device (default BETA)
            or the system properties of the same meaning (whatsdev.gateway, whatsdev.token, whatsdev.base-url, ...).
            On a real gateway the quickstart waits for you to scan the QR code and ends once the phone is connected.
            """;

    static QuickstartSettings from(String[] args, Function<String, String> env) {
        boolean keepRunning = false;
        for (String a : args) {
            switch (a) {
                case "--keep-running" -> keepRunning = true;
                case "--help", "-h" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'; allowed: --keep-running, --help");
            }
        }
        String pkg = GatewayConnection.setting(env, "WHATSDEV_PACKAGE");
        return new QuickstartSettings(GatewayConnection.from("whatspie", env), GatewayConnection.setting(env, "WHATSDEV_DEVICE_ID"),
                pkg == null ? "BETA" : pkg, keepRunning);
    }

    String gateway() {
        return connection.gateway();
    }

    /** Whether the quickstart runs on its own embedded simulator. */
    boolean simulated() {
        return !connection.isConfigured();
    }

    /** A one-line description without secrets. */
    String describe() {
        return simulated() ? "the embedded simulator (" + gateway() + ")" : connection.describe();
    }

    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
