package io.candlekeep.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ProviderCapabilitiesTest {

    private static final ProviderCapabilities DAILY_STOCKS = new ProviderCapabilities(Set.of(AssetClass.STOCK),
            Set.of(Timeframe.D1), Map.of(), Map.of(Timeframe.D1, Duration.ofDays(3650)), 1);
    private static final Instant FROM = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-05T00:00:00Z");

    @Test
    void refusal_nativeTimeframeServedClassAndARange_isNone() {
        assertThat(DAILY_STOCKS.refusal("P", Symbol.of("AAPL"), Timeframe.D1, FROM, TO)).isEmpty();
    }

    @Test
    void refusal_assetClassNotServed_isNotFoundNamingTheProviderAndTheClass() {
        assertThat(DAILY_STOCKS.refusal("P", Symbol.of("BTC-USD"), Timeframe.D1, FROM, TO)).hasValueSatisfying(o ->
                assertThat(o).isInstanceOfSatisfying(FetchOutcome.NotFound.class,
                        n -> assertThat(n.reason()).contains("P").contains("CRYPTO").contains("BTC-USD")));
    }

    @Test
    void refusal_timeframeNotNative_isTheCallersMistake() {
        assertThatThrownBy(() -> DAILY_STOCKS.refusal("P", Symbol.of("AAPL"), Timeframe.H1, FROM, TO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1d only, not 1h");
    }

    @Test
    void refusal_emptyOrReversedRange_isTheCallersMistake() {
        assertThatThrownBy(() -> DAILY_STOCKS.refusal("P", Symbol.of("AAPL"), Timeframe.D1, FROM, FROM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Empty");
        assertThatThrownBy(() -> DAILY_STOCKS.refusal("P", Symbol.of("AAPL"), Timeframe.D1, TO, FROM))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
