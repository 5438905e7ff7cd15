package io.candlekeep.core.portfolio;

import static io.candlekeep.core.portfolio.TestTrades.buy;
import static io.candlekeep.core.portfolio.TestTrades.sell;
import static io.candlekeep.core.portfolio.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

final class PositionBookTest {

    private static final Symbol AAPL = Symbol.of("AAPL");

    private static Position only(PositionBook book) {
        assertThat(book.positions()).hasSize(1);
        return book.positions().getFirst();
    }

    @Test
    void replay_buysThenSell_usesAverageCostAndBooksRealizedGain() {
        Position p = only(PositionBook.replay(List.of(
                trade(1, "AAPL", TradeSide.BUY, "10", "100", "1", "USD", "2024-01-02T15:00:00Z"),
                trade(2, "AAPL", TradeSide.BUY, "10", "120", "1", "USD", "2024-01-03T15:00:00Z"),
                trade(3, "AAPL", TradeSide.SELL, "5", "130", "2", "USD", "2024-01-04T15:00:00Z")), false));

        assertThat(p.symbol()).isEqualTo(AAPL);
        assertThat(p.currency()).isEqualTo("USD");
        assertThat(p.quantity()).isEqualByComparingTo("15");
        assertThat(p.averageCost()).isEqualByComparingTo("110.1");
        assertThat(p.costBasis()).isEqualByComparingTo("1651.5");
        // 5 * (130 - 110.1) - 2
        assertThat(p.realizedGain()).isEqualByComparingTo("97.5");
        assertThat(p.fees()).isEqualByComparingTo("4");
        assertThat(p.firstTrade()).isEqualTo(Instant.parse("2024-01-02T15:00:00Z"));
        assertThat(p.tradeCount()).isEqualTo(3);
        assertThat(p.isOpen()).isTrue();
    }

    @Test
    void realizations_eachReducingTrade_inTimeOrder_addUpToTheRealizedGain() {
        PositionBook book = PositionBook.replay(List.of(
                trade(4, "MSFT", TradeSide.SELL, "2", "310", "0", "USD", "2024-02-01T15:00:00Z"),
                trade(1, "AAPL", TradeSide.BUY, "10", "100", "1", "USD", "2024-01-02T15:00:00Z"),
                trade(2, "AAPL", TradeSide.SELL, "4", "120", "2", "USD", "2024-01-10T15:00:00Z"),
                trade(3, "MSFT", TradeSide.BUY, "5", "300", "0", "USD", "2024-01-15T15:00:00Z"),
                trade(5, "AAPL", TradeSide.SELL, "6", "90", "0", "USD", "2024-03-01T15:00:00Z")), false);

        // AAPL average cost 100.1: 4 * (120 - 100.1) - 2 = 77.6, then 6 * (90 - 100.1) = -60.6; MSFT 2 * (310 - 300)
        assertThat(book.realizations()).extracting(Realization::symbol, Realization::date)
                .containsExactly(
                        tuple(AAPL, LocalDate.parse("2024-01-10")),
                        tuple(Symbol.of("MSFT"), LocalDate.parse("2024-02-01")),
                        tuple(AAPL, LocalDate.parse("2024-03-01")));
        assertThat(book.realizations().get(0).amount()).isEqualByComparingTo("77.6");
        assertThat(book.realizations().get(1).amount()).isEqualByComparingTo("20");
        assertThat(book.realizations().get(2).amount()).isEqualByComparingTo("-60.6");
        assertThat(book.findPosition(AAPL).orElseThrow().realizedGain()).isEqualByComparingTo("17");
    }

    @Test
    void realizations_onlyBuys_areNone() {
        PositionBook book = PositionBook.replay(List.of(
                buy(1, "AAPL", "5", "100", "2024-01-02T15:00:00Z"),
                buy(2, "AAPL", "5", "110", "2024-01-03T15:00:00Z")), false);

        assertThat(book.realizations()).isEmpty();
    }

    @Test
    void book_sellBelowZeroWithoutShorting_isRejected() {
        List<Trade> trades = List.of(
                buy(1, "AAPL", "5", "100", "2024-01-02T15:00:00Z"),
                sell(2, "AAPL", "10", "110", "2024-01-05T15:00:00Z"));

        assertThatThrownBy(() -> PositionBook.replay(trades, false))
                .isInstanceOf(PortfolioRuleException.class)
                .hasMessage("Selling 10 AAPL at 2024-01-05T15:00:00Z would leave -5; holdings cannot go below zero"
                        + " (short selling is disabled)");
    }

    @Test
    void replay_sellEverything_keepsClosedPositionWithRealizedGain() {
        Position p = only(PositionBook.replay(List.of(
                buy(1, "AAPL", "10", "100", "2024-01-02T15:00:00Z"),
                sell(2, "AAPL", "10.000", "110", "2024-01-03T15:00:00Z")), false));

        assertThat(p.isOpen()).isFalse();
        assertThat(p.quantity()).isZero();
        assertThat(p.costBasis()).isZero();
        assertThat(p.averageCost()).isZero();
        assertThat(p.realizedGain()).isEqualByComparingTo("100");
    }

    @Test
    void replay_closedInSeveralSells_realizedGainHasNoRoundingDrift() {
        Position p = only(PositionBook.replay(List.of(
                trade(1, "AAPL", TradeSide.BUY, "3", "10", "1", "USD", "2024-01-02T15:00:00Z"),
                sell(2, "AAPL", "1", "10", "2024-01-03T15:00:00Z"),
                sell(3, "AAPL", "2", "10", "2024-01-04T15:00:00Z")), false));

        assertThat(p.realizedGain()).isEqualByComparingTo("-1");
        assertThat(p.costBasis()).isZero();
    }

    @Test
    void replay_unorderedInput_isReplayedByTimeThenId() {
        String t = "2024-01-02T15:00:00Z";
        Position p = only(PositionBook.replay(List.of(
                sell(3, "AAPL", "4", "110", "2024-01-03T15:00:00Z"),
                sell(2, "AAPL", "5", "100", t),
                buy(1, "AAPL", "10", "100", t)), false));

        assertThat(p.quantity()).isEqualByComparingTo("1");
        assertThat(p.firstTrade()).isEqualTo(Instant.parse(t));
        assertThatThrownBy(() -> PositionBook.replay(List.of(buy(2, "AAPL", "10", "100", t), sell(1, "AAPL", "5", "100", t)), false))
                .isInstanceOf(PortfolioRuleException.class)
                .hasMessageContaining("would leave -5");
    }

    @Test
    void replay_shortingAllowed_averageCostIsEntryPriceNetOfFees() {
        Position p = only(PositionBook.replay(List.of(
                trade(1, "AAPL", TradeSide.SELL, "10", "50", "1", "USD", "2024-01-02T15:00:00Z"),
                trade(2, "AAPL", TradeSide.BUY, "4", "40", "1", "USD", "2024-01-03T15:00:00Z")), true));

        assertThat(p.quantity()).isEqualByComparingTo("-6");
        assertThat(p.averageCost()).isEqualByComparingTo("49.9");
        assertThat(p.costBasis()).isEqualByComparingTo("-299.4");
        // 4 * (49.9 - 40) - 1
        assertThat(p.realizedGain()).isEqualByComparingTo("38.6");
        assertThat(p.isOpen()).isTrue();
    }

    @Test
    void replay_sellThroughZeroWithShorting_closesThenOpensAShortSplittingTheFee() {
        Position p = only(PositionBook.replay(List.of(
                buy(1, "AAPL", "10", "100", "2024-01-02T15:00:00Z"),
                trade(2, "AAPL", TradeSide.SELL, "15", "120", "3", "USD", "2024-01-03T15:00:00Z")), true));

        // 10 closed: 10 * (120 - 100) - 2 (10/15 of the fee); 5 opened short at (5 * 120 - 1) / 5
        assertThat(p.realizedGain()).isEqualByComparingTo("198");
        assertThat(p.quantity()).isEqualByComparingTo("-5");
        assertThat(p.averageCost()).isEqualByComparingTo("119.8");
        assertThat(p.costBasis()).isEqualByComparingTo("-599");
        assertThat(p.fees()).isEqualByComparingTo("3");
    }

    @Test
    void replay_oneSymbolInTwoCurrencies_isRejected() {
        List<Trade> trades = List.of(
                buy(1, "AAPL", "10", "100", "2024-01-02T15:00:00Z"),
                trade(2, "AAPL", TradeSide.BUY, "1", "90", "0", "EUR", "2024-01-03T15:00:00Z"));

        assertThatThrownBy(() -> PositionBook.replay(trades, true))
                .isInstanceOf(PortfolioRuleException.class)
                .hasMessage("Trade 2 of AAPL at 2024-01-03T15:00:00Z is in EUR but AAPL is held in USD; all trades of"
                        + " one symbol must share one currency");
    }

    @Test
    void checkAdd_newTradeInAnotherCurrency_namesItTheNewTrade() {
        List<Trade> trades = List.of(buy(1, "AAPL", "10", "100", "2024-01-02T15:00:00Z"));

        assertThatThrownBy(() -> PositionBook.checkAdd(trades,
                trade(0, "AAPL", TradeSide.SELL, "1", "90", "0", "EUR", "2024-01-03T15:00:00Z"), false))
                .hasMessageStartingWith("The new trade of AAPL at 2024-01-03T15:00:00Z is in EUR but AAPL is held in USD");
    }

    @Test
    void positions_severalSymbols_areSortedBySymbolAndFoundByIt() {
        PositionBook book = PositionBook.replay(List.of(
                buy(1, "MSFT", "1", "300", "2024-01-02T15:00:00Z"),
                trade(2, "SAP.DE", TradeSide.BUY, "2", "150", "0", "EUR", "2024-01-02T15:00:00Z"),
                buy(3, "AAPL", "3", "100", "2024-01-02T15:00:00Z")), false);

        assertThat(book.positions()).extracting(Position::symbol)
                .containsExactly(AAPL, Symbol.of("MSFT"), Symbol.of("SAP.DE"));
        assertThat(book.findPosition(Symbol.of("SAP.DE"))).get().extracting(Position::currency).isEqualTo("EUR");
        assertThat(book.findPosition(Symbol.of("TSLA"))).isEmpty();
        assertThat(PositionBook.replay(List.of(), false).positions()).isEmpty();
    }

    @Test
    void checkAdd_sellWithinHolding_returnsTheBookAfterIt() {
        List<Trade> existing = List.of(buy(1, "AAPL", "10", "100", "2024-01-02T15:00:00Z"));

        PositionBook after = PositionBook.checkAdd(existing, sell(0, "AAPL", "4", "100", "2024-01-03T15:00:00Z"), false);

        assertThat(only(after).quantity()).isEqualByComparingTo("6");
    }

    @Test
    void checkAdd_backdatedSellBeforeTheBuy_isRejected() {
        List<Trade> existing = List.of(buy(1, "AAPL", "10", "100", "2024-01-02T15:00:00Z"));

        assertThatThrownBy(() -> PositionBook.checkAdd(existing, sell(0, "AAPL", "4", "100", "2024-01-01T15:00:00Z"), false))
                .isInstanceOf(PortfolioRuleException.class)
                .hasMessageContaining("Selling 4 AAPL at 2024-01-01T15:00:00Z would leave -4");
        assertThat(PositionBook.checkAdd(existing, sell(0, "AAPL", "4", "100", "2024-01-01T15:00:00Z"), true).positions())
                .singleElement().extracting(Position::quantity).isEqualTo(TestTrades.dec("6"));
    }

    @Test
    void checkRemove_buyThatALaterSellNeeds_isRejected() {
        List<Trade> existing = List.of(
                buy(1, "AAPL", "10", "100", "2024-01-02T15:00:00Z"),
                buy(2, "AAPL", "5", "100", "2024-01-03T15:00:00Z"),
                sell(3, "AAPL", "12", "100", "2024-01-04T15:00:00Z"));

        assertThatThrownBy(() -> PositionBook.checkRemove(existing, 2, false))
                .isInstanceOf(PortfolioRuleException.class)
                .hasMessageContaining("Selling 12 AAPL at 2024-01-04T15:00:00Z would leave -2");
        assertThat(only(PositionBook.checkRemove(existing, 3, false)).quantity()).isEqualByComparingTo("15");
    }

    @Test
    void checkReplace_buyLoweredBelowALaterSell_isRejected() {
        List<Trade> existing = List.of(
                buy(1, "AAPL", "15", "100", "2024-01-02T15:00:00Z"),
                sell(2, "AAPL", "12", "100", "2024-01-04T15:00:00Z"));

        assertThatThrownBy(() -> PositionBook.checkReplace(existing, 1, buy(0, "AAPL", "10", "100", "2024-01-02T15:00:00Z"), false))
                .isInstanceOf(PortfolioRuleException.class)
                .hasMessageContaining("would leave -2");
        Position raised = only(PositionBook.checkReplace(existing, 1, buy(0, "AAPL", "20", "90", "2024-01-02T15:00:00Z"), false));
        assertThat(raised.quantity()).isEqualByComparingTo("8");
        assertThat(raised.tradeCount()).isEqualTo(2);
    }

    @Test
    void checkReplaceOrRemove_unknownId_isNotFound() {
        List<Trade> existing = List.of(buy(1, "AAPL", "15", "100", "2024-01-02T15:00:00Z"));

        assertThatThrownBy(() -> PositionBook.checkRemove(existing, 99, false))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("No trade with id 99 among 1 trades");
        assertThatThrownBy(() -> PositionBook.checkReplace(existing, 99, existing.getFirst(), false))
                .isInstanceOf(NoSuchElementException.class);
    }
}
