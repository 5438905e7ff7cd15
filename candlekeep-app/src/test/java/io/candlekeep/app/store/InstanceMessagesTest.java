package io.candlekeep.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

final class InstanceMessagesTest {

    @Test
    void pack_moreThanOnePayloadHolds_splitsInOrderWithinTheLimit() {
        List<String> items = IntStream.range(0, 500).mapToObj(i -> "{\"symbol\":\"SYMBOL" + i + "\",\"price\":" + i + ".25}")
                .toList();

        List<String> payloads = InstanceMessages.pack("origin", items, NotificationSender.MAX_PAYLOAD_BYTES);

        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(NotificationSender.MAX_PAYLOAD_BYTES));
        InstanceMessages other = new InstanceMessages((channel, payload) -> { }, "test");
        List<String> received = new ArrayList<>();
        payloads.forEach(p -> other.receive(p).forEach(n -> received.add(n.toString())));
        assertThat(received).containsExactlyElementsOf(items);
    }

    @Test
    void pack_multiByteCharacters_countsBytesNotCharacters() {
        // 102 characters, 202 bytes: two would fit 300 characters, only one fits 300 bytes
        String item = "\"" + "é".repeat(100) + "\"";

        List<String> payloads = InstanceMessages.pack("o", List.of(item, item, item), 300);

        assertThat(payloads).hasSize(3).allSatisfy(p ->
                assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(300));
    }

    @Test
    void pack_itemLargerThanOnePayload_isRefused() {
        assertThatThrownBy(() -> InstanceMessages.pack("origin", List.of("\"" + "x".repeat(100) + "\""), 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit a payload of 60");
    }

    @Test
    void pack_noItems_isNoPayload() {
        assertThat(InstanceMessages.pack("origin", List.of(), 8000)).isEmpty();
    }

    @Test
    void receive_payloadOfThisInstance_isPassedOver() throws InterruptedException {
        List<String> sent = new CopyOnWriteArrayList<>();
        InstanceMessages messages = new InstanceMessages((channel, payload) -> sent.add(payload), "test");
        InstanceMessages other = new InstanceMessages((channel, payload) -> { }, "test");

        messages.send(List.of("1", "2", "2"));
        messages.close();

        assertThat(sent).hasSize(1);
        assertThat(messages.receive(sent.getFirst())).isEmpty();
        assertThat(other.receive(sent.getFirst())).extracting(JsonNode::asInt).containsExactly(1, 2);
    }

    @Test
    void send_databaseFails_dropsTheseItemsAndSendsLaterOnes() throws InterruptedException {
        List<String> sent = new CopyOnWriteArrayList<>();
        CountDownLatch failed = new CountDownLatch(1);
        InstanceMessages messages = new InstanceMessages((channel, payload) -> {
            if (failed.getCount() > 0) {
                failed.countDown();
                throw new IllegalStateException("database down");
            }
            sent.add(payload);
        }, "test");

        messages.send(List.of("1"));
        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        messages.send(List.of("2"));
        messages.close();

        assertThat(sent).singleElement().asString().contains("\"items\":[2]");
    }
}
