package io.candlekeep.app.schedule;

import java.time.Instant;
import java.util.List;
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
                       runs = runs + 1 WHERE name = ?
                """).params(at.toEpochMilli(), summary, errors, ok ? 1 : 0, name).update();
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
