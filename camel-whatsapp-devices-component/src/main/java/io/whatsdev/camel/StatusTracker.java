package io.whatsdev.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import io.whatsdev.camel.model.Device;
import io.whatsdev.camel.model.DeviceStatus;
import io.whatsdev.camel.model.StatusChange;
import org.apache.camel.spi.StateRepository;

/**
 * Diffs each poll's devices against the last-known statuses in a {@link StateRepository}, and records a status only
 * once its change was delivered. Keys: {@code <prefix>/<deviceId>} holds a device's status name, {@code <prefix>#devices}
 * the ids known (so that a device that vanished while the route was down is still reported {@code DELETED}). (The
 * feed consumer keeps its cursor beside them, under {@code <prefix>#feed}: device ids never hold a {@code #}.)
 * <p>
 * A polling consumer and an events consumer that share the repository and the prefix share the statuses: each delivers
 * a change under the device's lock ({@link #deliver}), re-reading the stored status first, so a transition that one of
 * them delivered is not delivered again by the other. The lock is per repository instance and key, so this holds
 * within one JVM; several nodes share one consumer with Camel's {@code master:}. The time of the last recorded status
 * ({@code <prefix>/<deviceId>@at}, epoch milliseconds) keeps an older callback from rolling a device back.
 * <p>
 * The index is one line of all the ids, so writing it costs as much as the fleet is large: a poll reads it once
 * ({@link #beginPoll}, before its list call), keeps it in memory until {@link #endPoll}, and writes it at most twice,
 * whatever the number of changes. While the list is read, {@link #light} compares each device with its stored status
 * and keeps only the id of one with nothing to report, so that a poll of a large unchanged fleet holds ids, not
 * devices; {@link #diff} then works on the devices kept. A delivery outside a poll reads the index only for a device
 * it adds or removes.
 * <p>
 * The index grows <em>before</em> a status is recorded and shrinks only after a DELETED one was: a device that has a
 * status is in the index even where the process dies halfway through a poll, so that its vanishing is still
 * reported. What a crash or a racing consumer can leave over (an id whose status is DELETED or was never recorded; a
 * listed device with a status but missing from the index) is put right at the next poll.
 */
final class StatusTracker {

    private final StateRepository<String, String> repository;
    private final String prefix;
    private final boolean emitInitialState;
    private final Duration minStableTime;
    private final Set<String> watched;
    private final Map<String, Candidate> candidates = new ConcurrentHashMap<>();
    /** Devices that could not be read at the first poll, whose first status is still to be recorded silently. */
    private final Set<String> baselinePending = ConcurrentHashMap.newKeySet();
    /**
     * The poll in progress (the poll thread only): the ids of the stored index, read once by {@link #diff} with the ones
     * it added, so that delivering a change does not read the index again; null outside a poll, where a delivery (a
     * callback's, on several threads at once) reads and writes the index itself.
     */
    private Set<String> pollIndex;
    /** The ids whose DELETED the poll in progress delivered, dropped from the index by {@link #endPoll}. */
    private final Set<String> pollDropped = new LinkedHashSet<>();
    /**
     * The poll being read ({@link #beginPoll} to {@link #diff}): the stored index as it was at its start (null where there
     * was none: the first poll), its ids as a set once needed, and the ids of the listed devices that {@link #light} found
     * unchanged, which the consumer then does not keep. {@link #unchangedIds} is null outside that span.
     */
    private String readText;
    private Set<String> readIndex;
    private List<String> unchangedIds;
    /**
     * While the listed ids follow the index's own order (it is written in the order the gateway lists), {@link #light}
     * checks each against the next id of the index text, {@link #walkPos}, instead of decoding the index into a set:
     * a poll of an unchanged fleet then never decodes it. The first id out of step ends the walk.
     */
    private boolean walking;
    private int walkPos;

    /** The device locks: per repository instance and key, shared by every consumer of this JVM that uses them. */
    private static final Map<Object, Map<String, Object>> LOCKS = Collections.synchronizedMap(new WeakHashMap<>());

    /** What delivering a change does; an exception leaves the change unrecorded, to be offered again. */
    @FunctionalInterface
    interface Delivery {
        void deliver(StatusChange change) throws Exception;
    }

    /** A status seen but not yet stable for {@code minStableTime}. */
    private record Candidate(DeviceStatus status, Instant since) {
    }

    StatusTracker(StateRepository<String, String> repository, String prefix, boolean emitInitialState, Duration minStableTime,
                  Collection<String> watched) {
        this.repository = repository;
        this.prefix = prefix;
        this.emitInitialState = emitInitialState;
        this.minStableTime = minStableTime == null ? Duration.ZERO : minStableTime;
        this.watched = watched == null || watched.isEmpty() ? null : new LinkedHashSet<>(watched);
    }

    /**
     * Begins a poll, before its list call: reads the stored index, which {@link #light} compares the listed devices with
     * as they are read, and {@link #diff} uses. Ended by {@link #endPoll}, also where the poll fails.
     */
    void beginPoll(boolean oneReader) {
        readText = repository.getState(indexKey());
        walking = oneReader && readText != null;
        walkPos = 0;
        // a poll of several targets reads them at once: the set is made before, and the ids noted under a lock
        readIndex = walking ? null : decode(readText);
        unchangedIds = oneReader ? new ArrayList<>() : Collections.synchronizedList(new ArrayList<>());
        pollDropped.clear();
    }

    /** Whether the index read by {@link #beginPoll} holds the id (see {@link #walking}). */
    private boolean readKnown(String id) {
        if (walking) {
            int end = walkPos + id.length();
            // an id that URL-encoding changes is never in the index as itself, and one with a comma could match
            // several ids of it ("a,b"): looked up in the set
            if (unencoded(id) && readText.startsWith(id, walkPos) && (end == readText.length() || readText.charAt(end) == ',')) {
                walkPos = end + 1;
                return true;
            }
            walking = false;
        }
        if (readIndex == null) {
            readIndex = decode(readText);
        }
        return readIndex.contains(id);
    }

    /** Whether the id is not empty and URL-encoding leaves it as it is (letters, digits, {@code . - * _}). */
    private static boolean unencoded(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '*'
                  || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Whether every listed id was the index's next one, to its end: the poll listed exactly the known devices. */
    private boolean walkedAll() {
        return walking && walkPos >= readText.length();
    }

    /**
     * What a poll keeps of a listed device while it reads the rest of the list (see {@link #beginPoll}): nothing of a
     * device that is not watched (the diff skips it), nor of one that has nothing to report (known, its stored status
     * the listed one, no debounce pending), whose id alone is noted; a copy without its extra map of a device waiting
     * for its scan (the consumer's qrRefresh looks for those); any other device as it is, for {@link #diff}. A lazily
     * made extra map holds the gateway's JSON of its device: with 100,000 unchanged devices, the poll then holds their
     * ids instead of the answer's tree, several hundred megabytes. It only reads: the poll may still fail at a later
     * device, and then has changed nothing.
     *
     * @return the device to keep, or null
     */
    Device light(Device d) {
        String id = d.getId();
        if (id == null) {
            return d;
        }
        if (watched != null && !watched.contains(id)) {
            return null;
        }
        if (unchangedIds == null || !readKnown(id) || stored(id) != d.getStatus() || candidates.containsKey(id)) {
            return d;
        }
        if (d.getStatus() == DeviceStatus.AWAITING_SCAN) {
            return d.withoutExtra();
        }
        unchangedIds.add(id);
        return null;
    }

    /** The changes that a successful poll's devices mean, in the gateway's order, vanished devices last. */
    List<StatusChange> diff(List<Device> polled, String provider, Instant now) {
        return diff(polled, provider, now, Set.of());
    }

    /**
     * As {@link #diff(List, String, Instant)}, for a poll in which some devices could not be read (one poll target
     * that failed): those keep their last status, are not reported DELETED, and their debounce window goes on.
     * <p>
     * The polled ids must be unique, as
     * {@link io.whatsdev.camel.provider.GatewayClient#list(java.util.function.UnaryOperator)} makes them: where every
     * known device was listed (counted as the list is walked), nothing vanished, and the set of listed ids, as large as
     * the fleet, is never built. The devices {@link #light} did not keep count as listed and unchanged.
     */
    List<StatusChange> diff(List<Device> polled, String provider, Instant now, Set<String> unread) {
        if (unchangedIds == null) {
            beginPoll(false);
        }
        boolean firstPoll = readText == null;
        if (firstPoll && !emitInitialState) {
            baselinePending.addAll(unread);
        }
        // each known device listed, unchanged, and nothing else listed
        boolean nothingToDo = walkedAll() && polled.isEmpty() && unread.isEmpty() && watched == null;
        Set<String> known = nothingToDo ? null : readIndex != null ? readIndex : decode(readText);
        List<String> unchanged = unchangedIds;
        endReading();
        if (nothingToDo) {
            return new ArrayList<>();
        }
        pollIndex = known;
        List<StatusChange> changes = new ArrayList<>();
        Set<String> toIndex = new LinkedHashSet<>(); // written to the index before any status of this poll is
        Map<String, DeviceStatus> silent = new LinkedHashMap<>();
        int knownListed = unchanged.size(); // light() keeps only known ones' ids
        for (Device d : polled) {
            if (d.getId() == null || watched != null && !watched.contains(d.getId())) {
                continue;
            }
            boolean isKnown = known.contains(d.getId());
            if (isKnown) {
                knownListed++;
            }
            DeviceStatus previous = stored(d.getId());
            if (previous == null && firstPoll && !emitInitialState) {
                continue; // recorded silently by baseline()
            }
            if (previous == null && baselinePending.remove(d.getId())) {
                // unread at the first poll: its first status is its initial state, recorded silently like the others'
                silent.put(d.getId(), d.getStatus());
                continue;
            }
            if (previous != null && previous != DeviceStatus.DELETED && !isKnown) {
                toIndex.add(d.getId()); // a status without its id in the index (a crash, a racing consumer): put right
            }
            DeviceStatus from = previous == null ? DeviceStatus.UNKNOWN : previous;
            if (from != d.getStatus() && stable(d.getId(), d.getStatus(), now)) {
                changes.add(new StatusChange(d, from, d.getStatus(), now));
                if (d.getStatus() != DeviceStatus.DELETED && !isKnown) {
                    toIndex.add(d.getId());
                }
            } else if (from == d.getStatus()) {
                candidates.remove(d.getId()); // a flap that reverted within the window
            }
        }
        Map<String, Device> listed = firstPoll || watched != null || knownListed < known.size() ? listed(polled) : null;
        if (listed != null) {
            Set<String> seen = listed.keySet();
            if (!unchanged.isEmpty()) {
                seen = new HashSet<>(seen);
                seen.addAll(unchanged);
            }
            changes.addAll(vanished(known, seen, unread, provider, now));
        }
        if (firstPoll) {
            baseline(listed.values(), changes);
        } else if (!toIndex.isEmpty() || !silent.isEmpty()) {
            toIndex.addAll(silent.keySet());
            index(toIndex);
            silent.forEach((id, status) -> repository.setState(key(id), status.name()));
        }
        return changes;
    }

    private void endReading() {
        walking = false;
        readText = null;
        readIndex = null;
        unchangedIds = null;
    }

    /** The polled devices that this tracker diffs (with an id, watched), by id. */
    private Map<String, Device> listed(List<Device> polled) {
        Map<String, Device> listed = new LinkedHashMap<>();
        for (Device d : polled) {
            if (d.getId() != null && (watched == null || watched.contains(d.getId()))) {
                listed.put(d.getId(), d);
            }
        }
        return listed;
    }

    /**
     * The DELETED changes of the known and watched devices that the poll did not list (and that were not unread). An
     * id of the index that has no status to report (DELETED already, or never recorded) is dropped from it at
     * {@link #endPoll}.
     */
    private List<StatusChange> vanished(Set<String> known, Set<String> seen, Set<String> unread, String provider,
                                        Instant now) {
        Set<String> vanished = new LinkedHashSet<>(known);
        if (watched != null) {
            vanished.addAll(watched);
        }
        vanished.removeAll(seen);
        vanished.removeAll(unread);
        List<StatusChange> changes = new ArrayList<>();
        for (String id : vanished) {
            DeviceStatus previous = stored(id);
            if (previous != null && previous != DeviceStatus.DELETED) {
                if (stable(id, DeviceStatus.DELETED, now)) {
                    Device gone = Device.builder(provider).id(id).status(DeviceStatus.DELETED).build();
                    changes.add(new StatusChange(gone, previous, DeviceStatus.DELETED, now));
                }
            } else if (known.contains(id)) {
                pollDropped.add(id);
            }
        }
        return changes;
    }

    /**
     * At the first poll ever, record what was found (without emitting, unless emitInitialState). The statuses before
     * the index: a crash in between leaves no index, so the next poll is a first poll again and records them again.
     */
    private void baseline(Collection<Device> devices, List<StatusChange> emitted) {
        Set<String> pending = new HashSet<>();
        for (StatusChange c : emitted) {
            pending.add(c.getDevice().getId());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Device d : devices) {
            ids.add(d.getId());
            if (!pending.contains(d.getId())) {
                repository.setState(key(d.getId()), d.getStatus().name());
            }
        }
        index(ids);
    }

    /**
     * Ends the poll that {@link #diff} began: drops from the index the ids whose DELETED it delivered, and those that
     * it found with no status to report, in one write. Call it after the poll's deliveries, also where they failed.
     */
    void endPoll() {
        pollIndex = null;
        endReading();
        if (!pollDropped.isEmpty()) {
            unindex(pollDropped);
            pollDropped.clear();
        }
    }

    /**
     * Delivers a change unless the device's stored status already is its new one (another consumer of the same state
     * delivered it) or the stored status is newer than {@code at}; records it once delivered. Under the device's lock.
     *
     * @return whether it was delivered
     */
    boolean deliver(StatusChange change, Instant at, Delivery delivery) throws Exception {
        String id = change.getDevice().getId();
        synchronized (lock(key(id))) {
            DeviceStatus stored = stored(id);
            Long storedAt = storedAt(id);
            if (stored == change.getCurrent() || storedAt != null && at.toEpochMilli() < storedAt) {
                candidates.remove(id);
                return false;
            }
            StatusChange current = stored == null || stored == change.getPrevious() ? change
                    : new StatusChange(change.getDevice(), stored, change.getCurrent(), change.getSeenAt());
            if (current.getCurrent() != DeviceStatus.DELETED && !indexed(id, stored)) {
                index(List.of(id)); // before its status is recorded: a device with a status is always in the index
            }
            delivery.deliver(current);
            commit(current, at);
            return true;
        }
    }

    /**
     * Whether the device is in the index, as far as a delivery needs to know: within a poll, the poll's index says; outside
     * one (a callback, a feed event), a device with a live stored status was indexed before that status was recorded, so
     * only a new or deleted device needs the index read (which costs as much as the fleet is large). An id that a
     * racing consumer dropped all the same is put back by the next poll, the only reader of the index.
     */
    private boolean indexed(String id, DeviceStatus stored) {
        if (pollIndex != null) {
            return pollIndex.contains(id);
        }
        return stored != null && stored != DeviceStatus.DELETED;
    }

    /**
     * The change a pushed status proposes, from UNKNOWN, or null for a device not watched. Whether it is one, and from
     * which status, {@link #deliver} decides under the device's lock, where it reads the stored status and its time
     * anyway: read here too, they would be read twice per event and could be stale by then.
     */
    StatusChange pushed(Device device, Instant now) {
        if (watched != null && !watched.contains(device.getId())) {
            return null;
        }
        return new StatusChange(device, DeviceStatus.UNKNOWN, device.getStatus(), now);
    }

    /** The lock of a device ({@code key(id)}) or of the index ({@code indexKey()}); a device's is taken first. */
    private Object lock(String key) {
        Map<String, Object> locks = LOCKS.computeIfAbsent(repository, r -> new ConcurrentHashMap<>());
        return locks.computeIfAbsent(key, k -> new Object());
    }

    private Long storedAt(String id) {
        String s = repository.getState(key(id) + "@at");
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Records a delivered change with the time it was seen: it will not be emitted again, after a restart either. */
    void commit(StatusChange change, Instant at) {
        commit(change);
        repository.setState(key(change.getDevice().getId()) + "@at", Long.toString(at.toEpochMilli()));
    }

    /**
     * Records a delivered change: it will not be emitted again, after a restart either. A DELETED device leaves the
     * index: at the end of the poll, or at once outside a poll.
     */
    void commit(StatusChange change) {
        String id = change.getDevice().getId();
        candidates.remove(id);
        repository.setState(key(id), change.getCurrent().name());
        if (change.getCurrent() == DeviceStatus.DELETED) {
            if (pollIndex != null) {
                pollDropped.add(id);
            } else {
                unindex(List.of(id));
            }
        }
    }

    private boolean stable(String id, DeviceStatus status, Instant now) {
        if (minStableTime.isZero()) {
            return true;
        }
        Candidate c = candidates.get(id);
        if (c == null || c.status() != status) {
            candidates.put(id, new Candidate(status, now));
            return false;
        }
        return !now.isBefore(c.since().plus(minStableTime));
    }

    /**
     * Adds ids to the stored index (one read, at most one write), under the index's lock: the consumers of this JVM
     * that share the state add and drop ids without losing each other's. Written where there was none yet, even empty,
     * so that the next poll is no first poll.
     */
    private void index(Collection<String> ids) {
        synchronized (lock(indexKey())) {
            String stored = repository.getState(indexKey());
            Set<String> all = decode(stored);
            if (all.addAll(ids) || stored == null) {
                writeIndex(all);
            }
        }
        if (pollIndex != null) {
            pollIndex.addAll(ids);
        }
    }

    /**
     * Drops ids from the stored index (one read, at most one write), under the index's lock; an id whose device has a
     * status other than DELETED again (another consumer recorded it meanwhile) stays.
     */
    private void unindex(Collection<String> ids) {
        synchronized (lock(indexKey())) {
            String stored = repository.getState(indexKey());
            Set<String> all = decode(stored);
            boolean dropped = false;
            for (String id : ids) {
                DeviceStatus status = stored(id);
                if (status == null || status == DeviceStatus.DELETED) {
                    dropped |= all.remove(id);
                }
            }
            if (dropped) {
                writeIndex(all);
            }
        }
    }

    /**
     * The known ids, stored as one line (line-based repositories such as the file one need that): URL-encoded ids
     * separated by commas.
     */
    private static Set<String> decode(String index) {
        if (index == null || index.isEmpty()) {
            return new LinkedHashSet<>();
        }
        int commas = 0;
        for (int i = index.indexOf(','); i >= 0; i = index.indexOf(',', i + 1)) {
            commas++;
        }
        Set<String> ids = new LinkedHashSet<>((int) ((commas + 1) / 0.75f) + 1); // read at every poll: sized once
        int start = 0;
        while (start <= index.length()) {
            int end = index.indexOf(',', start);
            if (end < 0) {
                end = index.length();
            }
            if (end > start) {
                String s = index.substring(start, end);
                // most ids need no decoding, and URLDecoder would copy each of them
                ids.add(s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
            start = end + 1;
        }
        return ids;
    }

    private void writeIndex(Set<String> ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            sb.append(sb.length() == 0 ? "" : ",").append(URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
        repository.setState(indexKey(), sb.toString());
    }

    private DeviceStatus stored(String id) {
        String s = repository.getState(key(id));
        if (s == null) {
            return null;
        }
        try {
            return DeviceStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            return DeviceStatus.UNKNOWN;
        }
    }

    private String key(String id) {
        return prefix + "/" + id;
    }

    private String indexKey() {
        return prefix + "#devices";
    }
}
