package io.candlekeep.app.provider.yahoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.Fixtures;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.CorporateAction;
import io.candlekeep.core.provider.FetchOutcome;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class YahooBarMapperTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final MarketCalendar NYSE = MarketCalendars.nyse();
    private static final MarketCalendar CRYPTO = MarketCalendars.crypto();
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private final YahooChartParser parser = new YahooChartParser();

    @Test
    void toOutcome_aapl2020Daily_keepsEveryBarAtItsSessionOpenWithRawPrices() {
        YahooChart chart = fixture("chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json");

        FetchOutcome outcome = YahooBarMapper.toOutcome(chart, AAPL, Timeframe.D1, Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2021-01-04T00:00:00Z"), NYSE, LATER);

        List<Bar> bars = fetched(outcome).bars();
        assertThat(bars).hasSize(253).allSatisfy(bar -> {
            assertThat(NYSE.isAligned(Timeframe.D1, bar.start())).isTrue();
            assertThat(bar.isFinal()).isTrue();
        });
        for (int i = 0; i < bars.size(); i++) {
            assertThat(bars.get(i).start()).isEqualTo(chart.time(i));
            assertThat(bars.get(i).close()).as("raw close, not adjclose").isEqualTo(chart.close()[i]);
            assertThat(bars.get(i).volume()).isEqualTo(chart.volume()[i]);
        }
        assertThat(fetched(outcome).actions()).hasSize(5);
    }

    @Test
    void toOutcome_rangeInsideTheBody_keepsOnlyBarsAndActionsInRange() {
        YahooChart chart = fixture("chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json");
        Instant start = Instant.parse("2020-08-01T00:00:00Z");
        Instant end = Instant.parse("2020-09-01T00:00:00Z");

        FetchOutcome.Fetched fetched = fetched(YahooBarMapper.toOutcome(chart, AAPL, Timeframe.D1, start, end, NYSE, LATER));

        assertThat(fetched.bars()).isNotEmpty()
                .allSatisfy(bar -> assertThat(bar.start()).isAfterOrEqualTo(start).isBefore(end));
        assertThat(fetched.bars().getFirst().start()).isEqualTo(Instant.parse("2020-08-03T13:30:00Z"));
        assertThat(fetched.bars().getLast().start()).isEqualTo(Instant.parse("2020-08-31T13:30:00Z"));
        assertThat(fetched.actions()).containsExactly(
                new CorporateAction.Dividend(Instant.parse("2020-08-07T13:30:00Z"), 0.205),
                new CorporateAction.Split(Instant.parse("2020-08-31T13:30:00Z"), 4, 1));
    }

    @Test
    void toOutcome_btcDaily_skipsNullBarsAndDropsTheBarAtTheRequestedEnd() {
        YahooChart chart = fixture("chart_BTC-USD_1d_2020-01-01_2021-01-04_crypto_nullbars.json");
        Instant end = Instant.parse("2021-01-04T00:00:00Z");

        List<Bar> bars = fetched(YahooBarMapper.toOutcome(chart, BTC, Timeframe.D1,
                Instant.parse("2020-01-01T00:00:00Z"), end, CRYPTO, LATER)).bars();

        // 2020 is a leap year: 366 days plus 2021-01-01..03, less the 4 null bars
        assertThat(bars).hasSize(366 + 3 - 4);
        assertThat(bars).extracting(Bar::start).doesNotContain(Instant.parse("2020-04-17T00:00:00Z"),
                Instant.parse("2020-10-09T00:00:00Z"), Instant.parse("2020-10-12T00:00:00Z"),
                Instant.parse("2020-10-13T00:00:00Z"), end);
        assertThat(bars.getLast().start()).isEqualTo(Instant.parse("2021-01-03T00:00:00Z"));
    }

    @Test
    void toOutcome_dayStillTrading_marksOnlyThatBarNotFinal() {
        YahooChart chart = fixture("chart_AAPL_1d_2020-01-01_2021-01-04_div_split.json");
        Instant now = Instant.parse("2020-12-31T18:00:00Z");

        List<Bar> bars = fetched(YahooBarMapper.toOutcome(chart, AAPL, Timeframe.D1,
                Instant.parse("2020-12-01T00:00:00Z"), Instant.parse("2021-01-04T00:00:00Z"), NYSE, now)).bars();

        assertThat(bars.getLast().start()).isEqualTo(Instant.parse("2020-12-31T14:30:00Z"));
        assertThat(bars.getLast().isFinal()).isFalse();
        assertThat(bars.subList(0, bars.size() - 1)).allSatisfy(bar -> assertThat(bar.isFinal()).isTrue());
    }

    @Test
    void toOutcome_dailyStampAtTheLastTrade_movesToThatDaysSessionOpen() {
        YahooChart chart = chart("1d", row("2024-10-02T13:30:00Z", 1, 2, 1, 2, 10),
                row("2024-10-03T18:47:12Z", 2, 3, 2, 3, 5));

        List<Bar> bars = fetched(YahooBarMapper.toOutcome(chart, AAPL, Timeframe.D1,
                Instant.parse("2024-10-02T00:00:00Z"), Instant.parse("2024-10-04T00:00:00Z"), NYSE,
                Instant.parse("2024-10-03T18:50:00Z"))).bars();

        assertThat(bars).extracting(Bar::start).containsExactly(Instant.parse("2024-10-02T13:30:00Z"),
                Instant.parse("2024-10-03T13:30:00Z"));
        assertThat(bars).extracting(Bar::isFinal).containsExactly(true, false);
    }

    @Test
    void toOutcome_fxDailyStampedAtLondonMidnight_startsAtMidnightUtcOfThatDate() {
        YahooChart chart = chart("1d", ZoneId.of("Europe/London"),
                row("2024-06-29T23:00:00Z", 1.07, 1.08, 1.06, 1.07, 0),  // Sunday in London: no daily FX bar
                row("2024-06-30T23:00:00Z", 1.07, 1.08, 1.06, 1.07, 0),  // Monday 1 July
                row("2024-07-01T23:00:00Z", 1.07, 1.08, 1.06, 1.075, 0)); // Tuesday 2 July

        List<Bar> bars = fetched(YahooBarMapper.toOutcome(chart, Symbol.of("EURUSD=X"), Timeframe.D1,
                Instant.parse("2024-06-29T00:00:00Z"), Instant.parse("2024-07-03T00:00:00Z"), MarketCalendars.fx(),
                LATER)).bars();

        assertThat(bars).extracting(Bar::start).containsExactly(Instant.parse("2024-07-01T00:00:00Z"),
                Instant.parse("2024-07-02T00:00:00Z"));
    }

    @Test
    void toOutcome_dailyRowOnAnExchangeHoliday_isDropped() {
        YahooChart chart = chart("1d", row("2024-07-03T13:30:00Z", 1, 2, 1, 2, 10),
                row("2024-07-04T13:30:00Z", 2, 3, 2, 3, 5));

        List<Bar> bars = fetched(YahooBarMapper.toOutcome(chart, AAPL, Timeframe.D1,
                Instant.parse("2024-07-01T00:00:00Z"), Instant.parse("2024-07-06T00:00:00Z"), NYSE, LATER)).bars();

        assertThat(bars).extracting(Bar::start).containsExactly(Instant.parse("2024-07-03T13:30:00Z"));
    }

    @Test
    void toOutcome_intraday_dropsPrePostOffGridNullDirtyAndOutOfRangeRows() {
        YahooChart chart = chart("15m",
                row("2024-10-02T13:00:00Z", 1, 1, 1, 1, 0),        // 09:00 New York: pre-market
                row("2024-10-02T13:30:00Z", 10, 12, 9, 11, 100),  // 09:30: kept
                row("2024-10-02T13:40:00Z", 10, 12, 9, 11, 100),  // 09:40: off the 15m grid
                row("2024-10-02T13:45:00Z", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN), // null bar
                row("2024-10-02T14:00:00Z", 10, 10.5, 9, 11, 100), // high < close: dirty
                row("2024-10-02T14:15:00Z", 11, 13, 10, 12, Double.NaN), // no volume: kept with 0
                row("2024-10-02T20:00:00Z", 12, 12, 12, 12, 0));   // 16:00: after the close
        Instant now = Instant.parse("2024-10-02T14:20:00Z");

        List<Bar> bars = fetched(YahooBarMapper.toOutcome(chart, AAPL, Timeframe.M15,
                Instant.parse("2024-10-02T13:00:00Z"), Instant.parse("2024-10-03T00:00:00Z"), NYSE, now)).bars();

        assertThat(bars).containsExactly(
                Bar.of(Instant.parse("2024-10-02T13:30:00Z"), 10, 12, 9, 11, 100, true),
                Bar.of(Instant.parse("2024-10-02T14:15:00Z"), 11, 13, 10, 12, 0, false));
    }

    @Test
    void toOutcome_barsBeforeStartOrAtEnd_areDropped() {
        YahooChart chart = chart("60m", row("2024-10-02T13:30:00Z", 1, 1, 1, 1, 1),
                row("2024-10-02T14:30:00Z", 2, 2, 2, 2, 2), row("2024-10-02T15:30:00Z", 3, 3, 3, 3, 3));

        List<Bar> bars = fetched(YahooBarMapper.toOutcome(chart, AAPL, Timeframe.H1,
                Instant.parse("2024-10-02T14:00:00Z"), Instant.parse("2024-10-02T15:30:00Z"), NYSE, LATER)).bars();

        assertThat(bars).extracting(Bar::start).containsExactly(Instant.parse("2024-10-02T14:30:00Z"));
    }

    @Test
    void toOutcome_weekendBody_isNoData() {
        YahooChart chart = fixture("chart_AAPL_1m_2025-02-01_weekend_no_bars.json");

        FetchOutcome outcome = YahooBarMapper.toOutcome(chart, AAPL, Timeframe.M15,
                Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-02-02T00:00:00Z"), NYSE, LATER);

        assertThat(outcome).isInstanceOf(FetchOutcome.NoData.class);
    }

    @Test
    void toOutcome_onlyRowsOutsideTheRange_isNoData() {
        YahooChart chart = chart("1d", row("2024-10-03T13:30:00Z", 1, 1, 1, 1, 1));

        FetchOutcome outcome = YahooBarMapper.toOutcome(chart, AAPL, Timeframe.D1,
                Instant.parse("2024-10-01T00:00:00Z"), Instant.parse("2024-10-03T00:00:00Z"), NYSE, LATER);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NoData.class,
                noData -> assertThat(noData.reason()).contains("1 dropped"));
    }

    @Test
    void toOutcome_granularityOtherThanAskedFor_isFailed() {
        YahooChart chart = fixture("chart_AAPL_1m_2024-10-02_regular_only.json");

        FetchOutcome outcome = YahooBarMapper.toOutcome(chart, AAPL, Timeframe.M15,
                Instant.parse("2024-10-02T00:00:00Z"), Instant.parse("2024-10-03T00:00:00Z"), NYSE, LATER);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("'1m'"));
    }

    private YahooChart fixture(String fileName) {
        return (YahooChart) parser.parse(Fixtures.bytes("yahoo", fileName));
    }

    private record Row(Instant t, double o, double h, double l, double c, double v) {
    }

    private static Row row(String t, double o, double h, double l, double c, double v) {
        return new Row(Instant.parse(t), o, h, l, c, v);
    }

    private static YahooChart chart(String granularity, Row... rows) {
        return chart(granularity, NY, rows);
    }

    private static YahooChart chart(String granularity, ZoneId zone, Row... rows) {
        int n = rows.length;
        long[] ts = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = rows[i].t().getEpochSecond();
            o[i] = rows[i].o();
            h[i] = rows[i].h();
            l[i] = rows[i].l();
            c[i] = rows[i].c();
            v[i] = rows[i].v();
        }
        return new YahooChart("AAPL", "USD", zone, granularity, ts, o, h, l, c, v, null, new ArrayList<>(), null);
    }

    private static FetchOutcome.Fetched fetched(FetchOutcome outcome) {
        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        return (FetchOutcome.Fetched) outcome;
    }
}
