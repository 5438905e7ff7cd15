package io.candlekeep.app.provider.fred;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.calendar.Frequency;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FredFrequenciesTest {

    @ParameterizedTest(name = "''{0}'' / {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "Daily, D, daily",
            "'Daily, Close', D, daily",
            "'Weekly, Ending Friday', W, weekly_friday",
            "'Weekly, Ending Saturday', W, weekly_saturday",
            "'Weekly, Ending Wednesday', W, weekly_wednesday",
            "Monthly, M, monthly",
            "Quarterly, Q, quarterly",
            "Semiannual, SA, semiannual",
            "Annual, A, annual",
            "'', M, monthly",
            "'', Q, quarterly",
            "'Biweekly, Ending Wednesday', BW, none",
            "Weekly, W, none",
            "'', W, none",
            "Fortnightly, X, none",
    })
    void of_fredsWords_isTheFrequencyWithACalendar(String words, String letters, String expected) {
        assertThat(FredFrequencies.of(words, letters)).isEqualTo(Optional.ofNullable(expected).map(Frequency::of));
    }
}
