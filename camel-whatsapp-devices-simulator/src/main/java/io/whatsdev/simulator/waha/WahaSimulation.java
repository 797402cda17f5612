package io.whatsdev.simulator.waha;

import java.util.List;

import io.whatsdev.simulator.DeviceDefaults;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import io.whatsdev.simulator.SimulatorCredentials;

/**
 * WAHA ("WhatsApp HTTP API", devlikeapro/waha) on the simulator: the device id is the session's {@code name}; the API
 * is {@link WahaApi}, served below {@code /waha} with WAHA's own paths ({@code /waha/api/sessions}, ...), because a
 * WAHA base URL is the server's root.
 */
public final class WahaSimulation implements SimulatedGateway {

    public static final String ID = "waha";

    /**
     * The session names the simulator accepts: letters, digits, {@code _} and {@code -}, at most 54 characters (WAHA's
     * own limit, 64 minus the length of {@code waha_noweb}). WAHA itself checks only the length; the simulator also
     * keeps names to characters that need no escaping in a URL path (WAHA's generated names, {@code session_<hex>}, are
     * of this form).
     */
    static final String NAME_RULE = "[A-Za-z0-9_-]{1,54}";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/waha";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new WahaApi(simulator, gateway);
    }

    @Override
    public void checkDeviceId(String id) {
        if (!id.matches(NAME_RULE)) {
            throw new IllegalArgumentException(ID + " session names are letters, digits, '_' and '-' (at most 54), not '" + id + "'");
        }
    }

    /**
     * A new session starts STOPPED (created, not started), with no config and no phone: it gets its phone when it is
     * paired, as on WAHA.
     */
    @Override
    public DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE;
    }

    /** {@code default} (WORKING, phone 11111111111) and {@code support} (SCAN_QR_CODE, waiting for a scan). */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "default", "WAHA Demo").phone("11111111111").scan();
        simulator.createDevice(gateway, "support", null).awaitScan();
    }

    @Override
    public String credentials() {
        return "X-Api-Key: " + SimulatorCredentials.API_KEY;
    }

    /** Session names: {@code session-<n>}. */
    @Override
    public String sampleDeviceId(int n) {
        return "session-" + n;
    }

    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        return "apiKey=" + SimulatorCredentials.API_KEY;
    }
}
