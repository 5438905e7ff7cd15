package io.candlekeep.app.store;

import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named rights that one instance holds at a time, for a term it keeps renewing (table {@code leases}): on
 * PostgreSQL, where several instances share the database, exactly one of them does a thing that must happen once,
 * and another takes it over once the holder stops renewing (it died, or lost the database). Terms are counted in
 * the database's clock, so the instances' clocks need not agree. On SQLite the one instance always gets what it
 * asks for.
 *
 * <p>A holder that cannot renew must stop acting as the holder by its own clock before the term it last got ends
 * ({@link #hold}): counted from before the call, that moment is never later than the database's.
 */
@Component
public class Leases {

    private final JdbcClient jdbc;
    private final String now;

    @Autowired
    public Leases(JdbcClient jdbc, Environment env) {
        this(jdbc, StoreSelection.isPostgres(env));
    }

    public Leases(JdbcClient jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.now = postgres
                ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    /**
     * Takes the lease {@code name} for {@code holder}, or renews it, for {@code term} from now: answers whether
     * {@code holder} holds it now. It is taken when nobody holds it or the holder's term has ended.
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot be asked: the caller holds the
     *                                                     lease only until the term it last got ends
     */
    public boolean hold(String name, String holder, Duration term) {
        return jdbc.sql("""
                INSERT INTO leases (name, holder, expires_ms) VALUES (:name, :holder, %1$s + :term)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms
                 WHERE leases.holder = excluded.holder OR leases.expires_ms < %1$s
                """.formatted(now))
                .param("name", name)
                .param("holder", holder)
                .param("term", term.toMillis())
                .update() > 0;
    }

    /** Gives the lease up at once when {@code holder} holds it, so that another instance need not wait out its term. */
    public void release(String name, String holder) {
        jdbc.sql("DELETE FROM leases WHERE name = ? AND holder = ?").params(name, holder).update();
    }

    /** Who holds the lease now, if anyone's term is running. */
    public Optional<String> holder(String name) {
        return jdbc.sql("SELECT holder FROM leases WHERE name = ? AND expires_ms >= " + now)
                .params(name).query(String.class).optional();
    }
}
