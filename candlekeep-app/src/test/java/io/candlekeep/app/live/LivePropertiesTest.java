package io.candlekeep.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.AssetClass;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

final class LivePropertiesTest {

    @Test
    void defaults_fiveMinutesForMarketsAndHalfAnHourForMacro() {
        LiveProperties p = LiveProperties.defaults();

        for (AssetClass c : new AssetClass[] {AssetClass.STOCK, AssetClass.ETF, AssetClass.INDEX, AssetClass.CRYPTO,
                AssetClass.FX}) {
            assertThat(p.ttlOf(c)).as("%s", c).isEqualTo(Duration.ofSeconds(300));
        }
        assertThat(p.ttlOf(AssetClass.MACRO)).isEqualTo(Duration.ofSeconds(1800));
        assertThat(p.findBatchSize()).isEmpty();
    }

    @Test
    void bind_lowerCaseClassKeys_overrideOnlyThoseClasses() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "candlekeep.live.ttl.crypto", "60s",
                "candlekeep.live.ttl.fx", "2m",
                "candlekeep.live.batch-size", "20")));

        LiveProperties p = binder.bind("candlekeep.live", LiveProperties.class).get();

        assertThat(p.ttlOf(AssetClass.CRYPTO)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.ttlOf(AssetClass.FX)).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.ttlOf(AssetClass.STOCK)).isEqualTo(Duration.ofSeconds(300));
        assertThat(p.findBatchSize()).contains(20);
    }

    @Test
    void new_unknownClass_isRejectedNamingItAndTheChoices() {
        assertThatThrownBy(() -> new LiveProperties(Map.of("bonds", Duration.ofSeconds(5)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bonds'").hasMessageContaining("crypto");
    }

    @Test
    void new_zeroTtl_isRejected() {
        assertThatThrownBy(() -> new LiveProperties(Map.of("stock", Duration.ZERO), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candlekeep.live.ttl.stock");
    }

    @Test
    void new_zeroBatchSize_isRejected() {
        assertThatThrownBy(() -> LiveProperties.defaults().withBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch-size").hasMessageContaining("0");
    }
}
