package io.candlekeep.app.provider.fred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FredPropertiesTest {

    private static final String KEY = FredHistoryProviderIntegrationTest.KEY;

    @Test
    void defaults_haveNoKeyAndFredsLimit() {
        FredProperties defaults = FredProperties.defaults();

        assertThat(defaults.hasApiKey()).isFalse();
        assertThat(defaults.findApiKey()).isEmpty();
        assertThat(defaults.requestsPerMinute()).isEqualTo(120);
        assertThat(defaults.baseUrl()).hasToString("https://api.stlouisfed.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void apiKey_blank_isNone(String key) {
        assertThat(FredProperties.defaults().withApiKey(key).hasApiKey()).isFalse();
    }

    @Test
    void toStringAndRedact_neverShowTheKey() {
        FredProperties properties = FredProperties.defaults().withApiKey(KEY);

        assertThat(properties.toString()).doesNotContain(KEY).contains("apiKey=set");
        assertThat(properties.redact("GET /fred/series?api_key=" + KEY + "&file_type=json"))
                .isEqualTo("GET /fred/series?api_key=***&file_type=json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789ABCDEF0123456789ABCDEF", "short", "0123456789abcdef0123456789abcdef0"})
    void apiKey_notInFredsForm_isNoKeyAndSaysSoWithoutQuotingIt(String key) {
        FredProperties properties = FredProperties.defaults().withApiKey(key);

        assertThat(properties.hasApiKey()).isFalse();
        assertThat(properties.findApiKey()).isEmpty();
        assertThat(properties.findKeyProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("32 lower-case letters and digits").doesNotContain(key));
        assertThat(properties.toString()).contains("apiKey=malformed").doesNotContain(key);
    }

    @Test
    void findKeyProblem_noKeyOrAGoodOne_isMissingOrNone() {
        assertThat(FredProperties.defaults().findKeyProblem()).contains(FredProperties.MISSING_KEY);
        assertThat(FredProperties.defaults().withApiKey(KEY).findKeyProblem()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 121, -1})
    void requestsPerMinute_outsideFredsLimit_fails(int perMinute) {
        assertThatThrownBy(() -> new FredProperties(null, null, null, null, perMinute))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 120]");
    }
}
