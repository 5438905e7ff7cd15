package io.candlekeep.app.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.calendar.Frequency;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SymbolCalendarsTest {

    private static final Symbol CPI = Symbol.of("FRED:CPILFESL");
    private static final Symbol NEW = Symbol.of("FRED:NOTYETDESCRIBED");
    private static final Instant NOW = Instant.parse("2025-01-20T12:00:00Z");

    private final List<Symbol> asked = new ArrayList<>();
    private final SymbolCalendars calendars = new SymbolCalendars(symbol -> {
        asked.add(symbol);
        return Optional.ofNullable(Map.of(CPI, Frequency.MONTHLY).get(symbol));
    });

    @Test
    void of_macroSeriesWithAKnownFrequency_isThatFrequencysCalendar() {
        assertThat(calendars.of(CPI)).isSameAs(MarketCalendars.macro(Frequency.MONTHLY));
        assertThat(calendars.findFrequency(CPI)).contains(Frequency.MONTHLY);
    }

    @Test
    void of_macroSeriesNotYetDescribed_isTheWeekdayCalendar() {
        assertThat(calendars.of(NEW)).isSameAs(MarketCalendars.weekdays());
        assertThat(calendars.findFrequency(NEW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "BTC-USD", "EURUSD=X", "^GSPC"})
    void of_anyOtherSymbol_isItsMarketsCalendarWithoutAskingForAFrequency(String text) {
        Symbol symbol = Symbol.of(text);

        assertThat(calendars.of(symbol)).isSameAs(MarketCalendars.forSymbol(symbol));
        assertThat(calendars.findFrequency(symbol)).isEmpty();
        assertThat(calendars.dueBefore(symbol, NOW)).isEqualTo(NOW);
        assertThat(asked).isEmpty();
    }

    @Test
    void dueBefore_monthlySeries_leavesOutTheMonthsNotYetPublished() {
        // December's observation (2024-12-01) is due from February 1
        assertThat(calendars.dueBefore(CPI, NOW)).isEqualTo(Instant.parse("2024-12-01T00:00:00Z"));
        // a series of unknown frequency follows the weekday calendar, whose bars are due as they end
        assertThat(calendars.dueBefore(NEW, NOW)).isEqualTo(NOW);
    }

    @Test
    void standard_isEveryMarketsOwnCalendar() {
        assertThat(SymbolCalendars.standard().of(CPI)).isSameAs(MarketCalendars.weekdays());
    }
}
