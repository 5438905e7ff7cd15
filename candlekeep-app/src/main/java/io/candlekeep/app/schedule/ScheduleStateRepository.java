package io.candlekeep.app.schedule;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code schedule_state}. */
@Repository
class ScheduleStateRepository {

    private final JdbcClient jdbc;

    ScheduleStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void started(String name, Instant at) {
        jdbc.sql("""
                INSERT INTO schedule_state (name, last_started_ms, runs) VALUES (?, ?, 0)
                ON CONFLICT (name) DO UPDATE SET last_started_ms = excluded.last_started_ms
                """).params(name, at.toEpochMilli()).update();
    }

    void finished(String name, Instant at, String summary, int errors, boolean ok) {
        jdbc.sql("""
                UPDATE schedule_state SET last_finished_ms = ?, last_summary = ?, last_errors = ?, last_ok = ?,
                       last_ok_ms = CASE WHEN ? = 1 THEN ? ELSE last_ok_ms END, runs = runs + 1 WHERE name = ?
                """).params(at.toEpochMilli(), summary, errors, ok ? 1 : 0, ok ? 1 : 0, at.toEpochMilli(), name).update();
    }

    /** When each schedule that ever succeeded last finished a run without failing, by name; one query. */
    Map<String, Instant> lastSuccesses() {
        Map<String, Instant> result = new HashMap<>();
        jdbc.sql("SELECT name, last_ok_ms FROM schedule_state WHERE last_ok_ms IS NOT NULL")
                .query((ResultSet rs) -> {
                    result.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                });
        return result;
    }

    Optional<ScheduleState> find(String name) {
        return jdbc.sql("SELECT * FROM schedule_state WHERE name = ?").param(name).query((rs, n) -> {
            long started = rs.getLong("last_started_ms");
            Instant lastStarted = rs.wasNull() ? null : Instant.ofEpochMilli(started);
            long finished = rs.getLong("last_finished_ms");
            Instant lastFinished = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
            int errors = rs.getInt("last_errors");
            Integer lastErrors = rs.wasNull() ? null : errors;
            boolean ok = rs.getBoolean("last_ok");
            Boolean lastOk = rs.wasNull() ? null : ok;
            return new ScheduleState(name, lastStarted, lastFinished, rs.getString("last_summary"), lastErrors, lastOk,
                    rs.getLong("runs"));
        }).optional();
    }

    List<String> names() {
        return jdbc.sql("SELECT name FROM schedule_state ORDER BY name").query(String.class).list();
    }
}
