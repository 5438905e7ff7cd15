package io.candlekeep.core.portfolio;

import static io.candlekeep.core.portfolio.TestTrades.buy;
import static io.candlekeep.core.portfolio.TestTrades.dec;
import static io.candlekeep.core.portfolio.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class TradeTest {

    private static final String T = "2024-01-05T15:00:00Z";

    @Test
    void constructor_negativeQuantity_isRejectedQuotingValue() {
        assertThatThrownBy(() -> trade(1, "AAPL", TradeSide.BUY, "-3", "10", "0", "USD", T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Field 'quantity' must be positive, was -3");
        assertThatThrownBy(() -> trade(1, "AAPL", TradeSide.BUY, "0", "10", "0", "USD", T))
                .hasMessage("Field 'quantity' must be positive, was 0");
    }

    @Test
    void constructor_negativePriceOrFee_isRejectedQuotingValue() {
        assertThatThrownBy(() -> trade(1, "AAPL", TradeSide.BUY, "1", "-0.5", "0", "USD", T))
                .hasMessage("Field 'price' must be >= 0, was -0.5");
        assertThatThrownBy(() -> trade(1, "AAPL", TradeSide.BUY, "1", "10", "-1", "USD", T))
                .hasMessage("Field 'fee' must be >= 0, was -1");
    }

    @Test
    void constructor_zeroPriceAndFee_areAccepted() {
        Trade gift = trade(1, "AAPL", TradeSide.BUY, "1", "0", "0", "USD", T);

        assertThat(gift.price()).isZero();
    }

    @Test
    void constructor_currencyNotThreeUpperCaseLetters_isRejected() {
        assertThatThrownBy(() -> trade(1, "AAPL", TradeSide.BUY, "1", "10", "0", "usd", T))
                .hasMessage("Field 'currency' must be an ISO 4217 code of three upper-case letters such as USD, was 'usd'");
        assertThatThrownBy(() -> trade(1, "AAPL", TradeSide.BUY, "1", "10", "0", "US", T))
                .hasMessageContaining("was 'US'");
    }

    @Test
    void constructor_nullField_isRejectedNamingIt() {
        assertThatThrownBy(() -> new Trade(1, Symbol.of("AAPL"), TradeSide.BUY, dec("1"), dec("1"), dec("0"), "USD", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("Field 'time' is required");
        assertThatThrownBy(() -> new Trade(1, null, TradeSide.BUY, dec("1"), dec("1"), dec("0"), "USD", Instant.EPOCH))
                .hasMessage("Field 'symbol' is required");
    }

    @Test
    void withId_changesOnlyTheId() {
        Trade t = buy(0, "AAPL", "2", "150", T);

        assertThat(t.withId(42)).isEqualTo(new Trade(42, t.symbol(), t.side(), t.quantity(), t.price(), t.fee(),
                t.currency(), t.time()));
    }

    @Test
    void date_isTheUtcDateOfTheTime() {
        assertThat(buy(1, "AAPL", "1", "1", "2024-01-05T23:59:59Z").date()).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(buy(1, "AAPL", "1", "1", "2024-01-06T00:00:00Z").date()).isEqualTo(LocalDate.of(2024, 1, 6));
    }

    @Test
    void signedQuantity_isNegativeForSells() {
        assertThat(trade(1, "AAPL", TradeSide.SELL, "2.5", "1", "0", "USD", T).signedQuantity()).isEqualByComparingTo("-2.5");
        assertThat(buy(1, "AAPL", "2.5", "1", T).signedQuantity()).isEqualByComparingTo("2.5");
    }
}
