package io.candlekeep.app.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.core.domain.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SearchQueryTest {

    @Test
    void parse_limitLeftOut_isTen_andBlanksAreTidied() {
        SearchQuery query = SearchQuery.parse("  apple \u00a0  inc ", null);

        assertThat(query.text()).isEqualTo("apple inc");
        assertThat(query.limit()).isEqualTo(SearchQuery.DEFAULT_LIMIT);
        assertThat(query.ticker()).isEqualTo("APPLE INC");
    }

    @Test
    void parse_sixtyFourCharactersAndLimitFifty_areTheBounds() {
        SearchQuery query = SearchQuery.parse("a".repeat(SearchQuery.MAX_LENGTH), " 50 ");

        assertThat(query.text()).hasSize(64);
        assertThat(query.limit()).isEqualTo(50);
        assertThat(SearchQuery.parse("😀", "1").text()).isEqualTo("😀");
    }

    @ParameterizedTest(name = "query ''{0}''")
    @ValueSource(strings = {"", "   ", "apple\u0000", "app\nle", "\u202eelppa", "ab\ud800c", "\ue000"})
    void parse_blankOrUnprintableQuery_isRefused(String text) {
        assertThatThrownBy(() -> SearchQuery.parse(text, null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'query'");
    }

    @Test
    void parse_queryLeftOut_isRefusedSayingWhatToGive() {
        assertThatThrownBy(() -> SearchQuery.parse(null, "5")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("query=apple");
    }

    @Test
    void parse_sixtyFiveCharacters_isRefusedNamingBoth() {
        assertThatThrownBy(() -> SearchQuery.parse("a".repeat(65), null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("65").hasMessageContaining("64");
    }

    @ParameterizedTest(name = "limit ''{0}''")
    @ValueSource(strings = {"0", "51", "-1", "x", "", "1.5", "99999999999999999999"})
    void parse_limitOutOfRangeOrNotANumber_isRefused(String limit) {
        assertThatThrownBy(() -> SearchQuery.parse("apple", limit)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'limit'").hasMessageContaining("1 to 50");
    }

    @ParameterizedTest(name = "{1} named {2}: rank {3}")
    @CsvSource({
            "app, APP,    AppLovin Corporation,  0",
            "app, APPN,   Appian Corporation,    1",
            "app, AAPL,   Apple Inc.,            2",
            "app, WAPP,   ,                      3",
            "app, MSFT,   Microsoft Corporation, 4",
            "APPLE INC, AAPL, Apple Inc.,        2",
            "sap, SAP.DE, SAP SE,                1"})
    void rank_exactTickerThenPrefixThenNameThenTickerContaining(String text, String symbol, String name, int rank) {
        assertThat(new SearchQuery(text, 10).rank(Symbol.of(symbol), name)).isEqualTo(rank);
    }
}
