package io.candlekeep.app.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestBars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bars answers kept per series version, over real HTTP: the same bytes and ETag while the series is unchanged,
 * 304 to If-None-Match, a new answer after a write, gzip on request, and the kept answers served by
 * {@link KeptBarsFilter} under the same access rules and refusals as the controller.
 */
class BarsAnswersIntegrationTest extends SimulatedAppTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant FIRST = Instant.parse("2024-01-02T00:00:00Z");

    @Autowired
    CachingBarStore store;

    @Autowired
    BarService bars;

    @Autowired
    MeterRegistry registry;

    private String symbol;
    private String path;

    @BeforeEach
    void storeBars() {
        symbol = "KEPT" + System.nanoTime() % 100_000;
        store.upsert(SeriesId.of(Symbol.of(symbol), Timeframe.D1), TestBars.bars(Timeframe.D1, FIRST, 30));
        path = "/api/v1/bars/" + symbol + "?timeframe=1d&from=2024-01-01T00:00:00Z";
    }

    @Test
    void bars_askedTwice_sameBytesAndTagTheSecondKept() throws Exception {
        HttpResponse<byte[]> first = get(path, ApiClient.ADMIN_TOKEN);
        long reused = bars.answersReused();
        double keptBefore = keptCount();
        HttpResponse<byte[]> second = get(path, ApiClient.ADMIN_TOKEN);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(second.headers().firstValue("ETag")).contains(etag);
        assertThat(second.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");
        assertThat(second.headers().firstValue("Vary").orElseThrow()).contains("Accept-Encoding");
        assertThat(bars.answersReused()).as("the second answer was the kept bytes").isGreaterThan(reused);
        // the filter times the request once it has sent the answer, which the client may have read by then
        Eventually.await(Duration.ofSeconds(10), "the filter timed a kept answer", () -> keptCount() > keptBefore);
        assertThat(ApiClient.parse(new String(second.body())).get("count").asInt()).isEqualTo(30);
    }

    @Test
    void bars_ifNoneMatchCurrentTag_304WithoutBody() throws Exception {
        String etag = get(path, ApiClient.ADMIN_TOKEN).headers().firstValue("ETag").orElseThrow();
        for (int i = 0; i < 2; i++) { // written by the controller, then kept by the filter
            HttpResponse<byte[]> again = send(request(path, ApiClient.ADMIN_TOKEN).header("If-None-Match", etag));
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).contains(etag);
        }
        HttpResponse<byte[]> other = send(request(path, ApiClient.ADMIN_TOKEN).header("If-None-Match", "\"other\""));
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void bars_afterAWriteToTheSeries_newBytesAndTag() throws Exception {
        HttpResponse<byte[]> before = get(path, ApiClient.ADMIN_TOKEN);
        get(path, ApiClient.ADMIN_TOKEN);
        Instant next = FIRST.plus(30, ChronoUnit.DAYS);
        Bar added = TestBars.bar(next, 123.25, true);
        store.upsert(SeriesId.of(Symbol.of(symbol), Timeframe.D1), List.of(added));

        String etag = before.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> after = send(request(path, ApiClient.ADMIN_TOKEN).header("If-None-Match", etag));
        assertThat(after.statusCode()).as("the old tag no longer matches").isEqualTo(200);
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        var json = ApiClient.parse(new String(after.body()));
        assertThat(json.get("count").asInt()).isEqualTo(31);
        assertThat(json.get("bars").get(30).get("close").asDouble()).isEqualTo(added.close());
    }

    @Test
    void bars_acceptsGzip_compressedSameContentOwnTag() throws Exception {
        for (String format : List.of("json", "columns", "csv")) {
            String p = path + "&format=" + format;
            HttpResponse<byte[]> plain = get(p, ApiClient.ADMIN_TOKEN);
            for (int i = 0; i < 2; i++) {
                HttpResponse<byte[]> zipped = send(request(p, ApiClient.ADMIN_TOKEN).header("Accept-Encoding", "gzip"));
                assertThat(zipped.statusCode()).isEqualTo(200);
                assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
                assertThat(zipped.body().length).isLessThan(plain.body().length);
                assertThat(gunzip(zipped.body())).as(format).isEqualTo(plain.body());
                assertThat(zipped.headers().firstValue("ETag").orElseThrow())
                        .isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
                assertThat(zipped.headers().firstValue("Content-Type"))
                        .isEqualTo(plain.headers().firstValue("Content-Type"));
            }
        }
    }

    @Test
    void bars_keptAnswer_stillNeedsAToken() throws Exception {
        get(path, ApiClient.ADMIN_TOKEN);
        get(path, ApiClient.ADMIN_TOKEN);
        HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(uri(path)));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        HttpResponse<byte[]> wrong = get(path, "ck_not_a_token_of_this_service_000000000");
        assertThat(wrong.statusCode()).isEqualTo(401);
        String user = api.post("/api/v1/users", "{\"name\":\"reader" + System.nanoTime() % 100_000 + "\"}").json()
                .get("token").asString();
        assertThat(get(path, user).statusCode()).isEqualTo(200);
    }

    @Test
    void bars_keptAnswerButBadOrOddRequest_theControllerAnswers() throws Exception {
        byte[] body = get(path, ApiClient.ADMIN_TOKEN).body();
        get(path, ApiClient.ADMIN_TOKEN);

        HttpResponse<byte[]> badLimit = get(path + "&limit=abc", ApiClient.ADMIN_TOKEN);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(new String(badLimit.body())).contains("limit");
        ApiClient admin = new ApiClient(port);
        // a path that is not normalized is refused before anything is answered, kept or not
        String escaped = "/api/v1/bars/%" + Integer.toHexString(symbol.charAt(0)).toUpperCase() + symbol.substring(1)
                + path.substring(path.indexOf('?'));
        ApiClient.Response refused = admin.raw("GET", escaped, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("problem+json");
        assertThat(refused.body()).doesNotContain("\"bars\"");
        assertThat(get(path, ApiClient.ADMIN_TOKEN).body()).as("the kept answer is unchanged").isEqualTo(body);
        assertThat(admin.raw("POST", path, "{}").status()).isEqualTo(405);
        assertThat(admin.raw("GET", "/api/v1/bars/" + symbol + ";x=1" + path.substring(path.indexOf('?')), null)
                .status()).isEqualTo(400);
        assertThat(admin.raw("GET", "/api/v1/bars/" + symbol + "/" + path.substring(path.indexOf('?')), null)
                .status()).isIn(400, 404);
        assertThat(admin.raw("GET", "/API/v1/bars/" + symbol + path.substring(path.indexOf('?')), null).status())
                .isEqualTo(404);
    }

    private double keptCount() {
        return registry.find("candlekeep.bars.requests").tag("answer", "kept").timers().stream()
                .mapToDouble(t -> t.count()).sum();
    }

    private URI uri(String p) {
        return URI.create("http://127.0.0.1:" + port + p);
    }

    private HttpRequest.Builder request(String p, String token) {
        return HttpRequest.newBuilder(uri(p)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> get(String p, String token) throws IOException, InterruptedException {
        return send(request(p, token));
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] zipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            return in.readAllBytes();
        }
    }
}
