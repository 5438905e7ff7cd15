package io.candlekeep.app.portfolio;

import io.candlekeep.app.security.Caller;
import io.candlekeep.app.security.UserService;
import io.candlekeep.app.store.NotificationListener;
import io.candlekeep.app.store.StoreSelection;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.portfolio.FxPair;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On PostgreSQL: transactions other programs insert straight into the database (migration V12 notifies
 * {@value #CHANNEL}) are tracked like those recorded through the API, as a {@link TransactionRecorded} for the row's
 * user: the symbol, and the FX pair to the portfolio's base currency. Every instance hears every notification and
 * tracks; tracking is idempotent and a job is planned once however many instances ask at once. Rows the service
 * wrote itself were tracked when recorded and are passed over. The work runs on one thread of its own, and
 * notifications of the same symbol in the same portfolio waiting there are tracked once (a bulk import). When the
 * listening connection was down, the rows inserted meanwhile are read and tracked on reconnecting.
 */
@Component
@Conditional(StoreSelection.Postgres.class)
class ExternalTransactions implements NotificationListener {

    static final String CHANNEL = "transaction_created";

    private static final Logger log = LoggerFactory.getLogger(ExternalTransactions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Distinct (portfolio, symbol, currency) rows read at most after a gap. */
    private static final int CATCH_UP_LIMIT = 10_000;

    /** What a transaction makes its user interested in. */
    private record Notice(long userId, long portfolioId, String symbol, String currency) {
    }

    private final UserService users;
    private final PortfolioService portfolios;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Set<Notice> pending = ConcurrentHashMap.newKeySet();
    /** The highest transaction id heard of; -1 until known. */
    private final AtomicLong highWater = new AtomicLong(-1);
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("candlekeep-external-transactions").daemon().factory());

    ExternalTransactions(UserService users, PortfolioService portfolios, ApplicationEventPublisher events,
            JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.portfolios = portfolios;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void onNotification(String payload) {
        JsonNode n = JSON.readTree(payload);
        highWater.accumulateAndGet(n.get("id").asLong(), Math::max);
        if ("candlekeep".equals(n.path("origin").asString(""))) {
            return;
        }
        enqueue(new Notice(n.get("user_id").asLong(), n.get("portfolio_id").asLong(), n.get("symbol").asString(),
                n.get("currency").asString()));
    }

    @Override
    public void onListening(boolean resumed) {
        worker.execute(resumed ? this::catchUp : () -> highWater.accumulateAndGet(lastId(), Math::max));
    }

    private void enqueue(Notice notice) {
        if (pending.add(notice)) {
            worker.execute(() -> {
                pending.remove(notice);
                track(notice, "written by another program");
            });
        }
    }

    /** {@code how} says where the row came from, for the log. */
    private void track(Notice n, String how) {
        try {
            Optional<Caller> user = users.findUser(n.userId());
            if (user.isEmpty()) {
                log.warn("[PORTFOLIO] a transaction {} names user {}, who does not exist: not tracked", how, n.userId());
                return;
            }
            Caller caller = user.get();
            Optional<Portfolio> portfolio = portfolios.find(caller, n.portfolioId());
            if (portfolio.isEmpty()) {
                log.warn("[PORTFOLIO] a transaction {} for '{}' names portfolio {}, which is not theirs: not tracked", how,
                        caller.name(), n.portfolioId());
                return;
            }
            Symbol symbol = Symbol.of(n.symbol());
            Optional<Symbol> fx = FxPair.symbol(n.currency(), portfolio.get().baseCurrency());
            log.info("[PORTFOLIO] a transaction {} into portfolio {} of '{}': tracking {}{}", how, n.portfolioId(),
                    caller.name(), symbol, fx.map(pair -> " and " + pair).orElse(""));
            events.publishEvent(new TransactionRecorded(caller, n.portfolioId(), symbol, fx,
                    firstTradeTime(n.portfolioId(), n.symbol())));
        } catch (RuntimeException e) {
            log.warn("[PORTFOLIO] a transaction {} ({} in {}, portfolio {} of user {}) not tracked: {}", how, n.symbol(),
                    n.currency(), n.portfolioId(), n.userId(), e.getMessage());
        }
    }

    /** When the portfolio first traded the symbol: its daily history is needed from then on. */
    private Instant firstTradeTime(long portfolioId, String symbol) {
        Long first = jdbc.sql("SELECT MIN(executed_at) FROM transactions WHERE portfolio_id = ? AND symbol = ?")
                .params(portfolioId, symbol).query(Long.class).single();
        // the row was committed before its notification; a later delete leaves nothing older to reach back to
        return first == null ? clock.instant() : Instant.ofEpochMilli(first);
    }

    /** Tracks the rows inserted since the last one heard of, while nobody listened. */
    private void catchUp() {
        long after = highWater.get();
        if (after < 0) {
            highWater.accumulateAndGet(lastId(), Math::max);
            return;
        }
        record Row(Notice notice, long lastId) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT user_id, portfolio_id, symbol, currency, MAX(id) FROM transactions WHERE id > ?
                 GROUP BY user_id, portfolio_id, symbol, currency ORDER BY MAX(id) LIMIT ?
                """)
                .params(after, CATCH_UP_LIMIT)
                .query((rs, i) -> new Row(new Notice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                        rs.getLong(5)))
                .list();
        if (!rows.isEmpty()) {
            log.info("[PORTFOLIO] {} symbols of transactions inserted while notifications were down: tracking", rows.size());
        }
        for (Row r : rows) {
            highWater.accumulateAndGet(r.lastId(), Math::max);
            track(r.notice(), "inserted while notifications were down");
        }
    }

    private long lastId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM transactions").query(Long.class).single();
    }

    @PreDestroy
    void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
