package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.gaps.HoleBackoff;
import java.time.Instant;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code known_hole}: empty provider answers and when to ask again. */
@Repository
class KnownHoleRepository {

    private final JdbcClient jdbc;

    KnownHoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<KnownHole> findAll(SeriesId series) {
        return jdbc.sql("""
                SELECT start_ms, end_ms, attempts, next_retry_ms, first_seen_ms FROM known_hole
                 WHERE symbol = ? AND timeframe = ? ORDER BY start_ms
                """)
                .params(series.symbol().value(), series.timeframe().code())
                .query((rs, n) -> new KnownHole(
                        TimeRange.of(Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2))),
                        rs.getInt(3), Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))))
                .list();
    }

    /** Every hole of every series of {@code symbol}, by timeframe. */
    Map<Timeframe, List<KnownHole>> findAll(Symbol symbol) {
        Map<Timeframe, List<KnownHole>> result = new EnumMap<>(Timeframe.class);
        jdbc.sql("""
                SELECT timeframe, start_ms, end_ms, attempts, next_retry_ms, first_seen_ms FROM known_hole
                 WHERE symbol = ? ORDER BY timeframe, start_ms
                """)
                .param(symbol.value())
                .query(rs -> {
                    result.computeIfAbsent(Timeframe.of(rs.getString(1)), k -> new ArrayList<>()).add(new KnownHole(
                            TimeRange.of(Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))),
                            rs.getInt(4), Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
                });
        return result;
    }

    /** Every hole of every series of each of {@code symbols} (at most a few hundred), in one query. */
    Map<Symbol, Map<Timeframe, List<KnownHole>>> findAll(Collection<Symbol> symbols) {
        Map<Symbol, Map<Timeframe, List<KnownHole>>> result = new HashMap<>();
        if (symbols.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                SELECT symbol, timeframe, start_ms, end_ms, attempts, next_retry_ms, first_seen_ms FROM known_hole
                 WHERE symbol IN (:symbols) ORDER BY symbol, timeframe, start_ms
                """)
                .param("symbols", symbols.stream().map(Symbol::value).distinct().toList())
                .query(rs -> {
                    result.computeIfAbsent(Symbol.of(rs.getString(1)), k -> new EnumMap<>(Timeframe.class))
                            .computeIfAbsent(Timeframe.of(rs.getString(2)), k -> new ArrayList<>())
                            .add(new KnownHole(
                                    TimeRange.of(Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4))),
                                    rs.getInt(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7))));
                });
        return result;
    }

    /** Holes not to ask for yet at {@code now}. */
    List<TimeRange> backingOff(SeriesId series, Instant now) {
        return findAll(series).stream().filter(h -> h.nextRetry().isAfter(now)).map(KnownHole::range).toList();
    }

    /**
     * Replaces what is known about holes inside {@code fetched} by {@code holes}, the ranges still empty after
     * the answer: a hole seen again counts one more attempt and backs off longer; a hole now filled is gone.
     */
    void record(SeriesId series, TimeRange fetched, List<TimeRange> holes, HoleBackoff backoff, Instant now) {
        Map<Long, KnownHole> previous = new HashMap<>();
        for (KnownHole h : findAll(series)) {
            if (fetched.contains(h.range().startInclusive())) {
                previous.put(h.range().startInclusive().toEpochMilli(), h);
            }
        }
        jdbc.sql("DELETE FROM known_hole WHERE symbol = ? AND timeframe = ? AND start_ms >= ? AND start_ms < ?")
                .params(series.symbol().value(), series.timeframe().code(), fetched.startInclusive().toEpochMilli(),
                        fetched.endExclusive().toEpochMilli())
                .update();
        for (TimeRange hole : holes) {
            KnownHole before = previous.get(hole.startInclusive().toEpochMilli());
            int attempts = before == null ? 1 : before.attempts() + 1;
            Instant firstSeen = before == null ? now : before.firstSeen();
            jdbc.sql("""
                    INSERT INTO known_hole (symbol, timeframe, start_ms, end_ms, attempts, next_retry_ms, first_seen_ms, last_seen_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (symbol, timeframe, start_ms) DO UPDATE SET end_ms = excluded.end_ms,
                        attempts = excluded.attempts, next_retry_ms = excluded.next_retry_ms, last_seen_ms = excluded.last_seen_ms
                    """)
                    .params(series.symbol().value(), series.timeframe().code(), hole.startInclusive().toEpochMilli(),
                            hole.endExclusive().toEpochMilli(), attempts, backoff.nextAttempt(attempts, now).toEpochMilli(),
                            firstSeen.toEpochMilli(), now.toEpochMilli())
                    .update();
        }
    }
}
