package io.candlekeep.app.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

final class BarsFormatterTest {

    private static final SeriesId SERIES = SeriesId.of("AAPL", Timeframe.D1);
    private static final BarSeries BARS = BarSeries.of(List.of(
            Bar.of(Instant.parse("2025-01-02T14:30:00Z"), 248.93, 249.1, 241.82, 243.85, 55740700, true),
            Bar.of(Instant.parse("2025-01-03T14:30:00Z"), 243.36, 244.18, 241.89, 243.36, 4.0E10, false)));

    @Test
    void json_writesValidJsonWithEveryField() {
        JsonNode node = ApiClient.parse(new String(BarsFormatter.json(SERIES, BARS), StandardCharsets.UTF_8));

        assertThat(node.get("symbol").asString()).isEqualTo("AAPL");
        assertThat(node.get("timeframe").asString()).isEqualTo("1d");
        assertThat(node.get("count").asInt()).isEqualTo(2);
        JsonNode first = node.get("bars").get(0);
        assertThat(first.get("start").asString()).isEqualTo("2025-01-02T14:30:00Z");
        assertThat(first.get("open").asDouble()).isEqualTo(248.93);
        assertThat(first.get("low").asDouble()).isEqualTo(241.82);
        assertThat(first.get("volume").asLong()).isEqualTo(55740700L);
        assertThat(first.get("final").asBoolean()).isTrue();
        assertThat(node.get("bars").get(1).get("volume").asDouble()).isEqualTo(4.0E10);
        assertThat(node.get("bars").get(1).get("final").asBoolean()).isFalse();
    }

    @Test
    void columns_writeOneArrayPerField() {
        JsonNode node = ApiClient.parse(new String(BarsFormatter.columns(SERIES, BARS), StandardCharsets.UTF_8));

        assertThat(node.get("start").size()).isEqualTo(2);
        assertThat(node.get("close").get(1).asDouble()).isEqualTo(243.36);
        assertThat(node.get("final").get(1).asBoolean()).isFalse();
    }

    @Test
    void json_emptySeries_isAnEmptyArray() {
        JsonNode node = ApiClient.parse(new String(BarsFormatter.json(SERIES, BarSeries.empty()), StandardCharsets.UTF_8));

        assertThat(node.get("count").asInt()).isZero();
        assertThat(node.get("bars").isArray()).isTrue();
        assertThat(node.get("bars").size()).isZero();
    }

    @Test
    void csv_hasHeaderAndOneLinePerBar() {
        String csv = new String(BarsFormatter.csv(BARS), StandardCharsets.UTF_8);

        assertThat(csv.split("\n")).containsExactly(
                "start,open,high,low,close,volume,final",
                "2025-01-02T14:30:00Z,248.93,249.1,241.82,243.85,55740700,true",
                "2025-01-03T14:30:00Z,243.36,244.18,241.89,243.36,40000000000,false");
    }
}
