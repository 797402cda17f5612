package io.whatsdev.camel;

import java.time.Instant;
import java.util.Objects;

import io.whatsdev.camel.provider.EventFeed;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code whatsdev:GATEWAY/events?eventSource=feed}: polls the gateway's feed of past events ({@link EventFeed}, such as
 * whatsgate-org's {@code events-get}) on Camel's scheduled-poll machinery and routes each event as the callback
 * consumer does, through the same {@link EventRouter}: the same status changes, each once, also with a polling
 * consumer that shares {@code stateRepository} and {@code stateKey}.
 * <p>
 * The feed's cursor is kept in the {@code stateRepository} under {@code <stateKey>#feed} (beside the statuses'
 * {@code <stateKey>/<id>} and {@code <stateKey>#devices}), written once per poll, after the events before it were
 * routed. A failed exchange stops the poll at its event and stores the cursor before it: the next poll reads that event
 * again and routes it, while the {@code idempotentRepository} keeps the events routed before from being routed twice.
 * A failed or unreadable read routes nothing and leaves the cursor as it was; its typed exception goes to Camel's error
 * handling, and the scheduler backs off.
 */
final class WhatsDevFeedConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsDevFeedConsumer.class);

    private final WhatsDevEndpoint endpoint;
    private EventFeed feed;
    private StateRepository<String, String> repository;
    private EventRouter router;

    WhatsDevFeedConsumer(WhatsDevEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        feed = endpoint.getGateway().eventFeed();
        repository = endpoint.openStateRepository();
        router = EventRouter.start(endpoint, this);
        super.doStart();
        LOG.info("Polling the {} event feed; cursor in the state repository as {}", endpoint.getGateway().name(),
                endpoint.feedCursorKey());
    }

    @Override
    protected int poll() throws Exception {
        String key = endpoint.feedCursorKey();
        String stored = repository.getState(key);
        EventFeed.Batch batch = feed.read(endpoint.getClient(),
                new EventFeed.Query(stored, endpoint.watchedDeviceIds(), Instant.now()));
        String reached = stored;
        int exchanges = 0;
        for (EventFeed.Entry entry : batch.events()) {
            EventRouter.Outcome outcome = router.route(entry.event());
            exchanges += outcome.exchanged() ? 1 : 0;
            if (outcome == EventRouter.Outcome.FAILED) {
                // handled already; the cursor stays before this event, so the next poll routes it again
                save(key, stored, reached);
                return exchanges;
            }
            reached = entry.cursor();
        }
        save(key, stored, batch.cursor());
        return exchanges;
    }

    /** Writes the cursor where it moved. */
    private void save(String key, String stored, String cursor) {
        if (cursor != null && !Objects.equals(stored, cursor)) {
            repository.setState(key, cursor);
        }
    }
}
