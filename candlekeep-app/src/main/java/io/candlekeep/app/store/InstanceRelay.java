package io.candlekeep.app.store;

import jakarta.annotation.PreDestroy;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Something one instance tells the others on the channel {@link #channel()}: a subclass sends JSON items with
 * {@link #send(Collection)} and gets the items the other instances sent in {@link #receive(List)}, never its own
 * ({@link InstanceMessages}). PostgreSQL only: a subclass is a bean only when PostgreSQL is selected.
 */
public abstract class InstanceRelay implements NotificationListener {

    private final String channel;
    private final InstanceMessages messages;

    protected InstanceRelay(NotificationSender sender, String channel) {
        this.channel = channel;
        this.messages = new InstanceMessages(sender, channel);
    }

    /** Items the other instances sent, in their order; called on the listening thread, so quick work only. */
    protected abstract void receive(List<JsonNode> items);

    /** Sends {@code jsonItems} to the other instances, soon and off the calling thread. */
    protected final void send(Collection<String> jsonItems) {
        messages.send(jsonItems);
    }

    @Override
    public final String channel() {
        return channel;
    }

    @Override
    public final void onNotification(String payload) {
        List<JsonNode> items = messages.receive(payload);
        if (!items.isEmpty()) {
            receive(items);
        }
    }

    /** Sends what waits, for at most 5 s, at shutdown. */
    @PreDestroy
    public final void close() throws InterruptedException {
        messages.close();
    }
}
