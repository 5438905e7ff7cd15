package io.candlekeep.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OutboxTest {

    @Test
    void offer_sameKeyWaiting_replacesItInItsPlace() {
        Outbox<String> outbox = new Outbox<>(10);
        outbox.offer("AAPL", "aapl 1");
        outbox.offer(null, "final");
        outbox.offer("AAPL", "aapl 2");

        assertThat(drain(outbox)).containsExactly("aapl 2", "final");
        assertThat(outbox.coalesced()).isEqualTo(1);
    }

    @Test
    void offer_withoutKey_neverCoalesces() {
        Outbox<String> outbox = new Outbox<>(10);
        outbox.offer(null, "a");
        outbox.offer(null, "a");

        assertThat(drain(outbox)).containsExactly("a", "a");
    }

    @Test
    void offer_full_refusesANewPlaceButStillCoalesces() {
        Outbox<String> outbox = new Outbox<>(2);
        assertThat(outbox.offer("q", "1")).isEqualTo(Outbox.Offer.QUEUED);
        assertThat(outbox.offer(null, "final")).isEqualTo(Outbox.Offer.QUEUED);

        assertThat(outbox.offer(null, "another final")).isEqualTo(Outbox.Offer.FULL);
        assertThat(outbox.offer("other", "x")).isEqualTo(Outbox.Offer.FULL);
        assertThat(outbox.offer("q", "2")).isEqualTo(Outbox.Offer.COALESCED);
        assertThat(drain(outbox)).containsExactly("2", "final");
    }

    @Test
    void offer_afterAPoll_hasRoomAgain() {
        Outbox<String> outbox = new Outbox<>(1);
        outbox.offer(null, "a");
        outbox.poll();

        assertThat(outbox.offer(null, "b")).isEqualTo(Outbox.Offer.QUEUED);
    }

    @Test
    void remove_waitingKey_dropsIt() {
        Outbox<String> outbox = new Outbox<>(3);
        outbox.offer("forming", "f");
        outbox.offer("quote", "q");
        outbox.remove("forming");
        outbox.offer("forming", "f2");

        assertThat(drain(outbox)).containsExactly("q", "f2");
    }

    @Test
    void new_capacityBelowOne_isRefused() {
        assertThatThrownBy(() -> new Outbox<String>(0)).hasMessageContaining("capacity must be >= 1 but was 0");
    }

    private static List<String> drain(Outbox<String> outbox) {
        List<String> out = new ArrayList<>();
        for (var m = outbox.poll(); m.isPresent(); m = outbox.poll()) {
            out.add(m.get());
        }
        return out;
    }
}
