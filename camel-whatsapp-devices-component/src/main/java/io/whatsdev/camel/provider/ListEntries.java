package io.whatsdev.camel.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.whatsdev.camel.exception.GatewayResponseException;
import io.whatsdev.camel.model.Device;

/**
 * A list answer's entries as {@link GatewayAnswer} parses them: each read into a device by the gateway's reader,
 * checked for a repeated id, and passed through a poll's filter. A bad entry or a repeated id is kept, not thrown, and
 * the rest of the answer is parsed without reading more devices: a failure envelope around the list says more, so its
 * exception comes first, as where the answer is read whole; then a bad entry's, then a repeated id's. Where the answer
 * was not read entry by entry (not a success, or not the expected shape), the reader reads it whole.
 */
final class ListEntries implements GatewayAnswer.EntrySink {

    private final WireReader reader;
    private final String operation;
    private final UnaryOperator<Device> keep;
    private final List<Device> devices = new ArrayList<>();
    private final IdSet ids;
    private GatewayResponseException bad;
    private GatewayResponseException twice;
    private boolean streamed;

    /**
     * @param keep     what to keep of each device (null where it returns null), or null to keep every device whole
     * @param expected about how many devices the list holds (the previous one's count), to size the id table
     */
    ListEntries(WireReader reader, String operation, UnaryOperator<Device> keep, int expected) {
        this.reader = reader;
        this.operation = operation;
        this.keep = keep;
        this.ids = new IdSet(expected);
    }

    @Override
    public void entry(JsonNode entry) {
        if (bad != null) {
            return;
        }
        try {
            Device d = reader.readListEntry(entry);
            if (!ids.add(d.getId()) && twice == null) {
                twice = reader.listedTwice(d.getId(), operation);
            }
            Device kept = keep == null ? d : keep.apply(d);
            if (kept != null) {
                devices.add(kept);
            }
        } catch (GatewayResponseException e) {
            bad = e;
        }
    }

    /** The devices of a successful answer: those read entry by entry, or else the reader's reading of the whole. */
    List<Device> devices(GatewayAnswer answer) throws GatewayResponseException {
        if (!answer.streamed()) {
            return reader.readList(answer.json());
        }
        streamed = true;
        if (bad != null) {
            throw bad;
        }
        if (twice != null) {
            throw twice;
        }
        return devices;
    }

    /** Whether {@link #devices} read the list entry by entry (and the filter saw each device). */
    boolean streamed() {
        return streamed;
    }

    /** How many devices the list held. */
    int size() {
        return ids.size();
    }
}
