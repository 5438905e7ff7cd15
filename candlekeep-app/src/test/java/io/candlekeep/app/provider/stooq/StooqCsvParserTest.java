package io.candlekeep.app.provider.stooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stooq's recorded daily downloads ({@code shared/fixtures/stooq}, see SOURCES.md) and its plain-text answers. */
final class StooqCsvParserTest {

    private final StooqCsvParser parser = new StooqCsvParser();

    private StooqDownload.Rows rows(String fixture) {
        StooqDownload download = parser.parse(Fixtures.bytes("stooq", fixture));
        assertThat(download).isInstanceOf(StooqDownload.Rows.class);
        return (StooqDownload.Rows) download;
    }

    /** The fixture's data lines, split at commas, as the file has them. */
    private static List<String[]> lines(String fixture) {
        return Fixtures.text("stooq", fixture).lines().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.strip().split(",")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aapl_us_d.csv", "qqq_us_d.csv", "tsm_us_d.csv"})
    void parse_recordedDownload_readsEveryRowOldestFirst(String fixture) {
        StooqDownload.Rows download = rows(fixture);
        List<String[]> lines = lines(fixture);

        assertThat(download.skipped()).isZero();
        assertThat(download.rows()).hasSize(lines.size());
        assertThat(download.rows()).isSortedAccordingTo((a, b) -> a.date().compareTo(b.date()));
        for (int i : new int[] {0, lines.size() / 2, lines.size() - 1}) {
            String[] line = lines.get(i);
            StooqDownload.Row row = download.rows().get(i);
            assertThat(row.date()).isEqualTo(LocalDate.parse(line[0]));
            assertThat(row.open()).isEqualTo(Double.parseDouble(line[1]));
            assertThat(row.high()).isEqualTo(Double.parseDouble(line[2]));
            assertThat(row.low()).isEqualTo(Double.parseDouble(line[3]));
            assertThat(row.close()).isEqualTo(Double.parseDouble(line[4]));
            assertThat(row.volume()).isEqualTo(Double.parseDouble(line[5]));
        }
    }

    @Test
    void parse_crlfWithSplitAdjustedVolume_keepsTheFraction() {
        assertThat(Fixtures.text("stooq", "tsm_us_d.csv")).contains("\r\n");
        StooqDownload.Row first = rows("tsm_us_d.csv").rows().getFirst();

        assertThat(first.date()).isEqualTo(LocalDate.of(2005, 2, 25));
        assertThat(first.volume()).isEqualTo(9100614.9714937);
    }

    @Test
    void parse_withoutVolumeColumn_hasVolumeZero() {
        StooqDownload.Rows download = rows("btc_pln.csv");

        assertThat(download.rows()).hasSize(lines("btc_pln.csv").size());
        assertThat(download.rows()).allSatisfy(row -> assertThat(row.volume()).isZero());
        assertThat(download.rows().getLast().close()).isEqualTo(Double.parseDouble(lines("btc_pln.csv").getLast()[4]));
    }

    // Hand-written bodies in Stooq's documented plain-text answers (SOURCES.md, "Stooq"): "No data" for an unknown
    // symbol (pydata/pandas-datareader#717), "Exceeded the daily hits limit" sent with HTTP 200 (api-evangelist/stooq).

    @ParameterizedTest
    @ValueSource(strings = {"No data", "No data\r\n", "", "  \n", "Date,Open,High,Low,Close,Volume\r\n"})
    void parse_noDataEmptyOrHeaderOnly_isNoData(String body) {
        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8))).isInstanceOf(StooqDownload.NoData.class);
    }

    @Test
    void parse_dailyHitsLimit_isHitsLimitExceeded() {
        StooqDownload download = parser.parse("Exceeded the daily hits limit".getBytes(StandardCharsets.UTF_8));

        assertThat(download).isEqualTo(new StooqDownload.HitsLimitExceeded("Exceeded the daily hits limit"));
    }

    @Test
    void parse_htmlPage_isAFormatErrorSayingSo() {
        // Stooq's answer to a client without an API key since 2026 is an HTML page (pandas-datareader#1012)
        byte[] html = "<!DOCTYPE html><html><head><title>stooq</title></head><body>apikey</body></html>"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(html)).isInstanceOf(StooqFormatException.class)
                .hasMessageContaining("HTML page");
    }

    @Test
    void parse_headerWithoutClose_isAFormatError() {
        byte[] body = "Date,Open,High,Low\n2025-01-06,1,2,0.5\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(StooqFormatException.class)
                .hasMessageContaining("close");
    }

    @Test
    void parse_unreadableRows_areSkippedAndCounted() {
        byte[] body = """
                Date,Open,High,Low,Close,Volume
                2025-01-06,10,11,9,10.5,1000
                2025-01-07,10,,9,10.5,1000
                2025-13-01,10,11,9,10.5,1000
                2025-01-08,10,11,9,NaN,1000
                2025-01-09,10,11
                2025-01-10,10.5,12,10,11,2000
                """.getBytes(StandardCharsets.UTF_8);

        StooqDownload download = parser.parse(body);

        assertThat(download).isInstanceOf(StooqDownload.Rows.class);
        StooqDownload.Rows rows = (StooqDownload.Rows) download;
        assertThat(rows.skipped()).isEqualTo(4);
        assertThat(rows.rows()).extracting(StooqDownload.Row::date)
                .containsExactly(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 1, 10));
    }
}
