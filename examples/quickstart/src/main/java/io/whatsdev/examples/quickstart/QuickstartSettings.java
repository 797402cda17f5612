package io.whatsdev.examples.quickstart;

import java.util.Locale;
import java.util.function.Function;

/**
 * Where the quickstart runs: the embedded simulator (default), or a real gateway given by environment variables or
 * system properties. Secrets are never printed.
 */
record QuickstartSettings(String gateway, String baseUrl, String token, String apiKey, String subdomain, String deviceId,
                          String packageCode, boolean keepRunning, boolean simulated) {

    static QuickstartSettings from(String[] args, Function<String, String> env) {
        boolean keepRunning = false;
        for (String a : args) {
            switch (a) {
                case "--keep-running" -> keepRunning = true;
                case "--help", "-h" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'; allowed: --keep-running, --help");
            }
        }
        String baseUrl = value(env, "WHATSDEV_BASE_URL");
        String token = value(env, "WHATSDEV_TOKEN");
        String apiKey = value(env, "WHATSDEV_API_KEY");
        boolean simulated = baseUrl == null && token == null && apiKey == null;
        String gateway = value(env, "WHATSDEV_GATEWAY");
        gateway = gateway == null ? "whatspie" : gateway.toLowerCase(Locale.ROOT);
        String pkg = value(env, "WHATSDEV_PACKAGE");
        return new QuickstartSettings(gateway, baseUrl, token, apiKey, value(env, "WHATSDEV_SUBDOMAIN"), value(env, "WHATSDEV_DEVICE_ID"),
                pkg == null ? "BETA" : pkg, keepRunning, simulated);
    }

    /** An environment variable, or the system property of the same meaning (WHATSDEV_BASE_URL = whatsdev.base-url). */
    private static String value(Function<String, String> env, String name) {
        // WHATSDEV_BASE_URL -> whatsdev.base-url
        String property = "whatsdev." + name.substring("WHATSDEV_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = env.apply(name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A one-line description without secrets. */
    String describe() {
        if (simulated) {
            return "the embedded simulator (" + gateway + ")";
        }
        return gateway + (baseUrl != null ? " at " + baseUrl : "") + (token != null ? ", token set (hidden)" : "")
               + (apiKey != null ? ", API key set (hidden)" : "");
    }

    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }

    static final String USAGE = """
            whatsdev quickstart: create a device, show its QR code, learn when the phone connects and disconnects.

            Usage: mvn -q -Pquickstart -pl examples/quickstart -am package [-Dexec.args="--keep-running"]

              --keep-running   keep watching device status changes until Ctrl-C (default: end after the demo)
              --help           this text

            By default everything runs against the embedded simulator, offline. To use a real gateway, set:
              WHATSDEV_GATEWAY    whatsgate-net, whatspie, wassly, whatsgate-org or witime (default whatspie)
              WHATSDEV_TOKEN      the gateway's token (never printed)
              WHATSDEV_API_KEY    the second credential where the gateway needs one (never printed)
              WHATSDEV_BASE_URL   the gateway's base URL, if not its documented one
              WHATSDEV_SUBDOMAIN  whatsgate-net tenant
              WHATSDEV_DEVICE_ID  an existing device to show the QR of (otherwise one is created where the gateway can)
              WHATSDEV_PACKAGE    whatspie package for the new device (default BETA)
            (or the system properties whatsdev.gateway, whatsdev.token, whatsdev.base-url, ...)
            """;
}
