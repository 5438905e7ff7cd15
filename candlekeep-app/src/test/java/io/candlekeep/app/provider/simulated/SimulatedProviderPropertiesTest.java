package io.candlekeep.app.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

final class SimulatedProviderPropertiesTest {

    private static SimulatedProviderProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("candlekeep.providers.simulated", Bindable.of(SimulatedProviderProperties.class));
    }

    @Test
    void bind_nothingConfigured_givesTheDefaults() {
        assertThat(bind(Map.of())).isEqualTo(SimulatedProviderProperties.defaults());
    }

    @Test
    void bind_configuredValues_overrideDefaultsKeyByKey() {
        SimulatedProviderProperties p = bind(Map.of(
                "candlekeep.providers.simulated.latency", "20ms",
                "candlekeep.providers.simulated.native-timeframes", "15m,1h,4h,1d",
                "candlekeep.providers.simulated.lookback.15m", "60d",
                "candlekeep.providers.simulated.max-range.15m", "30d",
                "candlekeep.providers.simulated.requests-per-second", "50",
                "candlekeep.providers.simulated.not-found-symbols", "gone,DELISTED"));

        assertThat(p.latency()).isEqualTo(Duration.ofMillis(20));
        assertThat(p.nativeTimeframeSet()).containsExactlyInAnyOrder(Timeframe.values());
        assertThat(p.lookbackByTimeframe()).containsExactly(Map.entry(Timeframe.M15, Duration.ofDays(60)));
        assertThat(p.maxRangeByTimeframe()).containsEntry(Timeframe.M15, Duration.ofDays(30))
                .containsEntry(Timeframe.H1, Duration.ofDays(730));
        assertThat(p.requestsPerSecond()).isEqualTo(50.0);
        assertThat(p.notFoundSymbols()).containsExactlyInAnyOrder("GONE", "DELISTED");
        assertThat(p.notFoundPrefix()).isEqualTo("ZZZ");
    }
}
