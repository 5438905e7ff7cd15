package io.candlekeep.app.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SimulatedHistoryProviderTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol BTC = Symbol.of("BTC-USD");
    /** Wednesday 2026-03-11, 11:07:30 in New York: the NYSE is open. */
    private static final Instant NOW = Instant.parse("2026-03-11T15:07:30Z");

    private static SimulatedHistoryProvider provider(Instant now) {
        return SimulatedHistoryProvider.withDefaults(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static List<Bar> fetched(FetchOutcome outcome) {
        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        return ((FetchOutcome.Fetched) outcome).bars();
    }

    private static List<Bar> fetch(SimulatedHistoryProvider p, Symbol s, Timeframe tf, String from, String to) {
        return fetched(p.fetch(s, tf, Instant.parse(from), Instant.parse(to)));
    }

    @Test
    void fetch_sameRequestTwice_givesIdenticalBars() {
        List<Bar> first = fetch(provider(NOW), AAPL, Timeframe.H1, "2026-02-01T00:00:00Z", "2026-03-12T00:00:00Z");
        List<Bar> second = fetch(provider(NOW), AAPL, Timeframe.H1, "2026-02-01T00:00:00Z", "2026-03-12T00:00:00Z");

        assertThat(first).hasSizeGreaterThan(100).isEqualTo(second);
    }

    @Test
    void fetch_differentSymbols_giveDifferentPrices() {
        List<Bar> aapl = fetch(provider(NOW), AAPL, Timeframe.D1, "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z");
        List<Bar> msft = fetch(provider(NOW), Symbol.of("MSFT"), Timeframe.D1, "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z");

        assertThat(aapl.stream().map(Bar::start).toList()).isEqualTo(msft.stream().map(Bar::start).toList());
        assertThat(aapl.getFirst().close()).isNotEqualTo(msft.getFirst().close());
    }

    @Test
    void fetch_finalBars_doNotChangeAsTimeMovesOn() {
        List<Bar> before = fetch(provider(NOW), BTC, Timeframe.M15, "2026-03-10T00:00:00Z", "2026-03-12T00:00:00Z");
        List<Bar> later = fetch(provider(NOW.plus(Duration.ofHours(5))), BTC, Timeframe.M15,
                "2026-03-10T00:00:00Z", "2026-03-12T00:00:00Z");

        List<Bar> finalBefore = before.stream().filter(Bar::isFinal).toList();
        assertThat(later.subList(0, finalBefore.size())).isEqualTo(finalBefore);
        // the bar forming at NOW is final five hours later
        Bar forming = before.getLast();
        assertThat(later.get(before.size() - 1).start()).isEqualTo(forming.start());
        assertThat(later.get(before.size() - 1).isFinal()).isTrue();
    }

    @Test
    void fetch_hourBar_equalsAggregationOfItsQuarterHours() {
        SimulatedHistoryProvider p = provider(NOW);
        MarketCalendar nyse = MarketCalendars.forSymbol(AAPL);
        List<Bar> hours = fetch(p, AAPL, Timeframe.H1, "2026-03-09T00:00:00Z", "2026-03-11T00:00:00Z");
        List<Bar> quarters = fetch(p, AAPL, Timeframe.M15, "2026-03-09T00:00:00Z", "2026-03-11T00:00:00Z");

        assertThat(hours).hasSize(14); // two sessions of 09:30 .. 15:30, the last one a half hour
        for (Bar hour : hours) {
            Instant end = nyse.barEnd(Timeframe.H1, hour.start());
            List<Bar> inside = quarters.stream()
                    .filter(q -> !q.start().isBefore(hour.start()) && q.start().isBefore(end)).toList();
            assertThat(inside).as("15m bars inside %s", hour.start()).isNotEmpty();
            assertThat(hour.open()).isEqualTo(inside.getFirst().open());
            assertThat(hour.close()).isEqualTo(inside.getLast().close());
            assertThat(hour.high()).isEqualTo(inside.stream().mapToDouble(Bar::high).max().orElseThrow());
            assertThat(hour.low()).isEqualTo(inside.stream().mapToDouble(Bar::low).min().orElseThrow());
            assertThat(hour.volume()).isCloseTo(inside.stream().mapToDouble(Bar::volume).sum(), within(1e-6));
            assertThat(hour.isFinal()).isTrue();
        }
        Bar lastOfDay = hours.get(6);
        assertThat(lastOfDay.start().atZone(NEW_YORK).toLocalTime()).hasToString("15:30");
    }

    @Test
    void fetch_dailyUsStockOver2025_hasOneBarPerTradingDay() {
        MarketCalendar nyse = MarketCalendars.forSymbol(AAPL);

        List<Bar> days = fetch(provider(NOW), AAPL, Timeframe.D1, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z");

        assertThat(days).hasSize(250);
        assertThat(days).allSatisfy(bar -> {
            LocalDate date = bar.start().atZone(NEW_YORK).toLocalDate();
            assertThat(date.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(nyse.isTradingDay(date)).isTrue();
            assertThat(bar.isFinal()).isTrue();
        });
        List<LocalDate> dates = days.stream().map(b -> b.start().atZone(NEW_YORK).toLocalDate()).toList();
        assertThat(dates).doesNotContain(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 7, 4),
                LocalDate.of(2025, 11, 27), LocalDate.of(2025, 12, 25));
    }

    @Test
    void fetch_crypto_hasWeekendBars() {
        // 2026-03-07 and 08 are a Saturday and a Sunday
        List<Bar> days = fetch(provider(NOW), BTC, Timeframe.D1, "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z");
        List<Bar> hours = fetch(provider(NOW), BTC, Timeframe.H1, "2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z");

        assertThat(days).hasSize(7);
        assertThat(days.stream().map(b -> b.start().atZone(ZoneOffset.UTC).getDayOfWeek()))
                .contains(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(hours).hasSize(48);
    }

    @Test
    void fetch_stockOverAWeekend_isNoData() {
        FetchOutcome outcome = provider(NOW).fetch(AAPL, Timeframe.M15,
                Instant.parse("2026-03-07T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NoData.class,
                noData -> assertThat(noData.reason()).contains("AAPL").contains("2026-03-07T00:00:00Z"));
    }

    @Test
    void fetch_formingBar_isNotFinalWithValuesUpToNow() {
        SimulatedHistoryProvider p = provider(NOW);

        List<Bar> quarters = fetch(p, AAPL, Timeframe.M15, "2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z");
        List<Bar> hours = fetch(p, AAPL, Timeframe.H1, "2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z");

        Bar forming = quarters.getLast();
        assertThat(forming.start()).isEqualTo(Instant.parse("2026-03-11T15:00:00Z"));
        assertThat(forming.isFinal()).isFalse();
        assertThat(quarters.subList(0, quarters.size() - 1)).allSatisfy(b -> assertThat(b.isFinal()).isTrue());
        assertThat(hours.getLast().start()).isEqualTo(Instant.parse("2026-03-11T14:30:00Z"));
        assertThat(hours.getLast().isFinal()).isFalse();
        assertThat(hours.getLast().close()).isEqualTo(forming.close());
        // the forming bar's close is where the price is at now, so a minute later it differs
        Bar aMinuteLater = fetch(provider(NOW.plus(Duration.ofMinutes(1))), AAPL, Timeframe.M15,
                "2026-03-11T15:00:00Z", "2026-03-11T15:15:00Z").getFirst();
        assertThat(aMinuteLater.open()).isEqualTo(forming.open());
        assertThat(aMinuteLater.volume()).isGreaterThanOrEqualTo(forming.volume());
    }

    @Test
    void fetch_rangeReachingPastNow_returnsNothingAfterNow() {
        for (Timeframe tf : List.of(Timeframe.M15, Timeframe.H1, Timeframe.D1)) {
            List<Bar> bars = fetch(provider(NOW), BTC, tf, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");

            assertThat(bars).allSatisfy(b -> assertThat(b.start()).isBefore(NOW));
            assertThat(bars.getLast().isFinal()).as("forming %s bar", tf).isFalse();
        }
    }

    @Test
    void fetch_rangeEntirelyInTheFuture_isNoData() {
        FetchOutcome outcome = provider(NOW).fetch(BTC, Timeframe.H1,
                NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(1)));

        assertThat(outcome).isInstanceOf(FetchOutcome.NoData.class);
    }

    @Test
    void fetch_symbolStartingWithZzz_isNotFound() {
        FetchOutcome outcome = provider(NOW).fetch(Symbol.of("ZZZNOPE"), Timeframe.D1,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NotFound.class,
                notFound -> assertThat(notFound.reason()).contains("ZZZNOPE"));
    }

    @Test
    void fetch_configuredUnknownSymbol_isNotFound() {
        SimulatedHistoryProvider p = new SimulatedHistoryProvider(Clock.fixed(NOW, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withNotFoundSymbols(Set.of("delisted")));

        assertThat(p.fetch(Symbol.of("DELISTED"), Timeframe.D1, Instant.parse("2026-01-01T00:00:00Z"), NOW))
                .isInstanceOf(FetchOutcome.NotFound.class);
        assertThat(p.fetch(AAPL, Timeframe.D1, Instant.parse("2026-01-01T00:00:00Z"), NOW))
                .isInstanceOf(FetchOutcome.Fetched.class);
    }

    @Test
    void fetch_macroSeries_isNotFound() {
        FetchOutcome outcome = provider(NOW).fetch(Symbol.of("FRED:DGS10"), Timeframe.D1,
                Instant.parse("2026-01-01T00:00:00Z"), NOW);

        assertThat(outcome).isInstanceOf(FetchOutcome.NotFound.class);
        assertThat(provider(NOW).capabilities().serves(io.candlekeep.core.domain.AssetClass.MACRO)).isFalse();
    }

    @Test
    void fetch_everyAssetClassAndNativeTimeframe_givesValidPositiveBars() {
        SimulatedHistoryProvider p = provider(NOW);
        for (String s : List.of("AAPL", "SPY", "^GSPC", "EURUSD=X", "BTC-USD", "SHIB-USD", "PENNY.L")) {
            for (Timeframe tf : List.of(Timeframe.M15, Timeframe.H1, Timeframe.D1)) {
                Instant from = NOW.minus(tf == Timeframe.M15 ? Duration.ofDays(59) : Duration.ofDays(400));
                // Bar's constructor checks low <= open, close <= high and volume >= 0 for every bar
                List<Bar> bars = fetched(p.fetch(Symbol.of(s), tf, from, NOW));

                assertThat(bars).as("%s %s", s, tf).isNotEmpty()
                        .allSatisfy(b -> assertThat(b.low()).isPositive());
                assertThat(bars.stream().mapToDouble(Bar::close).distinct().count()).as("%s %s moves", s, tf)
                        .isGreaterThan(20);
            }
        }
    }

    @Test
    void fetch_nonNativeTimeframe_isRejected() {
        assertThatThrownBy(() -> provider(NOW).fetch(AAPL, Timeframe.H4, Instant.parse("2026-01-01T00:00:00Z"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4h")
                .hasMessageContaining("1h");
        assertThat(provider(NOW).capabilities().sourceOf(Timeframe.H4)).isEqualTo(Timeframe.H1);
    }

    @Test
    void fetch_configuredNative4h_equalsGeneratedAggregation() {
        SimulatedHistoryProvider p = new SimulatedHistoryProvider(Clock.fixed(NOW, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withNativeTimeframes(Set.of("15m", "1h", "4h", "1d")));

        List<Bar> fourHours = fetch(p, AAPL, Timeframe.H4, "2026-03-02T00:00:00Z", "2026-03-07T00:00:00Z");
        List<Bar> hours = fetch(p, AAPL, Timeframe.H1, "2026-03-02T00:00:00Z", "2026-03-07T00:00:00Z");

        assertThat(fourHours).hasSize(10); // 09:30 and 13:30 on five days
        Bar first = fourHours.getFirst();
        List<Bar> inside = hours.subList(0, 4);
        assertThat(first.open()).isEqualTo(inside.getFirst().open());
        assertThat(first.close()).isEqualTo(inside.getLast().close());
        assertThat(first.high()).isEqualTo(inside.stream().mapToDouble(Bar::high).max().orElseThrow());
    }

    @Test
    void fetch_rangeWiderThanMaxRange_fails() {
        FetchOutcome outcome = provider(NOW).fetch(AAPL, Timeframe.M15, NOW.minus(Duration.ofDays(61)), NOW);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("PT1440H"));
    }

    @Test
    void fetch_configuredLookback_returnsNothingOlder() {
        SimulatedHistoryProvider p = new SimulatedHistoryProvider(Clock.fixed(NOW, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withLookback(Map.of("15m", Duration.ofDays(10))));

        List<Bar> bars = fetched(p.fetch(BTC, Timeframe.M15, NOW.minus(Duration.ofDays(30)), NOW));
        FetchOutcome old = p.fetch(BTC, Timeframe.M15, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(20)));

        assertThat(bars.getFirst().start()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(10)));
        assertThat(old).isInstanceOf(FetchOutcome.NoData.class);
        assertThat(p.capabilities().lookbackOf(Timeframe.M15)).contains(Duration.ofDays(10));
    }

    @Test
    void fetch_withLatency_sleepsThroughTheSleeper() {
        List<Duration> slept = new ArrayList<>();
        SimulatedHistoryProvider p = new SimulatedHistoryProvider(Clock.fixed(NOW, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withLatency(Duration.ofMillis(20)), slept::add);

        p.fetch(AAPL, Timeframe.D1, Instant.parse("2026-01-01T00:00:00Z"), NOW);
        p.fetch(Symbol.of("ZZZX"), Timeframe.D1, Instant.parse("2026-01-01T00:00:00Z"), NOW);

        assertThat(slept).containsExactly(Duration.ofMillis(20), Duration.ofMillis(20));
    }

    @Test
    void fetch_interruptedWhileSleeping_fails() {
        SimulatedHistoryProvider p = new SimulatedHistoryProvider(Clock.fixed(NOW, ZoneOffset.UTC),
                SimulatedProviderProperties.defaults().withLatency(Duration.ofMillis(20)), d -> {
                    throw new InterruptedException("stop");
                });

        FetchOutcome outcome = p.fetch(AAPL, Timeframe.D1, Instant.parse("2026-01-01T00:00:00Z"), NOW);

        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void generate_yearOfQuarterHours_matchesFetchAndTheCalendar() {
        SimulatedHistoryProvider p = provider(NOW);
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T00:00:00Z");

        BarSeries stock = p.generate(AAPL, Timeframe.M15, from, to);
        BarSeries crypto = p.generate(BTC, Timeframe.M15, from, to);

        assertThat(stock.size()).isEqualTo(MarketCalendars.forSymbol(AAPL).expectedStarts(Timeframe.M15, from, to).length);
        assertThat(crypto.size()).isEqualTo(365 * 96);
        List<Bar> someFetched = fetch(p, AAPL, Timeframe.M15, "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z");
        int i = stock.indexAtOrAfter(someFetched.getFirst().startMillis());
        assertThat(stock.range(someFetched.getFirst().startMillis(), Instant.parse("2025-06-03T00:00:00Z").toEpochMilli(),
                Integer.MAX_VALUE).toList()).isEqualTo(someFetched);
        assertThat(stock.get(i)).isEqualTo(someFetched.getFirst());
    }

    @Test
    void properties_defaults_workOutOfTheBox() {
        SimulatedProviderProperties d = SimulatedProviderProperties.defaults();

        assertThat(d.latency()).isZero();
        assertThat(d.nativeTimeframeSet()).containsExactlyInAnyOrder(Timeframe.M15, Timeframe.H1, Timeframe.D1);
        assertThat(d.maxRangeByTimeframe()).containsEntry(Timeframe.M15, Duration.ofDays(60))
                .containsEntry(Timeframe.H1, Duration.ofDays(730)).containsEntry(Timeframe.D1, Duration.ofDays(3653));
        assertThat(d.lookback()).isEmpty();
        assertThat(d.notFoundPrefix()).isEqualTo("ZZZ");
        assertThat(provider(NOW).capabilities().requestsPerSecond()).isEqualTo(1000.0);
        assertThat(provider(NOW).name()).isEqualTo("simulated");
    }

    @Test
    void properties_unknownTimeframeCode_isRejected() {
        assertThatThrownBy(() -> SimulatedProviderProperties.defaults().withNativeTimeframes(Set.of("15m", "2h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2h");
    }
}
