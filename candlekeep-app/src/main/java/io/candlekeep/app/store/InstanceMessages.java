package io.candlekeep.app.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON items this instance tells the other instances on one channel, as payloads
 * {@code {"origin":"<this instance>","items":[..]}} that each fit one notification. Sending happens on a thread of
 * its own: items sent while it is busy wait and go out together (an item already waiting is not added twice), so a
 * burst of writes makes few notifications, and a slow or absent database never delays the caller. Items beyond
 * {@value #MAX_WAITING} waiting are dropped. On arrival, this instance's own payloads (which come back to it) are
 * recognised and passed over.
 */
public final class InstanceMessages implements AutoCloseable {

    /** Items waiting to be sent at most; more are dropped, with a log line. */
    static final int MAX_WAITING = 10_000;

    private static final Logger log = LoggerFactory.getLogger(InstanceMessages.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotificationSender sender;
    private final String channel;
    private final String origin = UUID.randomUUID().toString();
    private final Set<String> waiting = new LinkedHashSet<>();
    private final ExecutorService sending;

    public InstanceMessages(NotificationSender sender, String channel) {
        this.sender = sender;
        this.channel = channel;
        this.sending = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("candlekeep-send-" + channel).daemon()
                .factory());
    }

    /** Sends {@code jsonItems} (each one JSON value) to the other instances, soon. */
    public void send(Collection<String> jsonItems) {
        if (jsonItems.isEmpty()) {
            return;
        }
        boolean first;
        synchronized (waiting) {
            if (waiting.size() + jsonItems.size() > MAX_WAITING) {
                log.info("[STORE] {} items for '{}' wait to be sent already; {} more dropped", waiting.size(), channel,
                        jsonItems.size());
                return;
            }
            first = waiting.isEmpty();
            waiting.addAll(jsonItems);
        }
        if (first) {
            sending.execute(this::flush);
        }
    }

    /** The items of a payload another instance sent; none for a payload of this instance's own. */
    public List<JsonNode> receive(String payload) {
        JsonNode root = JSON.readTree(payload);
        if (origin.equals(root.path("origin").asString(""))) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        root.get("items").forEach(items::add);
        return items;
    }

    private void flush() {
        List<String> items;
        synchronized (waiting) {
            items = new ArrayList<>(waiting);
            waiting.clear();
        }
        try {
            for (String payload : pack(origin, items, NotificationSender.MAX_PAYLOAD_BYTES)) {
                sender.send(channel, payload);
            }
        } catch (RuntimeException e) {
            log.info("[STORE] {} items not sent on '{}': {}", items.size(), channel, e.toString());
        }
    }

    /** As few payloads as hold {@code items}, in their order, each at most {@code maxBytes} in UTF-8. */
    static List<String> pack(String origin, List<String> items, int maxBytes) {
        String head = "{\"origin\":" + JSON.writeValueAsString(origin) + ",\"items\":[";
        String tail = "]}";
        int frame = utf8(head) + utf8(tail);
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder(head);
        int bytes = frame;
        int count = 0;
        for (String item : items) {
            int itemBytes = utf8(item);
            if (frame + itemBytes > maxBytes) {
                throw new IllegalArgumentException("Item of " + itemBytes + " bytes does not fit a payload of "
                        + maxBytes + ": " + item.substring(0, Math.min(80, item.length())));
            }
            if (count > 0 && bytes + 1 + itemBytes > maxBytes) {
                payloads.add(current.append(tail).toString());
                current = new StringBuilder(head);
                bytes = frame;
                count = 0;
            }
            if (count > 0) {
                current.append(',');
                bytes++;
            }
            current.append(item);
            bytes += itemBytes;
            count++;
        }
        if (count > 0) {
            payloads.add(current.append(tail).toString());
        }
        return payloads;
    }

    @Override
    public void close() throws InterruptedException {
        sending.shutdown();
        sending.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
