package io.whatsdev.simulator.fakegate;

import io.whatsdev.simulator.DeviceDefaults;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimulatedGateway;

/**
 * A made-up gateway, registered only by {@code src/test/resources/META-INF/services}: it shows that a gateway added
 * from outside the simulator's package, with its public API alone, is served like the built-in ones.
 */
public final class FakegateSimulation implements SimulatedGateway {

    public static final String ID = "fakegate";
    public static final String KEY_HEADER = "X-Fake-Key";
    public static final String API_KEY = "fake-key";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/fakegate/v2";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new FakegateApi(simulator, gateway);
    }

    @Override
    public void checkDeviceId(String id) {
        if (!id.startsWith("fk-")) {
            throw new IllegalArgumentException(ID + " device ids start with 'fk-', not '" + id + "'");
        }
    }

    @Override
    public DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE.withKey("fake-" + id).withAttribute(FakegateApi.TIER, "free");
    }

    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "fk-demo", "Demo").scan();
    }

    @Override
    public String credentials() {
        return KEY_HEADER + ": " + API_KEY;
    }
}
