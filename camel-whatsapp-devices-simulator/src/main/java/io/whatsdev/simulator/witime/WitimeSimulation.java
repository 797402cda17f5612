package io.whatsdev.simulator.witime;

import java.util.List;
import java.util.Locale;

import io.whatsdev.simulator.DeviceDefaults;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;

/**
 * witi.me on the simulator: the device id is the instance's WebID and each instance has a key (sent as {@code ?wid=});
 * the API is {@link WitimeApi}.
 */
public final class WitimeSimulation implements SimulatedGateway {

    public static final String ID = "witime";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/witime";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new WitimeApi(simulator, gateway);
    }

    /** The key is {@code "wk-" + id} in lower case until set otherwise ({@link io.whatsdev.simulator.SimDevice#key(String)}). */
    @Override
    public DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE.withKey("wk-" + id.toLowerCase(Locale.ROOT));
    }

    /** Instance 6D6307C3-2973-4468-85FA-D047CB8E1F2E (CONNECTED) with the key {@code wk-demo}. */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "6D6307C3-2973-4468-85FA-D047CB8E1F2E", "Atendimento Maria").phone("5511987654321").key("wk-demo")
                .scan();
    }

    @Override
    public String credentials() {
        return "?wid=<instance key>";
    }

    /** WebIDs are GUIDs. */
    @Override
    public String sampleDeviceId(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /**
     * Each instance has its own key: one device is reached with its key as {@code token}, several with
     * {@code instanceTokens} (the consumer polls each instance); with none, the key is left to a property placeholder,
     * {@code {{witime.key}}}, for a route that says per exchange which instance it calls.
     */
    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        if (devices.isEmpty()) {
            return "token=RAW({{witime.key}})";
        }
        if (devices.size() == 1) {
            return "token=RAW(" + devices.get(0).key() + ")";
        }
        StringBuilder instances = new StringBuilder();
        for (SimDevice d : devices) {
            instances.append(instances.length() == 0 ? "" : ",").append(d.id()).append('=').append(d.key());
        }
        return "token=unused&instanceTokens=RAW(" + instances + ")";
    }
}
