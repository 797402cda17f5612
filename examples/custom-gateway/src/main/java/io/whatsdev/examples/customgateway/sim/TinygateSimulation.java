package io.whatsdev.examples.customgateway.sim;

import java.util.List;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import io.whatsdev.simulator.SimulatorCredentials;

/**
 * Tinygate on whatsdev's simulator, found through {@code META-INF/services/io.whatsdev.simulator.SimulatedGateway} in this
 * jar: its API ({@link TinygateApi}) below {@code /tinygate/v1}, its id rule and its demo phones.
 */
public final class TinygateSimulation implements SimulatedGateway {

    @Override
    public String id() {
        return "tinygate";
    }

    @Override
    public String basePath() {
        return "/tinygate/v1";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new TinygateApi(simulator, gateway);
    }

    /** Tinygate's phone ids are short lower-case names such as {@code desk-1}. */
    @Override
    public void checkDeviceId(String id) {
        if (!id.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("tinygate phone ids are lower-case names (a-z, 0-9, -), not '" + id + "'");
        }
    }

    /** desk-1 online, desk-2 waiting for its scan. */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "desk-1", "Front desk").phone("4915112345678").scan();
        simulator.createDevice(gateway, "desk-2", "Back office").awaitScan();
    }

    @Override
    public String credentials() {
        return "X-Tinygate-Key: " + SimulatorCredentials.API_KEY;
    }

    @Override
    public String sampleDeviceId(int n) {
        return "phone-" + n;
    }

    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        return "apiKey=" + SimulatorCredentials.API_KEY;
    }
}
