package io.candlekeep.app.portfolio;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.portfolio.Trade;
import io.candlekeep.core.portfolio.TradeSide;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code portfolio} and {@code transactions}. Every statement names the owning user: nothing is read across users. */
@Repository
class PortfolioRepository {

    private final JdbcClient jdbc;

    PortfolioRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertPortfolio(long userId, String name, String baseCurrency, boolean allowShort, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO portfolio (user_id, name, base_currency, allow_short, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(userId, name, baseCurrency, allowShort ? 1 : 0, now.toEpochMilli())
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean nameTaken(long userId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM portfolio WHERE user_id = ? AND name = ?").params(userId, name)
                .query(Integer.class).single() > 0;
    }

    Optional<Portfolio> find(long userId, long portfolioId) {
        return jdbc.sql("""
                SELECT id, user_id, name, base_currency, allow_short, created_at FROM portfolio WHERE user_id = ? AND id = ?
                """)
                .params(userId, portfolioId)
                .query(PortfolioRepository::portfolio)
                .optional();
    }

    List<Portfolio> findAll(long userId) {
        return jdbc.sql("""
                SELECT id, user_id, name, base_currency, allow_short, created_at FROM portfolio WHERE user_id = ? ORDER BY id
                """)
                .param(userId)
                .query(PortfolioRepository::portfolio)
                .list();
    }

    int deletePortfolio(long userId, long portfolioId) {
        jdbc.sql("DELETE FROM transactions WHERE user_id = ? AND portfolio_id = ?").params(userId, portfolioId).update();
        return jdbc.sql("DELETE FROM portfolio WHERE user_id = ? AND id = ?").params(userId, portfolioId).update();
    }

    /** The portfolio's transactions in the order they took effect. */
    List<Trade> trades(long userId, long portfolioId) {
        return jdbc.sql("""
                SELECT id, symbol, side, quantity, price, fee, currency, executed_at FROM transactions
                 WHERE user_id = ? AND portfolio_id = ? ORDER BY executed_at, id
                """)
                .params(userId, portfolioId)
                .query(PortfolioRepository::trade)
                .list();
    }

    long insertTrade(long userId, long portfolioId, Trade t, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO transactions (portfolio_id, user_id, symbol, side, quantity, price, fee, currency, executed_at,
                                          created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(portfolioId, userId, t.symbol().value(), t.side().name(), t.quantity().toPlainString(),
                        t.price().toPlainString(), t.fee().toPlainString(), t.currency(), t.time().toEpochMilli(),
                        now.toEpochMilli(), now.toEpochMilli())
                .update(key, "id");
        return key.getKey().longValue();
    }

    int updateTrade(long userId, long portfolioId, Trade t, Instant now) {
        return jdbc.sql("""
                UPDATE transactions SET symbol = ?, side = ?, quantity = ?, price = ?, fee = ?, currency = ?, executed_at = ?,
                       updated_at = ?
                 WHERE user_id = ? AND portfolio_id = ? AND id = ?
                """)
                .params(t.symbol().value(), t.side().name(), t.quantity().toPlainString(), t.price().toPlainString(),
                        t.fee().toPlainString(), t.currency(), t.time().toEpochMilli(), now.toEpochMilli(), userId,
                        portfolioId, t.id())
                .update();
    }

    int deleteTrade(long userId, long portfolioId, long tradeId) {
        return jdbc.sql("DELETE FROM transactions WHERE user_id = ? AND portfolio_id = ? AND id = ?")
                .params(userId, portfolioId, tradeId)
                .update();
    }

    private static Portfolio portfolio(ResultSet rs, int n) throws SQLException {
        return new Portfolio(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0,
                Instant.ofEpochMilli(rs.getLong(6)));
    }

    private static Trade trade(ResultSet rs, int n) throws SQLException {
        return new Trade(rs.getLong(1), Symbol.of(rs.getString(2)), TradeSide.valueOf(rs.getString(3)),
                new BigDecimal(rs.getString(4)), new BigDecimal(rs.getString(5)), new BigDecimal(rs.getString(6)),
                rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)));
    }
}
