package io.whatsdev.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The devices of one gateway, in creation order. Deleted devices leave the registry; those of a gateway that
 * {@link SimulatedGateway#keepsDeletedDevices() keeps deleted devices} are kept aside, in {@link #destroying()}, until
 * its API has reported them and calls {@link #forget(SimDevice)}.
 * <p>
 * Lock order: this registry never calls a device while holding its own lock, so devices may call it from theirs.
 */
public final class DeviceRegistry {

    private final Map<String, SimDevice> live = new LinkedHashMap<>();
    private final List<SimDevice> destroying = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    DeviceRegistry() {
    }

    /** The next creation number (whatsgate-org's numeric session {@code id}). */
    long nextNumber() {
        return sequence.incrementAndGet();
    }

    synchronized void add(SimDevice device) {
        if (live.containsKey(device.id())) {
            throw new IllegalArgumentException(device.gateway().id() + " device '" + device.id() + "' already exists");
        }
        live.put(device.id(), device);
    }

    /** The live device with this id, or null. */
    public synchronized SimDevice find(String id) {
        return id == null ? null : live.get(id);
    }

    public synchronized boolean contains(String id) {
        return live.containsKey(id);
    }

    public synchronized int size() {
        return live.size();
    }

    /** The live devices, in creation order (a copy). */
    public synchronized List<SimDevice> list() {
        return new ArrayList<>(live.values());
    }

    /** Deleted devices not yet reported (a copy; empty unless the gateway keeps deleted devices). */
    public synchronized List<SimDevice> destroying() {
        return new ArrayList<>(destroying);
    }

    synchronized void deleted(SimDevice device, boolean keep) {
        if (live.remove(device.id(), device) && keep) {
            destroying.add(device);
        }
    }

    /** A deleted device was reported: forget it. */
    public synchronized void forget(SimDevice device) {
        destroying.remove(device);
    }

    synchronized void clear() {
        live.clear();
        destroying.clear();
        sequence.set(0);
    }
}
