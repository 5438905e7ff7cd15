package io.candlekeep.app.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ForecastPropertiesTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        ForecastProperties p = ForecastProperties.defaults();

        assertThat(p.horizon(Timeframe.M15)).isEqualTo(16);
        assertThat(p.horizon(Timeframe.H1)).isEqualTo(24);
        assertThat(p.horizon(Timeframe.H4)).isEqualTo(6);
        assertThat(p.horizon(Timeframe.D1)).isEqualTo(5);
        assertThat(p.every(InterestSource.PORTFOLIO)).isEqualTo(1);
        assertThat(p.every(InterestSource.CHART_VIEW)).isEqualTo(2);
        assertThat(p.every(InterestSource.SEARCH)).isEqualTo(4);
        assertThat(p.every(InterestSource.BACKGROUND)).isEqualTo(8);
        assertThat(p.minHistory()).isEqualTo(30);
        assertThat(p.fitWindow()).isEqualTo(500);
        assertThat(p.maxSeriesPerRun()).isEqualTo(200);
        assertThat(p.keep()).isEqualTo(Duration.ofDays(30));
        assertThat(p.missedAfter()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void configured_horizonsAndStridesByCodeOrAlias_replaceTheirDefaultsOnly() {
        ForecastProperties p = new ForecastProperties(Map.of("h1", 48), null, null, null, Map.of("chart_view", 3), null, null);

        assertThat(p.horizon(Timeframe.H1)).isEqualTo(48);
        assertThat(p.horizon(Timeframe.D1)).isEqualTo(5);
        assertThat(p.every(InterestSource.CHART_VIEW)).isEqualTo(3);
        assertThat(p.every(InterestSource.WATCHLIST)).isEqualTo(1);
    }

    @Test
    void outOfBounds_isRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> new ForecastProperties(Map.of("1h", 501), null, null, null, null, null, null))
                .hasMessage("candlekeep.forecast.horizons.1h must be in 1..500 but was 501");
        assertThatThrownBy(() -> new ForecastProperties(null, 9, null, null, null, null, null))
                .hasMessage("candlekeep.forecast.min-history must be in 10..500 but was 9");
        assertThatThrownBy(() -> new ForecastProperties(null, 100, 50, null, null, null, null))
                .hasMessage("candlekeep.forecast.min-history must be in 10..50 but was 100");
        assertThatThrownBy(() -> new ForecastProperties(null, null, null, 0, null, null, null))
                .hasMessage("candlekeep.forecast.max-series-per-run must be in 1..100000 but was 0");
        assertThatThrownBy(() -> new ForecastProperties(null, null, null, null, Map.of("search", 0), null, null))
                .hasMessage("candlekeep.forecast.every.search must be in 1..1000 but was 0");
        assertThatThrownBy(() -> new ForecastProperties(null, null, null, null, Map.of("friends", 1), null, null))
                .hasMessageContaining("Unknown interest source 'friends'");
        assertThatThrownBy(() -> new ForecastProperties(null, null, null, null, null, Duration.ofHours(12), null))
                .hasMessageContaining("candlekeep.forecast.keep must be at least 1d");
        assertThatThrownBy(() -> new ForecastProperties(null, null, null, null, null, null, Duration.ofMinutes(5)))
                .hasMessageContaining("candlekeep.forecast.missed-after must be at least 1h");
    }
}
