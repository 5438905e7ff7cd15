package io.candlekeep.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Symbol;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class TrackingListQueryTest {

    @Test
    void parse_nothingGiven_isTheFirstPageOfTheDefaultSizeOfAnyStatus() {
        assertThat(TrackingListQuery.parse(null, null, null)).isEqualTo(TrackingListQuery.firstPage());
        assertThat(TrackingListQuery.firstPage()).isEqualTo(
                new TrackingListQuery(TrackingListQuery.DEFAULT_LIMIT, Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "BTC-USD", "EURUSD=X", "^GSPC", "FRED:DGS10", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void parse_cursorOfASymbol_readsBackThatSymbol(String symbol) {
        String cursor = TrackingListQuery.cursorAfter(Symbol.of(symbol));

        assertThat(cursor).hasSizeLessThanOrEqualTo(TrackingListQuery.MAX_CURSOR_LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(TrackingListQuery.parse("7", cursor, "dormant"))
                .isEqualTo(new TrackingListQuery(7, Optional.of(Symbol.of(symbol)), Optional.of(TrackedSymbol.Status.DORMANT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "500", " 42 "})
    void parse_limitInRange_isTaken(String limit) {
        assertThat(TrackingListQuery.parse(limit, null, null).limit()).isEqualTo(Integer.parseInt(limit.trim()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "ten", "1.5", "99999999999999999999"})
    void parse_badLimit_isABadRequestNamingIt(String limit) {
        assertThatThrownBy(() -> TrackingListQuery.parse(limit, null, null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'limit'").hasMessageContaining("500");
    }

    @Test
    void parse_badCursors_areABadRequestNamingIt() {
        String notBase64 = "%%%";
        String notOurs = Base64.getUrlEncoder().withoutPadding().encodeToString("AAPL".getBytes());
        String badSymbol = Base64.getUrlEncoder().withoutPadding().encodeToString("after:NOT A SYMBOL".getBytes());
        String tooLong = "A".repeat(TrackingListQuery.MAX_CURSOR_LENGTH + 1);
        for (String cursor : new String[] {notBase64, notOurs, badSymbol, tooLong}) {
            assertThatThrownBy(() -> TrackingListQuery.parse(null, cursor, null)).as(cursor)
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("'cursor'")
                    .hasMessageContaining("next_cursor");
        }
    }

    @Test
    void parse_unknownStatus_isABadRequestListingTheStatuses() {
        assertThatThrownBy(() -> TrackingListQuery.parse(null, null, "SLEEPING")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("SLEEPING").hasMessageContaining("ACTIVE").hasMessageContaining("NOT_FOUND")
                .hasMessageContaining("DORMANT");
        assertThat(TrackingListQuery.parse(null, null, "not_found").status()).contains(TrackedSymbol.Status.NOT_FOUND);
    }
}
