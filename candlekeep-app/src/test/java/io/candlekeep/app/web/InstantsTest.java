package io.candlekeep.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class InstantsTest {

    @ParameterizedTest
    @CsvSource({
            "2025-01-02T14:30:00Z, 2025-01-02T14:30:00Z",
            "2025-01-02, 2025-01-02T00:00:00Z",
            "1735828200000, 2025-01-02T14:30:00Z",
            "0, 1970-01-01T00:00:00Z"})
    void parse_isoDateOrEpochMillis_givesTheInstant(String text, String expected) {
        assertThat(Instants.parse("from", text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-13-01", "-1", "99999999999999999", "2300-01-01", "1e12", ""})
    void parse_garbageOrAbsurd_isBadRequestNamingTheParameter(String text) {
        assertThatThrownBy(() -> Instants.parse("to", text))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'to'");
    }
}
