package io.candlekeep.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/quotes} and the live refresh inside the running application, on the simulated provider. */
final class QuotesIntegrationTest extends SimulatedAppTestBase {

    @Autowired
    LiveCache cache;

    @Autowired
    LiveRefreshService refresh;

    @Test
    void quotes_firstFromTheProviderThenFromTheCache_inSnakeCase() {
        ApiClient.Response first = api.get("/api/v1/quotes?symbols=ETH-USD,%20nvda");
        ApiClient.Response second = api.get("/api/v1/quotes?symbols=ETH-USD,NVDA");

        assertThat(first.status()).isEqualTo(200);
        JsonNode body = first.json();
        assertThat(body.get("count").asInt()).isEqualTo(2);
        JsonNode eth = body.get("quotes").get(0);
        assertThat(eth.get("symbol").asString()).isEqualTo("ETH-USD");
        assertThat(eth.get("source").asString()).isEqualTo("provider");
        assertThat(eth.get("price").asDouble()).isPositive();
        assertThat(eth.has("day_volume")).isTrue();
        assertThat(eth.has("previous_close")).isTrue();
        assertThat(eth.get("market_state").asString()).isEqualTo("REGULAR");
        assertThat(eth.get("time").asString()).endsWith("Z");
        assertThat(body.get("quotes").get(1).get("symbol").asString()).isEqualTo("NVDA");
        JsonNode again = second.json().get("quotes");
        assertThat(again.get(0).get("source").asString()).isEqualTo("cache");
        assertThat(again.get(0).get("price").asDouble()).isEqualTo(eth.get("price").asDouble());
        assertThat(cache.find(Symbol.of("NVDA"))).isPresent();
    }

    @Test
    void quotes_unknownSymbol_isListedAsNotFound() {
        JsonNode body = api.get("/api/v1/quotes?symbols=ZZZQ,SOL-USD").json();

        assertThat(body.get("count").asInt()).isEqualTo(1);
        assertThat(body.get("not_found").get(0).asString()).isEqualTo("ZZZQ");
        assertThat(body.get("unavailable")).isEmpty();
        assertThat(body.has("failure")).isFalse();
    }

    @Test
    void quotes_invalidSymbol_is400NamingIt() {
        ApiClient.Response r = api.get("/api/v1/quotes?symbols=AAPL,A%24B");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("A$B");
    }

    @Test
    void quotes_moreThanFiftySymbols_is400() {
        String symbols = IntStream.range(0, 51).mapToObj(i -> "S" + i).collect(Collectors.joining(","));

        ApiClient.Response r = api.get("/api/v1/quotes?symbols=" + symbols);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("51").contains("50");
    }

    @Test
    void quotes_withoutSymbols_is400() {
        assertThat(api.get("/api/v1/quotes").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/quotes?symbols=,%20,").status()).isEqualTo(400);
    }

    @Test
    void refreshAll_trackedCryptoSymbol_writesItsForming1hBar() {
        api.post("/api/v1/tracking", """
                {"symbols":["DOGE-USD"],"timeframes":["1h","4h"]}""");
        // the backfill writes the forming bar too; let it finish so the last writer is the refresh
        Backfills.awaitComplete(api, "DOGE-USD", 2);

        LiveRefreshService.RefreshResult result = refresh.refreshAll();

        assertThat(result.quotes()).isGreaterThanOrEqualTo(1);
        assertThat(result.errors()).isZero();
        double price = cache.find(Symbol.of("DOGE-USD")).orElseThrow().price();
        JsonNode bars = api.get("/api/v1/bars/DOGE-USD?timeframe=" + Timeframe.H1.code() + "&limit=1").json();
        JsonNode last = bars.get("bars").get(0);
        assertThat(last.get("close").asDouble()).isEqualTo(price);
        assertThat(last.get("final").asBoolean()).isFalse();
    }
}
