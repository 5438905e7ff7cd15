package io.candlekeep.app.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class BarQueryTest {

    @Test
    void parse_onlySymbol_defaultsToDailyJsonOverEverything() {
        BarQuery q = BarQuery.parse("aapl", null, null, null, null, null);

        assertThat(q.series().toString()).isEqualTo("AAPL:1d");
        assertThat(q.limit()).isEqualTo(BarQuery.DEFAULT_LIMIT);
        assertThat(q.format()).isEqualTo(BarQuery.Format.JSON);
        assertThat(q.from()).isBefore(q.to());
    }

    @Test
    void parse_aliasTimeframeAndRange_areNormalised() {
        BarQuery q = BarQuery.parse("BTC-USD", "h4", "2025-01-01", "1736000000000", "10", "CSV");

        assertThat(q.series().timeframe()).isEqualTo(Timeframe.H4);
        assertThat(q.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.ofEpochMilli(1736000000000L));
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.format()).isEqualTo(BarQuery.Format.CSV);
    }

    @Test
    void parse_invertedOrEmptyRange_isRejected() {
        assertThatThrownBy(() -> BarQuery.parse("AAPL", "1d", "2025-02-01", "2025-01-01", null, null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> BarQuery.parse("AAPL", "1d", "2025-02-01", "2025-02-01", null, null))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void parse_limitOutOfRangeOrNotANumber_isRejected() {
        assertThatThrownBy(() -> BarQuery.parse("AAPL", "1d", null, null, "0", null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> BarQuery.parse("AAPL", "1d", null, null, "50001", null)).hasMessageContaining("50000");
        assertThatThrownBy(() -> BarQuery.parse("AAPL", "1d", null, null, "ten", null)).hasMessageContaining("ten");
    }

    @Test
    void parse_unknownTimeframeOrFormatOrSymbol_isRejected() {
        assertThatThrownBy(() -> BarQuery.parse("AAPL", "5m", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5m");
        assertThatThrownBy(() -> BarQuery.parse("AAPL", "1d", null, null, null, "xml")).hasMessageContaining("xml");
        assertThatThrownBy(() -> BarQuery.parse("AA PL", "1d", null, null, null, null)).hasMessageContaining("AA PL");
    }
}
