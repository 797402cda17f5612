package io.whatsdev.camel.provider;

/**
 * The ids read so far from one device list, to find one listed twice. A list can hold 100,000 devices, read at every
 * poll, and adding them to a {@code HashSet} (an entry object per id, each id's string visited again at every resize)
 * was a tenth of a poll's time. This is an open-addressing table of the ids with their hashes beside them: a probe
 * compares hashes and visits a string only where they match, and growing never visits one. Not thread safe; nulls are
 * ignored.
 */
final class IdSet {

    private String[] ids;
    private int[] hashes;
    private int size;

    /** Room for about {@code expected} ids before the first growth. */
    IdSet(int expected) {
        int capacity = 64;
        while (capacity < 2 * expected && capacity < (1 << 30)) {
            capacity <<= 1;
        }
        ids = new String[capacity];
        hashes = new int[capacity];
    }

    /** Adds the id; false where it was there already. */
    boolean add(String id) {
        if (id == null) {
            return true;
        }
        if (2 * (size + 1) > ids.length) {
            grow();
        }
        int h = spread(id.hashCode());
        int mask = ids.length - 1;
        for (int i = h & mask;; i = (i + 1) & mask) {
            String s = ids[i];
            if (s == null) {
                ids[i] = id;
                hashes[i] = h;
                size++;
                return true;
            }
            if (hashes[i] == h && s.equals(id)) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    /** Twice the room, every id placed again by its kept hash: at most half full, so that a probe ends soon. */
    private void grow() {
        String[] oldIds = ids;
        int[] oldHashes = hashes;
        ids = new String[oldIds.length * 2];
        hashes = new int[oldIds.length * 2];
        int mask = ids.length - 1;
        for (int j = 0; j < oldIds.length; j++) {
            if (oldIds[j] != null) {
                int i = oldHashes[j] & mask;
                while (ids[i] != null) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    /** Ids that differ only in their last characters differ in their hash's low bits too. */
    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
