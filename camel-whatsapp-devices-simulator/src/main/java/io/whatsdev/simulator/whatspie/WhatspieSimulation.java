package io.whatsdev.simulator.whatspie;

import java.util.List;

import io.whatsdev.simulator.DeviceDefaults;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import io.whatsdev.simulator.SimulatorCredentials;

/** Whatspie on the simulator: numeric device ids, each device on a package; the API is {@link WhatspieApi}. */
public final class WhatspieSimulation implements SimulatedGateway {

    public static final String ID = "whatspie";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/whatspie";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new WhatspieApi(simulator, gateway);
    }

    @Override
    public void checkDeviceId(String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(ID + " device ids are numeric, not '" + id + "'");
        }
    }

    /** A device created from Java or the admin surface is on the package the documentation's example shows. */
    @Override
    public DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE.withAttribute(WhatspieApi.PACKAGE, WhatspieApi.DEFAULT_PACKAGE);
    }

    /** 2076 (NEW, UNPAIRED) and 5 (CONNECTED). */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "2076", "Customer Service").phone("6289510154496");
        simulator.createDevice(gateway, "5", "Basic Bot").phone("62895383079050").scan();
    }

    @Override
    public String credentials() {
        return "Authorization: Bearer " + SimulatorCredentials.TOKEN;
    }

    /** Numeric ids: {@code 900<n>}. */
    @Override
    public String sampleDeviceId(int n) {
        return "900" + n;
    }

    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        return "token=" + SimulatorCredentials.TOKEN;
    }
}
