package io.whatsdev.simulator;

/**
 * One simulated gateway, as a plug-in of the {@link GatewaySimulator}. Everything the simulator knows about a gateway
 * comes from its plug-in: the URI name, where its API is served, the API itself, what a device id looks like, what a new
 * device starts with, the demo devices and whether deleted devices stay visible for a while.
 *
 * <h2>Adding a gateway</h2>
 * <ol>
 * <li>In a package of its own (e.g. {@code io.whatsdev.simulator.waha}), write the API: a subclass of
 * {@link GatewayApi} that declares its routes, how it authenticates, refuses credentials and shapes an error, and its
 * switches ({@link GatewayApi#setting}).</li>
 * <li>Beside it, a public class with a public no-argument constructor that implements this interface.</li>
 * <li>Register that class with one line in {@code META-INF/services/io.whatsdev.simulator.SimulatedGateway}.</li>
 * </ol>
 * The simulator finds the plug-ins with {@link java.util.ServiceLoader} the first time {@link Gateway} is used; every
 * simulator then serves every registered gateway, in the order of registration ({@link Gateway#all()}). Nothing else in
 * the simulator names a gateway.
 * <p>
 * One instance of a plug-in is shared by all simulators of the class loader, so it holds no state: what changes at run
 * time (devices, tokens, counters, switches) lives in the simulator and in the {@link GatewayApi} that
 * {@link #createApi} makes for each simulator. For the same reason a plug-in's constructor and static initializer must
 * not use {@link Gateway} (it is being loaded then).
 */
public interface SimulatedGateway {

    /**
     * The gateway's URI name, e.g. {@code whatspie}: lower case letters, digits and {@code -}, unique among the
     * registered gateways. It is also the first path segment of everything the simulator serves for the gateway, and the
     * {@code {gateway}} of the admin surface ({@code /_admin/whatspie/devices}).
     */
    String id();

    /**
     * The path of the gateway's API on the simulator: {@code "/" + id()}, optionally followed by the real API's own
     * prefix, e.g. {@code /whatsgate-org/api/v1} for {@code https://whatsgate.org/api/v1}. A client points its base URL
     * at {@code http://127.0.0.1:<port>} plus this path. No trailing slash.
     */
    String basePath();

    /**
     * Makes the gateway's API for one simulator. Called once per simulator, when it starts; the API keeps the gateway's
     * run-time state (issued tokens, id counters) and its switches for that simulator.
     *
     * @param simulator the simulator that will serve the API (its devices, faults and settings)
     * @param gateway   this plug-in's gateway, as the API passes it to {@link GatewayApi}'s constructor
     */
    GatewayApi createApi(GatewaySimulator simulator, Gateway gateway);

    /**
     * Checks the id of a device about to be created, from Java, the admin surface or the gateway's own API. Blank ids
     * and ids already taken are refused before this is called. Default: any id.
     *
     * @throws IllegalArgumentException naming the gateway and its rule, e.g. {@code whatspie device ids are numeric, not
     *                                  'abc'}
     */
    default void checkDeviceId(String id) {
        // any id by default
    }

    /**
     * What a new device of this gateway starts with besides its id and name: an instance id, a phone number, a
     * per-device key (a device has a key only if it starts with one), gateway-specific attributes. Default: nothing.
     *
     * @param id the new device's id, already checked by {@link #checkDeviceId(String)}
     */
    default DeviceDefaults newDevice(String id) {
        return DeviceDefaults.NONE;
    }

    /**
     * Creates this gateway's demo devices on the simulator (what {@link GatewaySimulator#seedDemoDevices()} and the
     * command line's {@code --seed} do), with {@link GatewaySimulator#createDevice(Gateway, String, String)}. Default:
     * none.
     */
    default void seedDemoDevices(GatewaySimulator simulator, Gateway gateway) {
        // no demo devices by default
    }

    /**
     * Whether a deleted device stays in the registry until the gateway has reported it once more (whatsgate-org lists
     * a deleted session as {@code DESTROYING} once; see {@link DeviceRegistry#destroying()}). Default: false, a deleted
     * device is gone at once.
     */
    default boolean keepsDeletedDevices() {
        return false;
    }

    /**
     * How a client authenticates on the simulated gateway, in a few words for the start-up banner, e.g.
     * {@code Access-Token: sim-token}. Only the simulator's own credentials ({@link SimulatorCredentials}) belong here.
     * Default: empty.
     */
    default String credentials() {
        return "";
    }

    /**
     * A device id this gateway accepts, different for each {@code n} (1, 2, 3, ...), for tests and demos that create
     * devices on every registered gateway alike. Default: {@code device-<n>}.
     */
    default String sampleDeviceId(int n) {
        return "device-" + n;
    }

    /**
     * The options of a whatsdev endpoint (a URI query without {@code baseUrl}, e.g. {@code token=sim-token}) that reach
     * these devices of the gateway on the simulator with the simulator's credentials ({@link SimulatorCredentials}); the
     * devices matter only where each has its own key. The component's tests run the same routes on every registered
     * gateway with it. Default: none.
     */
    default String whatsdevOptions(java.util.List<SimDevice> devices) {
        return "";
    }
}
