package io.candlekeep.app.provider.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kline stream against a local WebSocket server ({@link ReplayServer}) that replays the recorded Binance frames,
 * and frames made from them. Time is the test's: a {@link MutableClock} and a {@link ManualScheduler} that runs the
 * stream's reconnects and replacements only when the test moves the clock. Every fault comes on a condition (a frame
 * received, a task pending), never after a sleep.
 */
final class BinanceKlineStreamIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final Symbol ETH = Symbol.of("ETH-USD");
    /** The recorded frame's kline opened 10:06; its 15m bar is the 10:00 one. */
    private static final Instant T1000 = Instant.parse("2022-05-29T10:00:00Z");
    private static final Duration M15 = Timeframe.M15.duration();

    /** What the listener heard. */
    private static final class Recording implements KlineListener {
        final List<Kline> klines = new CopyOnWriteArrayList<>();
        final List<Instant> reconnectedAfter = new CopyOnWriteArrayList<>();

        @Override
        public void onKline(Kline kline) {
            klines.add(kline);
        }

        @Override
        public void onReconnected(Instant disconnectedAt) {
            reconnectedAfter.add(disconnectedAt);
        }
    }

    private final MutableClock clock = MutableClock.at("2022-05-29T10:06:02.502Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Recording listener = new Recording();
    private ReplayServer server;
    private HttpClient http;
    private BinanceKlineStream stream;

    @BeforeEach
    void setUp() throws InterruptedException {
        server = ReplayServer.started();
        http = HttpClient.newHttpClient();
        // silence is checked in its own test; elsewhere the server sends no pings, so the timeout is out of the way
        stream = stream(properties(Duration.ofDays(2)), 1.0);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        stream.close();
        server.stop(1000);
        http.close();
    }

    private BinanceStreamProperties properties(Duration silenceTimeout) {
        return new BinanceStreamProperties(URI.create(server.baseUrl()), Duration.ofSeconds(5), Duration.ofHours(23),
                Duration.ofSeconds(1), Duration.ofMinutes(1), silenceTimeout);
    }

    private BinanceKlineStream stream(BinanceStreamProperties properties, double jitter) {
        return new BinanceKlineStream(properties, listener, clock, http, scheduler, () -> jitter);
    }

    // ---- frames made from the recorded one ----

    /**
     * The recorded spot frame with its stream, interval, open and close times moved onto {@code timeframe} from
     * {@code open}, its close state and close price set; every other field as recorded.
     */
    private static String frame(String symbol, Timeframe timeframe, Instant open, boolean closed, double close) {
        ObjectNode root = (ObjectNode) JsonMapper.shared().readTree(Fixtures.text("binance", BinanceStreamParserTest.SPOT_1M));
        String interval = BinanceBarMapper.interval(timeframe);
        root.put("stream", symbol.toLowerCase() + "@kline_" + interval);
        ObjectNode data = (ObjectNode) root.get("data");
        data.put("s", symbol);
        ObjectNode k = (ObjectNode) data.get("k");
        k.put("s", symbol);
        k.put("i", interval);
        k.put("t", open.toEpochMilli());
        k.put("T", open.plus(timeframe.duration()).toEpochMilli() - 1);
        k.put("x", closed);
        k.put("c", Double.toString(close));
        k.put("h", Double.toString(Math.max(close, 29038.47)));
        k.put("l", Double.toString(Math.min(close, 29038.46)));
        return root.toString();
    }

    private static String btc15m(Instant open, boolean closed, double close) {
        return frame("BTCUSDT", Timeframe.M15, open, closed, close);
    }

    private static Bar bar(Instant open, double close, boolean isFinal) {
        return Bar.of(open, 29038.46, Math.max(close, 29038.47), Math.min(close, 29038.46), close, 0.20926, isFinal);
    }

    // ---- waiting on conditions ----

    private ReplayServer.Client awaitClient(int i) {
        Eventually.await(WAIT, "connection " + (i + 1) + " to the replay server", () -> server.clients.size() > i);
        return server.client(i);
    }

    private JsonNode awaitMessage(ReplayServer.Client client, int i) {
        Eventually.await(WAIT, "message " + (i + 1) + " from the stream", () -> client.messages.size() > i);
        return JsonMapper.shared().readTree(client.messages.get(i));
    }

    private void awaitFrames(long frames) {
        Eventually.await(WAIT, () -> frames + " frames read; stats " + stream.stats(), () -> stream.stats().frames() >= frames);
    }

    private Duration awaitReconnectPending() {
        Eventually.await(WAIT, () -> "a reconnect scheduled; pending " + scheduler.pendingDelays(),
                () -> scheduler.pendingShorterThan(Duration.ofMinutes(2)).isPresent());
        return scheduler.pendingShorterThan(Duration.ofMinutes(2)).orElseThrow();
    }

    private static List<String> params(JsonNode message) {
        return IntStream.range(0, message.get("params").size()).mapToObj(i -> message.get("params").get(i).asString())
                .toList();
    }

    // ---- tests ----

    @Test
    void subscribe_connectsToTheCombinedEndpointAndSubscribesEveryStreamInOneMessage() {
        stream.subscribe(Set.of(BTC, ETH), EnumSet.of(Timeframe.M15, Timeframe.H1));

        ReplayServer.Client client = awaitClient(0);
        JsonNode subscribe = awaitMessage(client, 0);
        assertThat(client.path).isEqualTo("/stream");
        assertThat(subscribe.get("method").asString()).isEqualTo("SUBSCRIBE");
        assertThat(params(subscribe)).containsExactly("btcusdt@kline_15m", "btcusdt@kline_1h", "ethusdt@kline_15m",
                "ethusdt@kline_1h");
        assertThat(subscribe.get("id").isIntegralNumber()).isTrue();
        Eventually.await(WAIT, "connected", () -> stream.stats().connected());
        assertThat(stream.stats().streams()).isEqualTo(4);
    }

    @Test
    void frames_recordedAndRestamped_areDeliveredAsKlinesAndOtherIntervalsIgnored() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client client = awaitClient(0);
        awaitMessage(client, 0);

        client.send("{\"result\":null,\"id\":1}");
        client.send(Fixtures.text("binance", BinanceStreamParserTest.SPOT_1M));
        client.send(Fixtures.text("binance", BinanceStreamParserTest.USDM_1MONTH));
        client.send(btc15m(T1000, false, 29038.47));
        client.send(btc15m(T1000, true, 29050.0));
        awaitFrames(5);

        assertThat(listener.klines).containsExactly(
                new Kline(BTC, Timeframe.M15, bar(T1000, 29038.47, false), false),
                new Kline(BTC, Timeframe.M15, bar(T1000, 29050.0, true), true));
        BinanceKlineStream.Stats stats = stream.stats();
        assertThat(stats.klines()).isEqualTo(2);
        assertThat(stats.ignored()).as("the recorded 1m and 1M frames: streams not subscribed").isEqualTo(2);
        assertThat(stats.garbage()).isZero();
    }

    @Test
    void frames_garbage_isCountedAndSkippedAndTheStreamGoesOn() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client client = awaitClient(0);
        awaitMessage(client, 0);

        client.send("not json");
        client.send("[1,2]");
        client.send("{}");
        client.send(btc15m(T1000, false, 29038.47).replace("\"o\":\"29038.46000000\"", "\"o\":\"abc\""));
        // low above high makes no bar
        client.send(btc15m(T1000, false, 29038.47).replace("\"l\":\"29038.46\"", "\"l\":\"99999.0\""));
        // a 15m stream's kline that spans a minute
        client.send(btc15m(T1000, false, 29038.47).replace("\"T\":" + (T1000.plus(M15).toEpochMilli() - 1),
                "\"T\":" + (T1000.toEpochMilli() + 59_999)));
        client.sendBinary(new byte[] {1, 2, 3});
        client.send(btc15m(T1000, false, 29040.0));
        awaitFrames(8);

        assertThat(listener.klines).containsExactly(new Kline(BTC, Timeframe.M15, bar(T1000, 29040.0, false), false));
        assertThat(stream.stats().garbage()).isEqualTo(7);
        assertThat(stream.stats().connected()).isTrue();
    }

    @Test
    void frames_duplicateAndOutOfOrder_arePassedOnUnlessOlderThanTheLastFinal() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client client = awaitClient(0);
        awaitMessage(client, 0);
        Instant t0945 = T1000.minus(M15);
        Instant t1015 = T1000.plus(M15);

        client.send(btc15m(T1000, false, 29040.0));
        client.send(btc15m(T1000, false, 29040.0)); // duplicate forming update: passed on
        client.send(btc15m(T1000, false, 29039.0)); // forming updates out of order among themselves: passed on
        client.send(btc15m(T1000, true, 29041.0));  // the final
        client.send(btc15m(T1000, false, 29042.0)); // a forming update after the final: stale
        client.send(btc15m(T1000, true, 29041.0));  // the final again: passed on
        client.send(btc15m(t1015, false, 29043.0)); // the next bar
        client.send(btc15m(t0945, false, 29030.0)); // an earlier bar: stale
        client.send(btc15m(t0945, true, 29030.0));  // its final, late: stale
        awaitFrames(9);

        assertThat(listener.klines).extracting(k -> k.bar().start() + " " + k.bar().close() + " " + k.isFinal())
                .containsExactly(T1000 + " 29040.0 false", T1000 + " 29040.0 false", T1000 + " 29039.0 false",
                        T1000 + " 29041.0 true", T1000 + " 29041.0 true", t1015 + " 29043.0 false");
        assertThat(stream.stats().stale()).isEqualTo(3);
    }

    @Test
    void connection_droppedAfterAFrame_reconnectsAfterTheBackoffResubscribesAndReportsTheGap() {
        stream.subscribe(Set.of(BTC, ETH), EnumSet.of(Timeframe.M15));
        ReplayServer.Client first = awaitClient(0);
        awaitMessage(first, 0);
        first.send(btc15m(T1000, false, 29040.0));
        Eventually.await(WAIT, "the first kline", () -> listener.klines.size() == 1);
        clock.advance(Duration.ofSeconds(5));
        Instant droppedAt = clock.instant();

        first.drop();

        assertThat(awaitReconnectPending()).as("the first reconnect waits its whole cap with jitter 1")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(stream.stats().connected()).isFalse();
        scheduler.advance(Duration.ofSeconds(1));
        ReplayServer.Client second = awaitClient(1);
        JsonNode resubscribe = awaitMessage(second, 0);
        assertThat(resubscribe.get("method").asString()).isEqualTo("SUBSCRIBE");
        assertThat(params(resubscribe)).containsExactly("btcusdt@kline_15m", "ethusdt@kline_15m");
        Eventually.await(WAIT, "the reconnect reported", () -> listener.reconnectedAfter.size() == 1);
        assertThat(listener.reconnectedAfter).containsExactly(droppedAt);
        assertThat(stream.stats().reconnects()).isEqualTo(1);

        second.send(btc15m(T1000, true, 29041.0));
        Eventually.await(WAIT, "a kline over the new connection", () -> listener.klines.size() == 2);
        assertThat(listener.klines.getLast().isFinal()).isTrue();
    }

    @Test
    void connection_refusedAgainAndAgain_backsOffExponentiallyUpToTheCap() {
        stream.close();
        stream = stream(new BinanceStreamProperties(URI.create(server.baseUrl()), Duration.ofSeconds(5),
                Duration.ofHours(23), Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofDays(2)), 0.0);
        server.refuse.set(3);

        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        Duration first = awaitReconnectPending();
        scheduler.advance(first);
        Eventually.await(WAIT, "the second refusal", () -> server.refused.get() == 2);
        Duration second = awaitReconnectPending();
        scheduler.advance(second);
        Eventually.await(WAIT, "the third refusal", () -> server.refused.get() == 3);
        Duration third = awaitReconnectPending();
        scheduler.advance(third);

        // jitter 0: half the cap, which doubles from 1 s and stops at 1.5 s
        assertThat(List.of(first, second, third)).containsExactly(Duration.ofMillis(500), Duration.ofMillis(750),
                Duration.ofMillis(750));
        ReplayServer.Client client = awaitClient(0);
        assertThat(params(awaitMessage(client, 0))).containsExactly("btcusdt@kline_15m");
        assertThat(listener.reconnectedAfter).as("never connected before: no gap to fill").isEmpty();
    }

    @Test
    void connection_atItsMaximumAge_isReplacedBeforeBinancesCut() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client first = awaitClient(0);
        awaitMessage(first, 0);
        Instant opened = clock.instant();

        scheduler.advance(Duration.ofHours(23));

        ReplayServer.Client second = awaitClient(1);
        assertThat(params(awaitMessage(second, 0))).containsExactly("btcusdt@kline_15m");
        Eventually.await(WAIT, "the old connection closed", () -> first.closeCode != null);
        Eventually.await(WAIT, "the replacement reported", () -> listener.reconnectedAfter.size() == 1);
        assertThat(listener.reconnectedAfter).containsExactly(opened.plus(Duration.ofHours(23)));
        assertThat(first.closeCode).as("closed by the stream with a normal close").isEqualTo(1000);
        // the new connection is replaced in its turn
        assertThat(scheduler.pendingDelays()).contains(Duration.ofHours(23));
        second.send(btc15m(T1000, false, 29041.0));
        Eventually.await(WAIT, "the new connection's kline", () -> !listener.klines.isEmpty());
        assertThat(listener.klines).extracting(k -> k.bar().close()).containsExactly(29041.0);
    }

    @Test
    void connection_serverShutdownNotice_isReplacedAtOnce() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client first = awaitClient(0);
        awaitMessage(first, 0);

        first.send("{\"e\":\"serverShutdown\",\"E\":1653818762502}");

        assertThat(params(awaitMessage(awaitClient(1), 0))).containsExactly("btcusdt@kline_15m");
        Eventually.await(WAIT, "the replacement reported", () -> listener.reconnectedAfter.size() == 1);
    }

    @Test
    void connection_silentPastTheTimeout_isTakenForDeadAndReplaced() {
        stream.close();
        stream = stream(properties(Duration.ofSeconds(60)), 1.0);
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client first = awaitClient(0);
        awaitMessage(first, 0);
        first.send(btc15m(T1000, false, 29040.0));
        Eventually.await(WAIT, "the first kline", () -> listener.klines.size() == 1);

        scheduler.advance(Duration.ofSeconds(30));
        assertThat(stream.stats().connected()).as("30 s of silence is not yet a drop").isTrue();
        scheduler.advance(Duration.ofSeconds(30));

        Duration reconnect = awaitReconnectPending();
        scheduler.advance(reconnect);
        assertThat(params(awaitMessage(awaitClient(1), 0))).containsExactly("btcusdt@kline_15m");
    }

    @Test
    void ping_isAnsweredWithAPongOfTheSamePayloadByTheJdk() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client client = awaitClient(0);
        awaitMessage(client, 0);

        client.ping("binance-ping-1653818762502");

        Eventually.await(WAIT, "a pong", () -> !client.pongs.isEmpty());
        assertThat(client.pongs).containsExactly("binance-ping-1653818762502");
        assertThat(stream.stats().garbage()).isZero();
    }

    @Test
    void subscribe_changedSet_sendsTheDifferenceOnTheOpenConnection() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client client = awaitClient(0);
        awaitMessage(client, 0);
        Eventually.await(WAIT, "connected", () -> stream.stats().connected());

        stream.subscribe(Set.of(BTC, ETH), EnumSet.of(Timeframe.M15));
        JsonNode add = awaitMessage(client, 1);
        stream.subscribe(Set.of(ETH), EnumSet.of(Timeframe.M15, Timeframe.H1));
        JsonNode remove = awaitMessage(client, 2);
        JsonNode addHour = awaitMessage(client, 3);

        assertThat(add.get("method").asString()).isEqualTo("SUBSCRIBE");
        assertThat(params(add)).containsExactly("ethusdt@kline_15m");
        assertThat(remove.get("method").asString()).isEqualTo("UNSUBSCRIBE");
        assertThat(params(remove)).containsExactly("btcusdt@kline_15m");
        assertThat(addHour.get("method").asString()).isEqualTo("SUBSCRIBE");
        assertThat(params(addHour)).containsExactly("ethusdt@kline_1h");
        assertThat(server.clients).hasSize(1);
        assertThat(stream.trackedStreams()).containsExactly("ethusdt@kline_15m", "ethusdt@kline_1h");

        client.send(btc15m(T1000, false, 29040.0)); // in flight while unsubscribing: ignored
        client.send(frame("ETHUSDT", Timeframe.H1, T1000, false, 1800.0));
        awaitFrames(2);
        assertThat(listener.klines).extracting(Kline::symbol, Kline::timeframe).containsExactly(tuple(ETH, Timeframe.H1));
        assertThat(stream.stats().ignored()).isEqualTo(1);
    }

    @Test
    void subscribe_notACryptoPair_isRejectedAndNothingConnects() {
        assertThatThrownBy(() -> stream.subscribe(Set.of(Symbol.of("AAPL")), EnumSet.of(Timeframe.M15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'AAPL'");
        assertThat(server.clients).isEmpty();
    }

    @Test
    void subscribe_moreStreamsThanOneConnectionCarries_isRejected() {
        Set<Symbol> many = new HashSet<>();
        for (int i = 0; i < 257; i++) {
            many.add(Symbol.of("C" + i + "-USD"));
        }

        assertThatThrownBy(() -> stream.subscribe(many, EnumSet.allOf(Timeframe.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1028 streams");
    }

    @Test
    void close_stopsReconnecting() {
        stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15));
        ReplayServer.Client first = awaitClient(0);
        awaitMessage(first, 0);
        first.drop();
        awaitReconnectPending();

        stream.close();
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(server.clients).hasSize(1);
        assertThatThrownBy(() -> stream.subscribe(Set.of(BTC), EnumSet.of(Timeframe.M15)))
                .isInstanceOf(IllegalStateException.class);
    }
}
