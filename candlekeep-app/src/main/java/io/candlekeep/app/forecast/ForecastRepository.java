package io.candlekeep.app.forecast;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.forecast.Accuracy;
import io.candlekeep.core.forecast.Evaluation;
import io.candlekeep.core.forecast.Forecast;
import io.candlekeep.core.forecast.ForecastModel;
import io.candlekeep.core.forecast.PredictionInterval;
import io.candlekeep.core.forecast.SeriesForecast;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code forecast} and {@code forecast_point} (V21). */
@Repository
class ForecastRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, Double>> PARAMETERS = new TypeReference<>() {
    };

    /** A step's state: waiting for its bar, checked against it, or given up. */
    enum Status { OPEN, CHECKED, MISSED }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ForecastRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** One stored forecast of one model. */
    record Stored(long id, SeriesId series, ForecastModel model, Instant madeAt, Instant basedOn, double lastClose,
            int observations, double sigma, double maseScale, Map<String, Double> parameters) {
    }

    /** One stored step; {@code actual} is null unless checked. */
    record StoredPoint(long forecastId, int step, Instant target, double point, double lower80, double upper80,
            double lower95, double upper95, Status status, Double actual) {
    }

    /** A step waiting for its bar, with what checking it needs from its forecast. */
    record OpenPoint(long forecastId, int step, long targetMs, double point, PredictionInterval interval80,
            PredictionInterval interval95, double lastClose, double maseScale) {
    }

    /** A checked step, to be saved. */
    record Check(long forecastId, int step, Evaluation evaluation) {
    }

    /** The open steps of one series whose bars have started, {@code [firstTarget, lastTarget]}. */
    record OpenRange(SeriesId series, Instant firstTarget, Instant lastTarget) {
    }

    /** The newest forecast of a series: the bar it was based on and when it was made. */
    record Last(Instant basedOn, Instant madeAt) {
    }

    /** Stores each forecast of {@code made} with its steps, all OPEN; answers the ids. */
    List<Long> insert(SeriesId series, SeriesForecast made, Instant madeAt) {
        List<Long> ids = new ArrayList<>();
        for (Forecast f : made.forecasts()) {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO forecast (symbol, timeframe, model, made_at_ms, based_on_ms, last_close, observations,
                                          sigma, mase_scale, parameters)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                    .params(series.symbol().value(), series.timeframe().code(), f.model().code(), madeAt.toEpochMilli(),
                            made.basedOn().toEpochMilli(), made.lastClose(), f.observations(),
                            f.residualStandardDeviation(), made.maseScale(), JSON.writeValueAsString(new TreeMap<>(f.parameters())))
                    .update(key, "id");
            long id = key.getKey().longValue();
            ids.add(id);
            batch.batchUpdate("""
                    INSERT INTO forecast_point (forecast_id, step, target_ms, point, lower_80, upper_80, lower_95, upper_95,
                                                status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')
                    """, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    int step = i + 1;
                    PredictionInterval i80 = f.interval(step, PredictionInterval.LEVEL_80);
                    PredictionInterval i95 = f.interval(step, PredictionInterval.LEVEL_95);
                    ps.setLong(1, id);
                    ps.setInt(2, step);
                    ps.setLong(3, made.targets().get(i).toEpochMilli());
                    ps.setDouble(4, f.point(step));
                    ps.setDouble(5, i80.lower());
                    ps.setDouble(6, i80.upper());
                    ps.setDouble(7, i95.lower());
                    ps.setDouble(8, i95.upper());
                }

                @Override
                public int getBatchSize() {
                    return f.horizon();
                }
            });
        }
        return ids;
    }

    /** The newest forecast of every series that has one; one query. */
    Map<SeriesId, Last> lastForecasts() {
        Map<SeriesId, Last> result = new HashMap<>();
        jdbc.sql("SELECT symbol, timeframe, MAX(based_on_ms), MAX(made_at_ms) FROM forecast GROUP BY symbol, timeframe")
                .query((ResultSet rs) -> {
                    result.put(series(rs.getString(1), rs.getString(2)),
                            new Last(Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4))));
                });
        return result;
    }

    /** Per series, the open steps whose bars started at or before {@code startedBy}. */
    List<OpenRange> openRanges(Instant startedBy) {
        return jdbc.sql("""
                SELECT f.symbol, f.timeframe, MIN(p.target_ms), MAX(p.target_ms)
                  FROM forecast_point p JOIN forecast f ON f.id = p.forecast_id
                 WHERE p.status = 'OPEN' AND p.target_ms <= ?
                 GROUP BY f.symbol, f.timeframe
                """).param(startedBy.toEpochMilli())
                .query((rs, n) -> new OpenRange(series(rs.getString(1), rs.getString(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    /** The open steps of {@code series} targeting bars in {@code [fromMs, toMs]}. */
    List<OpenPoint> openPoints(SeriesId series, long fromMs, long toMs) {
        return jdbc.sql("""
                SELECT p.forecast_id, p.step, p.target_ms, p.point, p.lower_80, p.upper_80, p.lower_95, p.upper_95,
                       f.last_close, f.mase_scale
                  FROM forecast_point p JOIN forecast f ON f.id = p.forecast_id
                 WHERE f.symbol = ? AND f.timeframe = ? AND p.status = 'OPEN' AND p.target_ms BETWEEN ? AND ?
                """).params(series.symbol().value(), series.timeframe().code(), fromMs, toMs)
                .query((rs, n) -> new OpenPoint(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getDouble(4),
                        new PredictionInterval(PredictionInterval.LEVEL_80, rs.getDouble(5), rs.getDouble(6)),
                        new PredictionInterval(PredictionInterval.LEVEL_95, rs.getDouble(7), rs.getDouble(8)),
                        rs.getDouble(9), rs.getDouble(10)))
                .list();
    }

    /** Saves the checks of steps still OPEN; answers how many were saved. */
    int saveChecks(List<Check> checks, Instant at) {
        if (checks.isEmpty()) {
            return 0;
        }
        int[][] counts = batch.batchUpdate("""
                UPDATE forecast_point SET status = 'CHECKED', actual = ?, abs_error = ?, scaled_error = ?, inside_80 = ?,
                       inside_95 = ?, direction = ?, checked_at_ms = ?
                 WHERE forecast_id = ? AND step = ? AND status = 'OPEN'
                """, checks, 500, (ps, c) -> {
            Evaluation e = c.evaluation();
            ps.setDouble(1, e.actual());
            ps.setDouble(2, e.absoluteError());
            if (e.scaledError().isPresent()) {
                ps.setDouble(3, e.scaledError().getAsDouble());
            } else {
                ps.setNull(3, Types.DOUBLE);
            }
            ps.setInt(4, e.inside80() ? 1 : 0);
            ps.setInt(5, e.inside95() ? 1 : 0);
            switch (e.direction()) {
                case RIGHT -> ps.setInt(6, 1);
                case WRONG -> ps.setInt(6, 0);
                case NONE -> ps.setNull(6, Types.INTEGER);
            }
            ps.setLong(7, at.toEpochMilli());
            ps.setLong(8, c.forecastId());
            ps.setInt(9, c.step());
        });
        int saved = 0;
        for (int[] chunk : counts) {
            for (int n : chunk) {
                // a driver may answer SUCCESS_NO_INFO (-2) for a batched statement
                saved += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
            }
        }
        return saved;
    }

    /** Gives up the open steps whose bars started before {@code startedBefore}; answers how many. */
    int markMissed(Instant startedBefore, Instant at) {
        return jdbc.sql("UPDATE forecast_point SET status = 'MISSED', checked_at_ms = ? WHERE status = 'OPEN' AND target_ms < ?")
                .params(at.toEpochMilli(), startedBefore.toEpochMilli()).update();
    }

    /** Per series with open steps, the oldest bar one of them targets; one query. */
    Map<SeriesId, Instant> oldestOpenTargets() {
        Map<SeriesId, Instant> result = new HashMap<>();
        jdbc.sql("""
                SELECT f.symbol, f.timeframe, MIN(p.target_ms)
                  FROM forecast_point p JOIN forecast f ON f.id = p.forecast_id
                 WHERE p.status = 'OPEN'
                 GROUP BY f.symbol, f.timeframe
                """).query((ResultSet rs) -> {
            result.put(series(rs.getString(1), rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)));
        });
        return result;
    }

    /** Removes the forecasts made before {@code cutoff} with their steps; answers how many forecasts. */
    int deleteMadeBefore(Instant cutoff) {
        long ms = cutoff.toEpochMilli();
        jdbc.sql("DELETE FROM forecast_point WHERE forecast_id IN (SELECT id FROM forecast WHERE made_at_ms < ?)")
                .param(ms).update();
        return jdbc.sql("DELETE FROM forecast WHERE made_at_ms < ?").param(ms).update();
    }

    /** The newest forecast of each model of {@code series}, in model order. */
    List<Stored> latestPerModel(SeriesId series) {
        return jdbc.sql("""
                SELECT id, model, made_at_ms, based_on_ms, last_close, observations, sigma, mase_scale, parameters
                  FROM forecast
                 WHERE id IN (SELECT MAX(id) FROM forecast WHERE symbol = ? AND timeframe = ? GROUP BY model)
                """).params(series.symbol().value(), series.timeframe().code())
                .query((rs, n) -> new Stored(rs.getLong(1), series, ForecastModel.of(rs.getString(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getDouble(5),
                        rs.getInt(6), rs.getDouble(7), rs.getDouble(8), JSON.readValue(rs.getString(9), PARAMETERS)))
                .list().stream().sorted((a, b) -> a.model().compareTo(b.model())).toList();
    }

    /** The steps of the forecasts {@code ids}, by forecast and step. */
    Map<Long, List<StoredPoint>> points(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String in = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        return jdbc.sql("SELECT forecast_id, step, target_ms, point, lower_80, upper_80, lower_95, upper_95, status, actual"
                        + " FROM forecast_point WHERE forecast_id IN (" + in + ") ORDER BY forecast_id, step")
                .params(List.copyOf(ids))
                .query((rs, n) -> {
                    double value = rs.getDouble(10);
                    Double actual = rs.wasNull() ? null : value;
                    return new StoredPoint(rs.getLong(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                            Status.valueOf(rs.getString(9)), actual);
                })
                .list().stream().collect(Collectors.groupingBy(StoredPoint::forecastId, TreeMap::new, Collectors.toList()));
    }

    /** The accuracy sums of the checked steps of {@code series}, by model and step. */
    Map<ForecastModel, Map<Integer, Accuracy>> checkedSums(SeriesId series) {
        Map<ForecastModel, Map<Integer, Accuracy>> result = new EnumMap<>(ForecastModel.class);
        jdbc.sql("""
                SELECT f.model, p.step, COUNT(*), SUM(p.abs_error), COUNT(p.scaled_error), SUM(COALESCE(p.scaled_error, 0)),
                       SUM(p.inside_80), SUM(p.inside_95), COUNT(p.direction), SUM(COALESCE(p.direction, 0))
                  FROM forecast_point p JOIN forecast f ON f.id = p.forecast_id
                 WHERE f.symbol = ? AND f.timeframe = ? AND p.status = 'CHECKED'
                 GROUP BY f.model, p.step
                """).params(series.symbol().value(), series.timeframe().code())
                .query((ResultSet rs) -> {
                    result.computeIfAbsent(ForecastModel.of(rs.getString(1)), k -> new TreeMap<>())
                            .put(rs.getInt(2), new Accuracy(rs.getLong(3), rs.getDouble(4), rs.getLong(5),
                                    rs.getDouble(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                });
        return result;
    }

    /** How many steps of each model of {@code series} are in each state. */
    Map<ForecastModel, Map<Status, Long>> statusCounts(SeriesId series) {
        Map<ForecastModel, Map<Status, Long>> result = new EnumMap<>(ForecastModel.class);
        jdbc.sql("""
                SELECT f.model, p.status, COUNT(*)
                  FROM forecast_point p JOIN forecast f ON f.id = p.forecast_id
                 WHERE f.symbol = ? AND f.timeframe = ?
                 GROUP BY f.model, p.status
                """).params(series.symbol().value(), series.timeframe().code())
                .query((ResultSet rs) -> {
                    result.computeIfAbsent(ForecastModel.of(rs.getString(1)), k -> new EnumMap<>(Status.class))
                            .put(Status.valueOf(rs.getString(2)), rs.getLong(3));
                });
        return result;
    }

    private static SeriesId series(String symbol, String timeframe) {
        return SeriesId.of(Symbol.of(symbol), Timeframe.of(timeframe));
    }
}
