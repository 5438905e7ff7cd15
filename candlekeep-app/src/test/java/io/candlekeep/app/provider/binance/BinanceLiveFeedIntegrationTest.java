package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.live.LiveCache;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with its live feed on a local stand-in for Binance's stream: a crypto pair tracked with
 * nobody connected to {@code /api/v1/stream} gets its closed klines stored as final bars, its forming kline as its
 * quote and, soon after, as the forming bar.
 *
 * <p>The frames are hand-written in the shape of the recorded {@code ws_kline_combined_btcusdt_1m_open_2022-05-29.json}
 * (the recording is a forming 1m kline; these are 15m klines, one closed). They lie in 2022, far before the
 * simulated backfill's window, so nothing else writes those bars.
 */
final class BinanceLiveFeedIntegrationTest extends SimulatedAppTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant CLOSED_START = Instant.ofEpochMilli(1653818400000L);
    private static final Instant FORMING_START = CLOSED_START.plus(Duration.ofMinutes(15));
    private static ReplayServer binance;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws InterruptedException {
        binance = ReplayServer.started();
        registry.add("candlekeep.providers.binance.stream.enabled", () -> "true");
        registry.add("candlekeep.providers.binance.stream.base-url", binance::baseUrl);
        registry.add("candlekeep.providers.binance.stream.forming-write-interval", () -> "100ms");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        binance.stop(1000);
    }

    @Autowired
    BinanceLiveFeed feed;
    @Autowired
    BarStore store;
    @Autowired
    LiveCache live;

    @Test
    void trackedPair_withNobodyListening_storesClosedKlinesAsFinalBarsAndTheFormingOneAsQuoteAndBar() {
        assertThat(api.post("/api/v1/tracking", "{\"symbols\":[\"BTC-USD\"],\"timeframes\":[\"15m\"]}").status())
                .isEqualTo(200);
        assertThat(feed.resubscribe()).isEqualTo(1);
        Eventually.await(WAIT, "the feed connected", () -> !binance.clients.isEmpty());
        ReplayServer.Client client = binance.client(0);
        Eventually.await(WAIT, "btcusdt@kline_15m subscribed", () -> client.path.contains("btcusdt@kline_15m")
                || client.messages.stream().anyMatch(m -> m.contains("btcusdt@kline_15m")));

        client.send(ReplayServer.klineFrame(CLOSED_START, "29000.10", "29050.00", "28990.00", "29038.47", "12.5", true));
        SeriesId series = SeriesId.of("BTC-USD", Timeframe.M15);
        Eventually.await(WAIT, "the closed kline stored", () -> storedAt(series, CLOSED_START).isPresent());
        Bar closed = storedAt(series, CLOSED_START).orElseThrow();
        assertThat(closed.isFinal()).isTrue();
        assertThat(closed.open()).isEqualTo(29000.10);
        assertThat(closed.high()).isEqualTo(29050.00);
        assertThat(closed.low()).isEqualTo(28990.00);
        assertThat(closed.close()).isEqualTo(29038.47);
        assertThat(closed.volume()).isEqualTo(12.5);

        client.send(ReplayServer.klineFrame(FORMING_START, "29038.47", "29120.00", "29030.00", "29100.00", "3.25", false));
        Eventually.await(WAIT, "the forming kline's close as the pair's quote",
                () -> live.find(Symbol.of("BTC-USD")).map(q -> q.price() == 29100.00).orElse(false));
        Eventually.await(WAIT, "the forming bar stored", () -> storedAt(series, FORMING_START).isPresent());
        Bar forming = storedAt(series, FORMING_START).orElseThrow();
        assertThat(forming.isFinal()).isFalse();
        assertThat(forming.close()).isEqualTo(29100.00);
        assertThat(feed.stats().garbage()).isZero();
    }

    private Optional<Bar> storedAt(SeriesId series, Instant start) {
        BarSeries bars = store.read(series, start, start.plus(series.timeframe().duration()), 1);
        return bars.isEmpty() ? Optional.empty() : Optional.of(bars.get(0));
    }
}
