package io.whatsdev.simulator.whatsgatenet;

import java.util.List;

import io.whatsdev.simulator.DeviceDefaults;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import io.whatsdev.simulator.SimulatorCredentials;

/** WhatsGate (whatsgate.net) on the simulator: the device id is its phone number, the API is {@link WhatsgateNetApi}. */
public final class WhatsgateNetSimulation implements SimulatedGateway {

    public static final String ID = "whatsgate-net";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/whatsgate-net/api";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new WhatsgateNetApi(simulator, gateway);
    }

    @Override
    public void checkDeviceId(String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(ID + " device ids are phone numbers (digits), not '" + id + "'");
        }
    }

    /** The phone number is the id; the instance name is derived from it. */
    @Override
    public DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE.withInstanceId("device-instance-" + id).withPhone(id);
    }

    /** 628111000001 (CONNECTED) and 628111000002 (NEW). */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "628111000001", "Support").scan();
        simulator.createDevice(gateway, "628111000002", "Sales");
    }

    @Override
    public String credentials() {
        return "Access-Token: " + SimulatorCredentials.TOKEN;
    }

    /** Phone numbers: {@code 6281110000<n>}. */
    @Override
    public String sampleDeviceId(int n) {
        return "628111" + String.format("%06d", n);
    }

    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        return "token=" + SimulatorCredentials.TOKEN;
    }
}
