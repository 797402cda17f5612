package io.whatsdev.simulator.evolution;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.whatsdev.simulator.DeviceDefaults;
import io.whatsdev.simulator.Gateway;
import io.whatsdev.simulator.GatewayApi;
import io.whatsdev.simulator.GatewaySimulator;
import io.whatsdev.simulator.SimDevice;
import io.whatsdev.simulator.SimulatedGateway;
import io.whatsdev.simulator.SimulatorCredentials;

/**
 * Evolution API v2 (2.3.x) on the simulator: the device id is the instance name, the device's key is the instance token
 * (the {@code hash} of {@code POST /instance/create}) and its instance id is the instance's {@code id}; the API is
 * {@link EvolutionApi}. Evolution's base URL is the server root, so the simulator serves {@code /evolution/instance/...}
 * and {@code /evolution/webhook/...}.
 */
public final class EvolutionSimulation implements SimulatedGateway {

    public static final String ID = "evolution";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String basePath() {
        return "/evolution";
    }

    @Override
    public GatewayApi createApi(GatewaySimulator simulator, Gateway gateway) {
        return new EvolutionApi(simulator, gateway);
    }

    /**
     * Evolution takes any non-empty name (its paths carry it URL-decoded); the simulator refuses what could not be
     * addressed in {@code /instance/<op>/<name>}: a {@code /}, control characters, more than 255 characters (the
     * database column's size).
     */
    @Override
    public void checkDeviceId(String id) {
        if (id.length() > 255 || id.indexOf('/') >= 0 || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(ID + " instance names are 1-255 characters without '/' or control characters, not '" + id + "'");
        }
    }

    /**
     * A new instance gets a random instance id (a UUID, as Evolution's) and, as its token, a UUID in upper case derived
     * from the name (Evolution draws one at random; a derived one lets tests and demos know the token of a device they
     * created from Java or {@code /_admin}). {@code POST /instance/create} sets the token it is given or a random one.
     */
    @Override
    public DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE.withInstanceId(UUID.randomUUID().toString()).withKey(derivedToken(id));
    }

    /** The token a device created from Java or {@code /_admin} starts with. */
    public static String derivedToken(String instanceName) {
        return UUID.nameUUIDFromBytes((ID + ":" + instanceName).getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
    }

    /** {@code sales} (open, paired with 5511987654321) and {@code support} (connecting: a QR code is out). */
    @Override
    public void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        simulator.createDevice(gateway, "sales", "Sales Team").phone("5511987654321").scan();
        SimDevice support = simulator.createDevice(gateway, "support", null);
        support.issueQr();
        support.attribute(EvolutionApi.QR_COUNT, "1");
    }

    @Override
    public String credentials() {
        return "apikey: " + SimulatorCredentials.API_KEY;
    }

    /** Instance names: {@code instance-<n>}. */
    @Override
    public String sampleDeviceId(int n) {
        return "instance-" + n;
    }

    /** The global API key reaches every instance. */
    @Override
    public String whatsdevOptions(List<SimDevice> devices) {
        return "apiKey=" + SimulatorCredentials.API_KEY;
    }
}
