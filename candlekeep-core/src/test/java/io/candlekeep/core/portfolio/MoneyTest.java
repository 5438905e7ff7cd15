package io.candlekeep.core.portfolio;

import static io.candlekeep.core.portfolio.TestTrades.dec;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class MoneyTest {

    @Test
    void fractionDigits_knownCurrency_isItsDefault() {
        assertThat(Money.fractionDigits("USD")).isEqualTo(2);
        assertThat(Money.fractionDigits("JPY")).isZero();
        assertThat(Money.fractionDigits("BHD")).isEqualTo(3);
    }

    @Test
    void fractionDigits_unknownOrDigitlessCurrency_isTwo() {
        assertThat(Money.fractionDigits("BTC")).isEqualTo(2);
        assertThat(Money.fractionDigits("XAU")).isEqualTo(2);
    }

    @Test
    void round_halfway_goesToTheEvenDigit() {
        assertThat(Money.round(dec("0.125"), "USD")).isEqualTo(dec("0.12"));
        assertThat(Money.round(dec("0.135"), "USD")).isEqualTo(dec("0.14"));
        assertThat(Money.round(dec("1234.5"), "JPY")).isEqualTo(dec("1234"));
        assertThat(Money.round(dec("7"), "EUR")).isEqualTo(dec("7.00"));
        assertThat(Money.round(null, "EUR")).isNull();
    }
}
