package io.whatsdev.simulator.wassly;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.whatsdev.simulator.DeviceDefaults;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import io.whatsdev.simulator.SimulatorCredentials;

/** Wassly on the simulator: a log-in issues the Bearer token; the API is {@link WasslyApi}. */
public final class WasslySimulation implements SimulatedGateway {

    public static final String ID = "wassly";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/wassly/api";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new WasslyApi(simulator, gateway);
    }

    /** The {@code instance_id} is a UUID derived from the id, so a device created again keeps it. */
    @Override
    public DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE.withInstanceId(UUID.nameUUIDFromBytes(("wassly:" + id).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** device_id_123 (CONNECTED). */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "device_id_123", "Chrome on Windows").scan();
    }

    @Override
    public String credentials() {
        return "apikey: " + SimulatorCredentials.API_KEY + ", login " + SimulatorCredentials.USERNAME + " / " + SimulatorCredentials.PASSWORD;
    }

    /** wassly logs in with the simulator's account and API key. */
    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        return "apiKey=" + SimulatorCredentials.API_KEY + "&username=" + SimulatorCredentials.USERNAME + "&password="
               + SimulatorCredentials.PASSWORD;
    }
}
