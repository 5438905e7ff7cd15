package io.candlekeep.app.provider.fred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.Fixtures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

final class FredParserTest {

    private final FredParser parser = new FredParser();

    /** The observations of a recorded body read straight from its JSON, {@code "."} included, as (date, text). */
    private static List<String[]> rawObservations(String file) {
        JsonNode root = JsonMapper.shared().readTree(Fixtures.bytes("fred", file));
        List<String[]> out = new ArrayList<>();
        for (JsonNode o : root.get("observations")) {
            out.add(new String[] {o.get("date").asString(), o.get("value").asString()});
        }
        return out;
    }

    @Test
    void parseSeries_cpilfesl_readsFrequencyTitleUnitsAndLastUpdated() {
        FredSeries series = parser.parseSeries(Fixtures.bytes("fred", "series_CPILFESL.json"));

        assertThat(series.id()).isEqualTo("CPILFESL");
        assertThat(series.frequency()).isEqualTo("Monthly");
        assertThat(series.frequencyShort()).isEqualTo("M");
        assertThat(series.title()).startsWith("Consumer Price Index for All Urban Consumers: All Items Less Food");
        assertThat(series.units()).isEqualTo("Index 1982-1984=100");
        // "2025-01-15 07:39:58-06": FRED's offset is Central Time
        assertThat(series.lastUpdated()).contains(Instant.parse("2025-01-15T13:39:58Z"));
        assertThat(series.observationEnd()).contains(LocalDate.of(2024, 12, 1));
    }

    @Test
    void parseObservations_cpilfesl_isEveryRecordedMonthInOrder() {
        List<String[]> raw = rawObservations("series_observations_CPILFESL.json");

        FredObservations parsed = parser.parseObservations(Fixtures.bytes("fred", "series_observations_CPILFESL.json"));

        assertThat(parsed.missing()).isZero();
        assertThat(parsed.isComplete()).isTrue();
        assertThat(parsed.observations()).hasSize(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            FredObservation o = parsed.observations().get(i);
            assertThat(o.date()).isEqualTo(LocalDate.parse(raw.get(i)[0]));
            assertThat(o.value()).as("value of %s", o.date()).isEqualTo(Double.parseDouble(raw.get(i)[1]));
            assertThat(o.date().getDayOfMonth()).as("monthly observations are dated on the 1st").isEqualTo(1);
        }
    }

    @Test
    void parseObservations_gdpWithMissingValues_skipsEachDotAndNeverReadsItAsZero() {
        List<String[]> raw = rawObservations("series_observations_GDP.json");
        List<LocalDate> dots = raw.stream().filter(r -> r[1].equals(".")).map(r -> LocalDate.parse(r[0])).toList();
        assertThat(dots).as("the recording's missing values").isNotEmpty();

        FredObservations parsed = parser.parseObservations(Fixtures.bytes("fred", "series_observations_GDP.json"));

        assertThat(parsed.missing()).isEqualTo(dots.size());
        assertThat(parsed.observations()).hasSize(raw.size() - dots.size());
        assertThat(parsed.observations()).extracting(FredObservation::date).doesNotContainAnyElementsOf(dots);
        assertThat(parsed.observations()).allMatch(o -> o.value() != 0);
        assertThat(parsed.observations()).allMatch(o -> (o.date().getMonthValue() - 1) % 3 == 0
                && o.date().getDayOfMonth() == 1, "quarterly, dated at each quarter's start");
    }

    @Test
    void parseObservations_emptyList_isNoObservations() {
        FredObservations parsed = parser.parseObservations("""
                {"count":0,"offset":0,"limit":100000,"observations":[]}""".getBytes());

        assertThat(parsed.observations()).isEmpty();
        assertThat(parsed.isComplete()).isTrue();
    }

    @Test
    void parseObservations_countBeyondThePage_isIncomplete() {
        FredObservations parsed = parser.parseObservations("""
                {"count":3,"offset":0,"limit":1,"observations":[{"date":"2024-01-01","value":"1.5"}]}""".getBytes());

        assertThat(parsed.isComplete()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{\"seriess\":[]}", "{\"observations\":{}}",
            "{\"observations\":[{\"date\":\"2024-01-01\",\"value\":\"abc\"}]}",
            "{\"observations\":[{\"date\":\"2024-13-01\",\"value\":\"1\"}]}",
            "{\"observations\":[{\"date\":\"2024-01-01\"}]}"})
    void parseObservations_malformedBody_isAFormatException(String body) {
        assertThatThrownBy(() -> parser.parseObservations(body.getBytes())).isInstanceOf(FredFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"seriess\":[]}", "{\"observations\":[]}"})
    void parseSeries_malformedBody_isAFormatException(String body) {
        assertThatThrownBy(() -> parser.parseSeries(body.getBytes())).isInstanceOf(FredFormatException.class);
    }

    @Test
    void parseSeries_observationsBody_isRejected() {
        assertThatThrownBy(() -> parser.parseSeries(Fixtures.bytes("fred", "series_observations_GDP.json")))
                .isInstanceOf(FredFormatException.class).hasMessageContaining("seriess");
    }

    // Hand-written in FRED's documented error form (https://fred.stlouisfed.org/docs/api/fred/errors.html):
    // {"error_code":400,"error_message":"Bad Request.  ..."}
    @Test
    void findError_unknownSeries_isSeriesMissing() {
        FredError error = parser.findError("""
                {"error_code":400,"error_message":"Bad Request.  The series does not exist."}""".getBytes()).orElseThrow();

        assertThat(error.code()).isEqualTo(400);
        assertThat(error.isSeriesMissing()).isTrue();
        assertThat(error.isKeyRefused()).isFalse();
    }

    @Test
    void findError_unregisteredKey_isKeyRefused() {
        FredError error = parser.findError("""
                {"error_code":400,"error_message":"Bad Request.  The value for variable api_key is not registered."}"""
                .getBytes()).orElseThrow();

        assertThat(error.isKeyRefused()).isTrue();
        assertThat(error.isSeriesMissing()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>busy</html>", "{\"observations\":[]}"})
    void findError_otherBody_isEmpty(String body) {
        assertThat(parser.findError(body.getBytes())).isEmpty();
    }
}
