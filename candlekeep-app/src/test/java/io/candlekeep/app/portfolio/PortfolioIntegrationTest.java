package io.candlekeep.app.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.calendar.MarketCalendars;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Portfolios over real HTTP on the simulated provider: transactions, validation, valuation, history, isolation. */
final class PortfolioIntegrationTest extends SimulatedAppTestBase {

    static final AtomicInteger users = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;

    ApiClient alice;
    ApiClient bob;

    /** Fresh users per test, so no test sees another's portfolios. */
    @BeforeEach
    void setUp() {
        int n = users.incrementAndGet();
        alice = ApiClient.withToken(port, api.post("/api/v1/users", "{\"name\":\"alice" + n + "\"}").json()
                .get("token").asString());
        bob = ApiClient.withToken(port, api.post("/api/v1/users", "{\"name\":\"bob" + n + "\"}").json()
                .get("token").asString());
    }

    @Test
    void recordTransaction_tracksTheSymbolForItsOwner_andValuesThePosition() {
        long id = portfolio(alice, "USD");
        ApiClient.Response r = buy(alice, id, "AAPL", "10", "150", "1", "USD", "2025-06-02T15:00:00Z");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("quantity").decimalValue()).isEqualByComparingTo("10");

        JsonNode tracked = alice.get("/api/v1/tracking").json().get("symbols");
        assertThat(tracked).anySatisfy(s -> {
            assertThat(s.get("symbol").asString()).isEqualTo("AAPL");
            assertThat(s.get("sources").toString()).contains("portfolio");
            assertThat(s.get("priority").asInt()).isEqualTo(400);
        });
        assertThat(bob.get("/api/v1/tracking").body()).doesNotContain("AAPL");

        JsonNode p = alice.get("/api/v1/portfolios/" + id).json();
        JsonNode pos = p.get("positions").get(0);
        assertThat(pos.get("symbol").asString()).isEqualTo("AAPL");
        assertThat(pos.get("quantity").decimalValue()).isEqualByComparingTo("10");
        assertThat(pos.get("average_cost").decimalValue()).isEqualByComparingTo("150.1");
        assertThat(pos.get("price_source").asString()).isIn("cache", "provider");
        BigDecimal price = BigDecimal.valueOf(pos.get("price").asDouble());
        assertThat(pos.get("market_value").decimalValue())
                .isEqualByComparingTo(price.multiply(BigDecimal.TEN).setScale(2, RoundingMode.HALF_EVEN));
        assertThat(pos.get("unrealized_gain").decimalValue())
                .isEqualByComparingTo(pos.get("market_value").decimalValue().subtract(new BigDecimal("1501.00")));
        assertThat(p.get("totals").get("market_value").decimalValue())
                .isEqualByComparingTo(pos.get("market_value").decimalValue());
    }

    @Test
    void recordTransaction_badInput_isProblemJsonAndWritesNothing() {
        long id = portfolio(alice, "USD");
        buy(alice, id, "AAPL", "10", "150", "0", "USD", "2025-06-02T15:00:00Z");
        String tomorrow = Instant.now().plusSeconds(86_400).toString();
        List<String> bodies = List.of(
                tx("AAPL", "sell", "15", "160", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "-3", "150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "-150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "150", "-1", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "hold", "3", "150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "150", "0", "US", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "150", "0", "EUR", "2025-07-01T15:00:00Z"),
                tx("not a symbol!", "buy", "3", "150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "150", "0", "USD", tomorrow),
                tx("AAPL", "buy", "3", "150", "0", "USD", "yesterday"),
                "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"quantity\":\"lots\",\"price\":1}",
                "{\"symbol\":\"AAPL\",\"side\":\"buy\"}",
                tx("AAPL", "buy", "1e999999999", "150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "1e-999999999", "150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "1e400", "150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "1" + "0".repeat(40), "150", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "1" + "0".repeat(15), "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "0." + "0".repeat(18) + "1", "0", "USD", "2025-07-01T15:00:00Z"),
                tx("AAPL", "buy", "3", "150", "1e400", "USD", "2025-07-01T15:00:00Z"));
        for (String body : bodies) {
            ApiClient.Response r = alice.post("/api/v1/portfolios/" + id + "/transactions", body);
            assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).as(body).isNotBlank();
        }
        ApiClient.Response sell = alice.post("/api/v1/portfolios/" + id + "/transactions", bodies.getFirst());
        assertThat(sell.json().get("detail").asString()).contains("below zero");
        assertThat(transactions(id)).isEqualTo(1);
    }

    @Test
    void recordTransaction_amountAtItsBounds_isAccepted() {
        long id = portfolio(alice, "USD");
        String largest = "9".repeat(15) + "." + "9".repeat(18);
        ApiClient.Response r = buy(alice, id, "AAPL", largest, "0." + "0".repeat(17) + "1", "1e-18", "USD",
                "2025-06-02T15:00:00Z");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(transactions(id)).isEqualTo(1);
        ApiClient.Response trailingZeros = buy(alice, id, "AAPL", "2." + "0".repeat(30), "150", "0", "USD",
                "2025-06-03T15:00:00Z");
        assertThat(trailingZeros.status()).as("zeros past the 18th decimal change nothing: " + trailingZeros.body())
                .isEqualTo(201);
        assertThat(transactions(id)).isEqualTo(2);
    }

    @Test
    void removeTransaction_aLaterSellDependsOnIt_isRefused_andCorrectingItWorks() {
        long id = portfolio(alice, "USD");
        long buy = buy(alice, id, "MSFT", "10", "300", "0", "USD", "2025-03-03T15:00:00Z").json().get("id").asLong();
        alice.post("/api/v1/portfolios/" + id + "/transactions",
                tx("MSFT", "sell", "4", "320", "0", "USD", "2025-04-01T15:00:00Z"));

        ApiClient.Response removed = alice.delete("/api/v1/portfolios/" + id + "/transactions/" + buy);
        assertThat(removed.status()).as(removed.body()).isEqualTo(400);
        assertThat(transactions(id)).isEqualTo(2);
        ApiClient.Response tooSmall = alice.put("/api/v1/portfolios/" + id + "/transactions/" + buy,
                tx("MSFT", "buy", "3", "300", "0", "USD", "2025-03-03T15:00:00Z"));
        assertThat(tooSmall.status()).isEqualTo(400);

        ApiClient.Response corrected = alice.put("/api/v1/portfolios/" + id + "/transactions/" + buy,
                tx("MSFT", "buy", "12", "290", "2.5", "USD", "2025-03-03T15:00:00Z"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        JsonNode pos = alice.get("/api/v1/portfolios/" + id).json().get("positions").get(0);
        assertThat(pos.get("quantity").decimalValue()).isEqualByComparingTo("8");
        assertThat(pos.get("realized_gain").decimalValue())
                .isEqualByComparingTo(new BigDecimal("4").multiply(new BigDecimal("320").subtract(new BigDecimal("3482.5")
                        .divide(new BigDecimal("12"), MathContext.DECIMAL128))).setScale(2, RoundingMode.HALF_EVEN));
    }

    @Test
    void deletePortfolio_dropsItsPortfolioInterest_butKeepsOtherInterestAndOtherPortfolios() {
        long first = portfolio(alice, "USD");
        ApiClient.Response second = alice.post("/api/v1/portfolios", "{\"name\":\"second\"}");
        long other = second.json().get("id").asLong();
        buy(alice, first, "NVDA", "1", "100", "0", "USD", "2025-06-02T15:00:00Z");
        buy(alice, first, "AMD", "1", "100", "0", "USD", "2025-06-02T15:00:00Z");
        buy(alice, other, "AMD", "1", "100", "0", "USD", "2025-06-02T15:00:00Z");
        buy(alice, first, "INTC", "1", "20", "0", "USD", "2025-06-02T15:00:00Z");
        alice.post("/api/v1/tracking", "{\"symbols\":[\"INTC\"],\"source\":\"watchlist\",\"timeframes\":[\"1d\"]}");

        assertThat(alice.delete("/api/v1/portfolios/" + first).status()).isEqualTo(204);

        JsonNode tracked = alice.get("/api/v1/tracking").json().get("symbols");
        List<String> symbols = new ArrayList<>();
        tracked.forEach(t -> symbols.add(t.get("symbol").asString() + ":" + t.get("sources")));
        assertThat(symbols).anyMatch(x -> x.startsWith("AMD:"))
                .contains("INTC:[\"watchlist\"]");
        assertThat(symbols).noneMatch(x -> x.startsWith("NVDA:"));
        assertThat(transactions(first)).isZero();
        assertThat(alice.get("/api/v1/portfolios/" + first).status()).isEqualTo(404);
    }

    @Test
    void quantities_areDecimal_notFloatingPoint() {
        long id = portfolio(alice, "USD");
        buy(alice, id, "BTC-USD", "0.1", "30000", "0", "USD", "2025-06-02T15:00:00Z");
        buy(alice, id, "BTC-USD", "0.2", "30000", "0", "USD", "2025-06-03T15:00:00Z");

        JsonNode pos = alice.get("/api/v1/portfolios/" + id).json().get("positions").get(0);
        assertThat(pos.get("quantity").toString()).isEqualTo("0.3");
        assertThat(pos.get("cost_basis").decimalValue()).isEqualByComparingTo("9000");
    }

    @Test
    void otherUsersPortfolio_isNotFound_forEveryOperation() {
        long id = portfolio(alice, "USD");
        long tx = buy(alice, id, "AAPL", "1", "100", "0", "USD", "2025-06-02T15:00:00Z").json().get("id").asLong();
        String body = tx("AAPL", "buy", "1", "100", "0", "USD", "2025-06-02T15:00:00Z");

        assertThat(bob.get("/api/v1/portfolios/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/portfolios/" + id + "/history").status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/portfolios/" + id + "/transactions").status()).isEqualTo(404);
        assertThat(bob.post("/api/v1/portfolios/" + id + "/transactions", body).status()).isEqualTo(404);
        assertThat(bob.put("/api/v1/portfolios/" + id + "/transactions/" + tx, body).status()).isEqualTo(404);
        assertThat(bob.delete("/api/v1/portfolios/" + id + "/transactions/" + tx).status()).isEqualTo(404);
        assertThat(bob.delete("/api/v1/portfolios/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/portfolios").json().get("count").asInt()).isZero();
        assertThat(transactions(id)).isEqualTo(1);
        assertThat(alice.get("/api/v1/portfolios/" + id).status()).isEqualTo(200);
    }

    @Test
    void valuation_holdingInAnotherCurrency_isConvertedWithTheTrackedFxPair() {
        long id = portfolio(alice, "EUR");
        buy(alice, id, "AAPL", "10", "150", "0", "USD", "2025-06-02T15:00:00Z");

        JsonNode tracked = alice.get("/api/v1/tracking").json().get("symbols");
        assertThat(tracked).anySatisfy(s -> assertThat(s.get("symbol").asString()).isEqualTo("USDEUR=X"));
        JsonNode pos = alice.get("/api/v1/portfolios/" + id).json().get("positions").get(0);
        BigDecimal rate = pos.get("fx_rate").decimalValue();
        assertThat(rate).isPositive();
        BigDecimal expected = BigDecimal.valueOf(pos.get("price").asDouble()).multiply(BigDecimal.TEN).multiply(rate);
        assertThat(pos.get("market_value").decimalValue().subtract(expected).abs()).isLessThan(new BigDecimal("0.02"));
        assertThat(pos.get("cost_basis").decimalValue()).as("in USD").isEqualByComparingTo("1500");
        assertThat(pos.get("cost_basis_in_base").decimalValue().subtract(new BigDecimal("1500").multiply(rate)).abs())
                .isLessThan(new BigDecimal("0.02"));

        // without a currency, a sell takes the one AAPL is held in, not the portfolio's EUR
        ApiClient.Response sell = alice.post("/api/v1/portfolios/" + id + "/transactions",
                "{\"symbol\":\"AAPL\",\"side\":\"sell\",\"quantity\":4,\"price\":160,\"time\":\"2025-07-01T15:00:00Z\"}");
        assertThat(sell.status()).as(sell.body()).isEqualTo(201);
        assertThat(sell.json().get("currency").asString()).isEqualTo("USD");
    }

    @Test
    void totals_realizedGainInAnotherCurrency_isConvertedAtTheFxCloseOfTheSaleDay() {
        long id = portfolio(alice, "EUR");
        Instant now = Instant.now();
        Instant bought = now.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(15));
        Instant sold = bought.plus(Duration.ofDays(30));
        buy(alice, id, "AAPL", "10", "150", "0", "USD", bought.toString());
        ApiClient.Response sell = alice.post("/api/v1/portfolios/" + id + "/transactions",
                tx("AAPL", "sell", "4", "160", "2", "USD", sold.toString()));
        assertThat(sell.status()).as(sell.body()).isEqualTo(201);
        Backfills.awaitComplete(alice, "USDEUR=X", 1);

        // the newest daily close of USD in EUR on or before the sale day
        String saleDayEnd = sold.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).toString();
        JsonNode close = alice.get("/api/v1/bars/USDEUR=X?timeframe=1d&to=" + saleDayEnd + "&limit=1").json()
                .get("bars").get(0);
        BigDecimal rate = BigDecimal.valueOf(close.get("close").asDouble());
        JsonNode portfolio = alice.get("/api/v1/portfolios/" + id).json();
        JsonNode position = portfolio.get("positions").get(0);
        // 4 * (160 - 150) - 2 = 38 USD
        assertThat(position.get("realized_gain").decimalValue()).as("in USD").isEqualByComparingTo("38");
        JsonNode totals = portfolio.get("totals");
        assertThat(totals.get("realized_gain").decimalValue())
                .as("38 USD at %s on %s", rate, close.get("start").asString())
                .isEqualByComparingTo(new BigDecimal("38").multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
        assertThat(totals.get("realized_gain_unconverted")).isEmpty();
    }

    /**
     * A trade from three years ago needs daily history from then on, further back than the one-year window. It is
     * recorded right after a recent one, while that one's backfill runs: the series is fetched again over the deeper
     * window once that plan settles, and the value history over {@code max} has a close for every day after the first trade.
     */
    @Test
    void recordTransaction_tradedYearsAgo_backfillsDailyHistoryFromTheTradeDay() {
        long id = portfolio(alice, "USD");
        Instant now = Instant.now();
        Instant longAgo = now.minus(Duration.ofDays(3 * 365)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(15));
        buy(alice, id, "IBM", "1", "200", "0", "USD", now.minus(Duration.ofDays(100)).toString());
        buy(alice, id, "IBM", "1", "150", "0", "USD", longAgo.toString());

        String around = "from=" + longAgo.minus(Duration.ofDays(10)) + "&to=" + longAgo.plus(Duration.ofDays(10));
        Eventually.await(Duration.ofSeconds(90), "daily IBM bars around " + longAgo,
                () -> alice.get("/api/v1/bars/IBM?timeframe=1d&" + around).json().path("count").asInt(0) >= 5);
        Backfills.awaitComplete(alice, "IBM", 4);
        JsonNode h = alice.get("/api/v1/portfolios/" + id + "/history?range=max").json();
        LocalDate firstWeekOver = LocalDate.ofInstant(longAgo, ZoneOffset.UTC).plusDays(7);
        int valued = 0;
        for (JsonNode pt : h.get("points")) {
            if (LocalDate.parse(pt.get("date").asString()).isAfter(firstWeekOver)) {
                assertThat(pt.get("missing")).as("closes on %s", pt.get("date").asString()).isEmpty();
                valued++;
            }
        }
        assertThat(valued).as("weekdays valued over three years").isGreaterThan(700);
    }

    @Test
    void history_oneYear_weekdaysOnly_holidaysCarriedAndFlagged() {
        long id = portfolio(alice, "USD");
        buy(alice, id, "AAPL", "10", "150", "0", "USD", "2024-01-02T15:00:00Z");
        Backfills.awaitComplete(alice, "AAPL", 4);

        JsonNode h = alice.get("/api/v1/portfolios/" + id + "/history?range=1y").json();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int holidays = 0;
        int valued = 0;
        for (JsonNode pt : h.get("points")) {
            LocalDate d = LocalDate.parse(pt.get("date").asString());
            assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(pt.get("invested").decimalValue()).isEqualByComparingTo("1500");
            if (!pt.get("missing").isEmpty()) {
                continue; // before the first stored close (the backfill window's edge)
            }
            valued++;
            assertThat(pt.get("value").decimalValue()).isPositive();
            if (!MarketCalendars.nyse().isTradingDay(d)) {
                holidays++;
                assertThat(pt.get("carried").toString()).as("%s is a holiday", d).contains("AAPL");
            } else if (!d.equals(today)) {
                assertThat(pt.get("carried")).as("%s is a trading day", d).isEmpty();
            }
        }
        assertThat(valued).as("points with a value").isGreaterThan(240);
        assertThat(holidays).as("NYSE holidays on weekdays in a year").isBetween(8, 10);
        assertThat(h.get("carried_days").asInt()).isGreaterThanOrEqualTo(holidays);
        assertThat(alice.get("/api/v1/portfolios/" + id + "/history?range=5y").status()).isEqualTo(400);
    }

    @Test
    void open_symbolsNobodyTracked_startsAtMostTenBackfillsPerLoad() {
        long id = portfolio(alice, "USD");
        long userId = jdbc.sql("SELECT user_id FROM portfolio WHERE id = ?").param(id).query(Long.class).single();
        List<String> symbols = new ArrayList<>();
        String unheard = TestStores.onPostgres()
                ? " FROM (SELECT set_config('candlekeep.origin', 'candlekeep', true)) unheard" : "";
        for (int i = 0; i < 12; i++) {
            String symbol = "UNTR" + (char) ('A' + i);
            symbols.add(symbol);
            // as another program would write it while no instance listens: straight into the table, no request, no
            // interest; on PostgreSQL marked as the service's own, or every instance would hear of it and track it
            jdbc.sql("""
                    INSERT INTO transactions (portfolio_id, user_id, symbol, side, quantity, price, fee, currency,
                                              executed_at, created_at, updated_at)
                    SELECT ?, ?, ?, 'BUY', '1', '10', '0', 'USD', 1717340400000, 0, 0
                    """ + unheard).params(id, userId, symbol).update();
        }

        JsonNode first = alice.get("/api/v1/portfolios/" + id).json();
        assertThat(first.get("backfill_started")).hasSize(10);
        assertThat(first.get("backfill_pending")).hasSize(2);
        assertThat(first.get("positions")).hasSize(12).allSatisfy(pos ->
                assertThat(pos.get("price_source").asString()).isEqualTo("provider"));

        JsonNode second = alice.get("/api/v1/portfolios/" + id).json();
        assertThat(second.get("backfill_started")).hasSize(2);
        assertThat(second.get("backfill_pending")).isEmpty();
        List<String> started = new ArrayList<>();
        first.get("backfill_started").forEach(s -> started.add(s.asString()));
        second.get("backfill_started").forEach(s -> started.add(s.asString()));
        assertThat(started).containsExactlyInAnyOrderElementsOf(symbols);
        assertThat(alice.get("/api/v1/portfolios/" + id).json().get("backfill_started")).isEmpty();
    }

    private long portfolio(ApiClient user, String base) {
        ApiClient.Response r = user.post("/api/v1/portfolios",
                "{\"name\":\"main " + base + "\",\"base_currency\":\"" + base + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static ApiClient.Response buy(ApiClient user, long portfolio, String symbol, String quantity, String price,
            String fee, String currency, String time) {
        ApiClient.Response r = user.post("/api/v1/portfolios/" + portfolio + "/transactions",
                tx(symbol, "buy", quantity, price, fee, currency, time));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    private static String tx(String symbol, String side, String quantity, String price, String fee, String currency,
            String time) {
        return "{\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"quantity\":" + quantity + ",\"price\":" + price
                + ",\"fee\":" + fee + ",\"currency\":\"" + currency + "\",\"time\":\"" + time + "\"}";
    }

    private int transactions(long portfolio) {
        return jdbc.sql("SELECT COUNT(*) FROM transactions WHERE portfolio_id = ?").param(portfolio)
                .query(Integer.class).single();
    }
}
