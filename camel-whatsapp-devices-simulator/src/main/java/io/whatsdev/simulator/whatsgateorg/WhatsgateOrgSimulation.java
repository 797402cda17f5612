package io.whatsdev.simulator.whatsgateorg;

import java.util.List;

import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import io.whatsdev.simulator.SimulatorCredentials;

/**
 * WhatsGate (whatsgate.org) on the simulator: the device id is the session's {@code unique_id}; the API is
 * {@link WhatsgateOrgApi}.
 */
public final class WhatsgateOrgSimulation implements SimulatedGateway {

    public static final String ID = "whatsgate-org";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/whatsgate-org/api/v1";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new WhatsgateOrgApi(simulator, gateway);
    }

    /** The next {@code sessions-get} shows a deleted session once more, as {@code DESTROYING}. */
    @Override
    public boolean keepsDeletedDevices() {
        return true;
    }

    /** Session 6345454545454 (READY) with a callback. */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "6345454545454", "My WhatsApp").phone("79999999999").webhook("https://callback.my/script.handler").scan();
    }

    @Override
    public String credentials() {
        return "X-Api-Key: " + SimulatorCredentials.API_KEY;
    }

    /** Numeric WhatsApp ids: {@code 7000000000<n>}. */
    @Override
    public String sampleDeviceId(int n) {
        return "70000000" + String.format("%05d", n);
    }

    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        return "apiKey=" + SimulatorCredentials.API_KEY;
    }
}
