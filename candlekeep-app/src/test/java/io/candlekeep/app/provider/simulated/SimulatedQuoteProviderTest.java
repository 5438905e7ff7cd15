package io.candlekeep.app.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import io.candlekeep.core.provider.QuoteBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SimulatedQuoteProviderTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol BTC = Symbol.of("BTC-USD");
    /** Wednesday 2026-03-11, 11:07:30 in New York: the NYSE is open. */
    private static final Instant OPEN = Instant.parse("2026-03-11T15:07:30Z");
    /** Saturday 2026-03-14 noon in New York. */
    private static final Instant WEEKEND = Instant.parse("2026-03-14T16:00:00Z");

    private static SimulatedQuoteProvider provider(Instant now) {
        return SimulatedQuoteProvider.withDefaults(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SimulatedHistoryProvider history(Instant now) {
        return SimulatedHistoryProvider.withDefaults(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Quote quote(Instant now, Symbol symbol) {
        return provider(now).quotes(List.of(symbol)).findQuote(symbol).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"AAPL, 2026-03-11T15:07:30Z", "BTC-USD, 2026-03-11T15:07:30Z", "BTC-USD, 2026-03-14T16:00:00Z",
            "EURUSD=X, 2026-03-11T03:52:10Z", "^GSPC, 2026-03-11T19:59:59Z", "AAPL, 2026-03-11T15:15:00Z"})
    void quotes_marketOpen_priceIsTheCloseOfTheForming15mBarAtNow(String symbolText, String nowText) {
        Symbol symbol = Symbol.of(symbolText);
        Instant now = Instant.parse(nowText);

        Quote quote = quote(now, symbol);

        BarSeries m15 = history(now).generate(symbol, Timeframe.M15, now.minus(Duration.ofHours(1)), now.plusSeconds(1));
        Bar forming = m15.get(m15.size() - 1);
        assertThat(quote.time()).isEqualTo(now);
        assertThat(quote.price()).isEqualTo(forming.close());
        assertThat(quote.marketState()).isEqualTo("REGULAR");
    }

    @Test
    void quotes_marketOpen_dayFieldsAreTheFormingDailyBarAndPreviousClose() {
        Quote quote = quote(OPEN, AAPL);

        BarSeries days = history(OPEN).generate(AAPL, Timeframe.D1, OPEN.minus(Duration.ofDays(5)), OPEN);
        Bar today = days.get(days.size() - 1);
        assertThat(today.isFinal()).isFalse();
        assertThat(quote.dayOpen()).hasValue(today.open());
        assertThat(quote.dayHigh()).hasValue(today.high());
        assertThat(quote.dayLow()).hasValue(today.low());
        assertThat(quote.dayVolume()).isEqualTo(today.volume());
        assertThat(quote.previousClose()).hasValue(days.close(days.size() - 2));
        assertThat(today.close()).isEqualTo(quote.price());
        assertThat(quote.currency()).isEqualTo("USD");
    }

    @Test
    void quotes_stockAtTheWeekend_isFridaysCloseStampedAtTheClose() {
        Quote quote = quote(WEEKEND, AAPL);

        BarSeries days = history(WEEKEND).generate(AAPL, Timeframe.D1, WEEKEND.minus(Duration.ofDays(5)), WEEKEND);
        Bar friday = days.get(days.size() - 1);
        assertThat(friday.start()).isEqualTo(Instant.parse("2026-03-13T13:30:00Z"));
        assertThat(quote.time()).isEqualTo(Instant.parse("2026-03-13T20:00:00Z"));
        assertThat(quote.price()).isEqualTo(friday.close());
        assertThat(quote.dayVolume()).isEqualTo(friday.volume());
        assertThat(quote.previousClose()).hasValue(days.close(days.size() - 2));
        assertThat(quote.marketState()).isEqualTo("CLOSED");
    }

    @Test
    void quotes_stockAfterTheCloseAndNextMorning_agreeOnTheLastClose() {
        Quote evening = quote(Instant.parse("2026-03-11T22:30:00Z"), AAPL);
        Quote beforeOpen = quote(Instant.parse("2026-03-12T12:00:00Z"), AAPL);

        assertThat(evening.time()).isEqualTo(Instant.parse("2026-03-11T20:00:00Z"));
        assertThat(beforeOpen).isEqualTo(evening);
    }

    @Test
    void quotes_sameNow_giveEqualQuotesAndLaterNowMoves() {
        Quote first = quote(OPEN, BTC);
        Quote again = quote(OPEN, BTC);
        Quote later = quote(OPEN.plus(Duration.ofMinutes(7)), BTC);

        assertThat(again).isEqualTo(first);
        assertThat(later.price()).isNotEqualTo(first.price());
    }

    @Test
    void quotes_unknownAndMacroSymbols_areNotFound() {
        QuoteBatch batch = provider(OPEN).quotes(List.of(AAPL, Symbol.of("ZZZTOP"), Symbol.of("FRED:DGS10"), AAPL));

        assertThat(batch.quotes()).containsOnlyKeys(AAPL);
        assertThat(batch.notFound()).containsExactlyInAnyOrder(Symbol.of("ZZZTOP"), Symbol.of("FRED:DGS10"));
        assertThat(batch.failure()).isEmpty();
    }

    @Test
    void quotes_withLatency_sleepsOncePerCall() {
        List<Duration> sleeps = new ArrayList<>();
        SimulatedQuoteProvider slow = new SimulatedQuoteProvider(Clock.fixed(OPEN, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withLatency(Duration.ofMillis(40)), sleeps::add);

        slow.quotes(List.of(AAPL, BTC));

        assertThat(sleeps).containsExactly(Duration.ofMillis(40));
    }

    @Test
    void quotes_cryptoAndFx_carryTheirQuoteCurrency() {
        assertThat(quote(OPEN, Symbol.of("ETH-EUR")).currency()).isEqualTo("EUR");
        assertThat(quote(OPEN, Symbol.of("EURJPY=X")).currency()).isEqualTo("JPY");
    }
}
