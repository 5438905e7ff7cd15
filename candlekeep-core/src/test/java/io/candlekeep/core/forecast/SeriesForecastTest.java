package io.candlekeep.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class SeriesForecastTest {

    private static final MarketCalendar CRYPTO = MarketCalendars.crypto();
    private static final MarketCalendar NYSE = MarketCalendars.nyse();

    /** {@code n} bars on the calendar's grid from {@code from} with closes of a random walk; the last is forming. */
    private static BarSeries bars(MarketCalendar calendar, Timeframe tf, Instant from, int n, boolean lastForming) {
        double[] closes = Synthetic.randomWalk(n, n, 100, 1);
        BarSeries.Builder b = BarSeries.builder(n);
        Instant t = calendar.nextBarStart(tf, from);
        for (int i = 0; i < n; i++) {
            double c = closes[i];
            b.add(t.toEpochMilli(), c, c + 1, c - 1, c, 10, !(lastForming && i == n - 1));
            t = calendar.nextBarStart(tf, t.plusMillis(1));
        }
        return b.build();
    }

    @Test
    void of_fewerFinalBarsThanTheMinimum_isEmpty() {
        BarSeries bars = bars(CRYPTO, Timeframe.H1, Instant.parse("2025-06-01T00:00:00Z"), 30, true);

        assertThat(SeriesForecast.of(bars, Timeframe.H1, CRYPTO, 24, 30)).as("29 final bars").isEmpty();
        assertThat(SeriesForecast.of(bars, Timeframe.H1, CRYPTO, 24, 29)).isPresent();
    }

    @Test
    void of_formingBarAtTheEnd_isLeftOut_andStepOneTargetsIt() {
        BarSeries bars = bars(CRYPTO, Timeframe.H1, Instant.parse("2025-06-01T00:00:00Z"), 100, true);

        SeriesForecast f = SeriesForecast.of(bars, Timeframe.H1, CRYPTO, 24, 30).orElseThrow();

        assertThat(f.observations()).isEqualTo(99);
        assertThat(f.basedOn()).isEqualTo(bars.start(98));
        assertThat(f.lastClose()).isEqualTo(bars.close(98));
        assertThat(f.targets()).hasSize(24).first().isEqualTo(bars.start(99));
        assertThat(f.forecasts()).allSatisfy(m -> assertThat(m.horizon()).isEqualTo(24));
        assertThat(f.forecasts()).filteredOn(m -> m.model() == ForecastModel.NAIVE).singleElement()
                .satisfies(m -> assertThat(m.point(1)).isEqualTo(bars.close(98)));
    }

    @Test
    void of_cryptoHourly_hasEveryBaseline_withASeasonOf24() {
        BarSeries bars = bars(CRYPTO, Timeframe.H1, Instant.parse("2025-06-01T00:00:00Z"), 500, false);

        SeriesForecast f = SeriesForecast.of(bars, Timeframe.H1, CRYPTO, 24, 30).orElseThrow();

        assertThat(f.season()).hasValue(24);
        assertThat(f.forecasts()).extracting(Forecast::model).containsExactly(ForecastModel.NAIVE, ForecastModel.DRIFT,
                ForecastModel.SEASONAL_NAIVE, ForecastModel.SES);
        assertThat(f.maseScale()).isPositive();
    }

    @Test
    void of_historyShorterThanTwoSeasons_leavesSeasonalNaiveOut() {
        // 26 bars a day of 15m on the NYSE: 40 final bars are fewer than two days
        BarSeries bars = bars(NYSE, Timeframe.M15, Instant.parse("2025-06-10T13:30:00Z"), 40, false);

        SeriesForecast f = SeriesForecast.of(bars, Timeframe.M15, NYSE, 16, 30).orElseThrow();

        assertThat(f.season()).hasValue(26);
        assertThat(f.forecasts()).extracting(Forecast::model).doesNotContain(ForecastModel.SEASONAL_NAIVE).hasSize(3);
    }

    @Test
    void of_dailyBars_haveNoSeasonalNaive_andTargetTradingDays() {
        BarSeries bars = bars(NYSE, Timeframe.D1, Instant.parse("2025-01-02T00:00:00Z"), 200, false);

        SeriesForecast f = SeriesForecast.of(bars, Timeframe.D1, NYSE, 5, 30).orElseThrow();

        assertThat(f.season()).isEmpty();
        assertThat(f.forecasts()).extracting(Forecast::model).doesNotContain(ForecastModel.SEASONAL_NAIVE);
        assertThat(f.targets()).allSatisfy(s -> assertThat(NYSE.isAligned(Timeframe.D1, s)).isTrue());
    }

    @Test
    void of_minimumBelowTheFloor_isRefused() {
        assertThatThrownBy(() -> SeriesForecast.of(BarSeries.empty(), Timeframe.H1, CRYPTO, 24, 5))
                .hasMessageContaining("minHistory must be >= 10 but was 5");
    }
}
