package io.candlekeep.app.provider.stooq;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Stooq's rows into the daily bars one request asked for: each date's bar starts at that date's session open on
 * the symbol's calendar (as Yahoo's daily bars do), inside {@code [startInclusive, endExclusive)}, the day not yet
 * over not final. A date the calendar has no session for (a holiday there) and a row that is no valid bar are dropped
 * one by one, because one bad row should not cost the rest.
 */
final class StooqBarMapper {

    private static final Logger log = LoggerFactory.getLogger(StooqBarMapper.class);

    private StooqBarMapper() {
    }

    static FetchOutcome toOutcome(StooqDownload.Rows download, Symbol symbol, Instant startInclusive,
            Instant endExclusive, MarketCalendar calendar, Instant now) {
        String what = symbol + " 1d in [" + startInclusive + ", " + endExclusive + ")";
        List<Bar> bars = new ArrayList<>();
        int outside = 0;
        int dropped = 0;
        for (StooqDownload.Row row : download.rows()) {
            Optional<Instant> open = calendar.session(row.date()).map(MarketCalendar.Session::open)
                    .filter(t -> calendar.isAligned(Timeframe.D1, t));
            if (open.isEmpty()) {
                dropped++;
                log.debug("[STOOQ] {}: dropped {}: no {} session that day", what, row.date(), calendar.name());
                continue;
            }
            Instant start = open.get();
            if (start.isBefore(startInclusive) || !start.isBefore(endExclusive)) {
                outside++;
                continue;
            }
            boolean isFinal = !calendar.barEnd(Timeframe.D1, start).isAfter(now);
            try {
                bars.add(Bar.of(start, row.open(), row.high(), row.low(), row.close(), row.volume(), isFinal));
            } catch (IllegalArgumentException e) {
                dropped++;
                log.debug("[STOOQ] {}: dropped invalid bar of {}: {}", what, row.date(), e.getMessage());
            }
        }
        if (bars.isEmpty()) {
            return new FetchOutcome.NoData("Stooq has no usable bars for " + what + " (" + download.rows().size()
                    + " rows, " + outside + " outside the range, " + dropped + " dropped, " + download.skipped()
                    + " unreadable)");
        }
        if (dropped > 0 || download.skipped() > 0) {
            log.debug("[STOOQ] {}: {} bars kept, {} rows dropped, {} unreadable", what, bars.size(), dropped,
                    download.skipped());
        }
        return new FetchOutcome.Fetched(bars, List.of());
    }
}
