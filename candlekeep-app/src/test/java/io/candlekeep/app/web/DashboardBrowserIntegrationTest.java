package io.candlekeep.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.bars.HotBarCache;
import io.candlekeep.app.schedule.ScheduleService;
import io.candlekeep.app.symbols.SymbolDirectory;
import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.Backfills;
import io.candlekeep.app.testing.Eventually;
import io.candlekeep.app.testing.HeadlessChrome;
import io.candlekeep.app.testing.Schedules;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Listing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (headless Chromium) against the application on the simulated provider: signing
 * in, the watchlist and its interest, the chart against the stored bars and the live feed, portfolios and their
 * refusals, and the operations view. Each test has a browser of its own and saves a screenshot of what it saw in
 * {@code target/screenshots}.
 *
 * <p>The dashboard only reads and writes through the API, whose storage is tested on both stores elsewhere; this
 * class runs once, on SQLite ({@link TestStores#OWN_STORE}).
 */
@Tag(TestStores.OWN_STORE)
@ExtendWith(HeadlessChrome.Require.class)
final class DashboardBrowserIntegrationTest extends SimulatedAppTestBase {

    /** The dashboard's colours of a rising and a falling candle (assets/ui.js, palette). */
    private static final long UP_RGB = 0x26a69a;
    private static final long DOWN_RGB = 0xef5350;
    /** The colour of the forecast's point line and (translucent) bands (assets/views/chart.js). */
    private static final long FORECAST_RGB = 0xb388ff;

    private static String aliceToken;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HotBarCache hotBarCache;

    @Autowired
    SymbolDirectory directory;

    @Autowired
    ScheduleService schedules;

    private HeadlessChrome browser;
    private ApiClient alice;

    @BeforeEach
    void startBrowser() {
        if (aliceToken == null) {
            aliceToken = api.post("/api/v1/users", "{\"name\":\"alice\"}").json().get("token").asString();
        }
        alice = ApiClient.withToken(port, aliceToken);
        browser = HeadlessChrome.start(port);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signIn_tokenInTheFragment_isKeptForTheTabAndRemovedFromTheAddress() {
        browser.open("#token=" + aliceToken);

        assertThat(browser.visible(By.id("who-name")).getText()).isEqualTo("alice");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(aliceToken).doesNotContain("token").endsWith("#/watchlist");
        assertThat(browser.script("return sessionStorage.getItem('candlekeep-token')")).isEqualTo(aliceToken);
        assertThat(browser.driver().findElement(By.id("nav-ops")).isDisplayed()).as("operations link for a user").isFalse();

        browser.driver().findElement(By.id("sign-out")).click();

        browser.visible(By.id("signin-form"));
        assertThat(browser.script("return sessionStorage.getItem('candlekeep-token')")).isNull();
        assertThat(browser.driver().findElement(By.id("who")).getText()).isEmpty();
    }

    @Test
    void signIn_tokenPastedIntoTheForm_showsWhoIsSignedIn_andAWrongOneIsRefused() {
        browser.open("");
        WebElement input = browser.visible(By.id("token-input"));
        browser.screenshot("signin");

        input.sendKeys("ck_not_a_token_of_this_service_at_all", Keys.ENTER);
        assertThat(browser.visible(By.cssSelector("#signin-error .problem")).getText()).startsWith("That token was refused");
        assertThat(browser.script("return sessionStorage.getItem('candlekeep-token')")).isNull();

        input.clear();
        input.sendKeys(aliceToken, Keys.ENTER);

        assertThat(browser.visible(By.id("who-name")).getText()).isEqualTo("alice");
        assertThat(browser.script("return sessionStorage.getItem('candlekeep-token')")).isEqualTo(aliceToken);
    }

    @Test
    void watchlist_symbolAdded_recordsWatchlistInterest_andItsBadgesTurnComplete() {
        signIn(aliceToken);
        WebElement search = browser.visible(By.id("symbol-search"));

        search.sendKeys("AMD", Keys.ENTER);

        By row = By.cssSelector("#watchlist tr[data-symbol='AMD']");
        browser.visible(row);
        assertThat(sourcesOf(alice, "AMD")).contains("watchlist");
        browser.await(Duration.ofSeconds(120), "the four badges of AMD complete", d -> {
            List<String> states = d.findElement(row).findElements(By.cssSelector(".badge")).stream()
                    .map(b -> b.getDomAttribute("data-state")).toList();
            return states.size() == 4 && states.stream().allMatch("complete"::equals);
        });
        assertThat(browser.driver().findElement(row).findElement(By.cssSelector(".price")).getText()).isNotEqualTo("–");
        browser.screenshot("watchlist");
    }

    @Test
    void watchlist_searchResultChosen_recordsSearchInterest_andOpensItsChart() {
        alice.post("/api/v1/tracking", "{\"symbols\":[\"INTC\"],\"source\":\"portfolio\",\"timeframes\":[\"1d\"]}");
        // what a provider would have said of them (the simulated provider has no search): INTU is stored, not tracked
        ZoneId newYork = ZoneId.of("America/New_York");
        directory.learned(new Listing(Symbol.of("INTC"), "Intel Corporation", "NASDAQ", "NMS", "USD", newYork,
                AssetClass.STOCK));
        directory.learned(new Listing(Symbol.of("INTU"), "Intuit Inc.", "NASDAQ", "NMS", "USD", newYork,
                AssetClass.STOCK));
        Eventually.await(Duration.ofSeconds(10), "INTC and INTU stored", () -> alice.get("/api/v1/symbols/INTC").status()
                == 200 && alice.get("/api/v1/symbols/INTU").status() == 200);
        signIn(aliceToken);

        browser.visible(By.id("symbol-search")).sendKeys("int");

        By intc = By.cssSelector("#search-results li[data-symbol='INTC']");
        assertThat(browser.visible(intc).getText()).contains("Intel Corporation").contains("NASDAQ")
                .contains("tracked for you: portfolio");
        assertThat(browser.visible(By.cssSelector("#search-results li[data-symbol='INTU']")).getText())
                .contains("Intuit Inc.");
        assertThat(sourcesOf(alice, "INTU")).as("searching records no interest").isEmpty();
        browser.screenshot("search");
        browser.driver().findElement(intc).findElement(By.cssSelector("[data-action='open']")).click();

        browser.await("the chart of INTC", d -> d.getCurrentUrl().endsWith("#/chart/INTC"));
        browser.await("search and chart_view interest in INTC", d -> sourcesOf(alice, "INTC").containsAll(
                List.of("search", "chart_view", "portfolio")));
    }

    @Test
    void chart_opened_recordsChartViewInterest_andDrawsEveryStoredBarOfItsRangeAsCandles() {
        watchBackfilled("IBM", "15m", "1h", "4h", "1d");

        WebElement chart = openChart("IBM", "1h");

        assertDrawnBarsAreTheStoredOnes(chart, "IBM", "1h");
        assertThat(sourcesOf(alice, "IBM")).contains("chart_view");
        List<Long> pixels = candlePixels();
        assertThat(pixels.get(0)).as("colours on the chart's canvas").isGreaterThan(10);
        assertThat(pixels.get(1)).as("pixels of rising candles").isGreaterThan(50);
        assertThat(pixels.get(2)).as("pixels of falling candles").isGreaterThan(50);
        browser.screenshot("chart");

        browser.driver().findElement(By.cssSelector("a[data-timeframe='1d']")).click();

        browser.await("the 1d chart", d -> d.getCurrentUrl().endsWith("tf=1d"));
        assertDrawnBarsAreTheStoredOnes(browser.awaitAttribute(By.id("chart"), "data-state", "ready"), "IBM", "1d");
    }

    @Test
    void chart_barsMissingInsideTheWindow_showAsABreak_withNoBarInvented() {
        watchBackfilled("CSCO", "1d");
        List<Long> starts = jdbc.sql("""
                SELECT b.start_ms FROM bars b JOIN series s ON s.id = b.series_id
                 WHERE s.symbol = 'CSCO' AND s.timeframe = '1d' ORDER BY b.start_ms""").query(Long.class).list();
        long from = starts.get(starts.size() - 40);
        long to = starts.get(starts.size() - 38);
        assertThat(jdbc.sql("""
                DELETE FROM bars WHERE series_id = (SELECT id FROM series WHERE symbol = 'CSCO' AND timeframe = '1d')
                   AND start_ms BETWEEN ? AND ?""").params(from, to).update()).isEqualTo(3);
        hotBarCache.invalidate(SeriesId.of(Symbol.of("CSCO"), Timeframe.D1));

        WebElement chart = openChart("CSCO", "1d");

        assertThat(chart.getDomAttribute("data-gap-count")).isEqualTo("1");
        assertDrawnBarsAreTheStoredOnes(chart, "CSCO", "1d");
        assertThat(Integer.parseInt(chart.getDomAttribute("data-slot-count")))
                .as("one slot per stored bar and an empty one per missing bar")
                .isEqualTo(Integer.parseInt(chart.getDomAttribute("data-bar-count")) + 3);
        assertThat(browser.driver().findElement(By.id("chart-gaps")).getText()).isEqualTo("1 gap, 3 bars missing");
        browser.screenshot("chart-gap");
    }

    @Test
    void chart_forecastToggled_drawsThePointLineAndTheIntervalBandsBeyondTheNewestBar() {
        watchBackfilled("LINK-USD", "1h");
        Schedules.runAndAwait(schedules, "forecast");
        JsonNode ses = null;
        for (JsonNode m : alice.get("/api/v1/forecasts/LINK-USD?timeframe=1h").json().get("models")) {
            if (m.get("model").asString().equals("ses")) {
                ses = m;
            }
        }
        assertThat(ses).as("the ses forecast of LINK-USD 1h").isNotNull();
        WebElement chart = openChart("LINK-USD", "1h");
        assertThat(chart.getDomAttribute("data-forecast-state")).isEqualTo("off");
        assertThat(forecastPixels().get(0)).as("forecast line pixels before the toggle").isZero();

        browser.driver().findElement(By.id("chart-forecast")).click();

        browser.awaitAttribute(By.id("chart"), "data-forecast-state", "drawn");
        Instant newest = Instant.parse(chart.getDomAttribute("data-last"));
        long ahead = 0;
        for (JsonNode p : ses.get("points")) {
            ahead += Instant.parse(p.get("start").asString()).isAfter(newest) ? 1 : 0;
        }
        assertThat(chart.getDomAttribute("data-forecast-model")).isEqualTo("ses");
        assertThat(Long.parseLong(chart.getDomAttribute("data-forecast-points"))).as("steps beyond the newest bar")
                .isPositive().isEqualTo(ahead);
        assertThat(browser.visible(By.id("forecast-note")).getText()).startsWith("ses from the bar of");
        browser.await("the forecast drawn on the canvas", d -> forecastPixels().get(0) > 20);
        List<Long> drawn = forecastPixels();
        assertThat(drawn.get(1)).as("pixels of the interval bands").isGreaterThan(500);
        // the point line leaves from the newest bar's close, at most half a slot left of that candle's right edge
        assertThat(drawn.get(2)).as("leftmost forecast pixel against the newest final candle's right edge")
                .isGreaterThan(drawn.get(3) - 12);
        browser.screenshot("chart-forecast");

        browser.driver().findElement(By.id("chart-forecast")).click();

        browser.awaitAttribute(By.id("chart"), "data-forecast-state", "off");
        browser.await("the forecast gone from the canvas", d -> forecastPixels().get(0) == 0);
    }

    @Test
    void chart_liveRefresh_reachesThePageThroughTheFeed() {
        watchBackfilled("SOL-USD", "15m");
        openChart("SOL-USD", "15m");
        browser.awaitAttribute(By.id("chart-live"), "class", "live open");
        String finished = schedule("live-refresh").path("last_finished").asString("");

        assertThat(api.post("/cache/refresh-live", "{}").status()).isEqualTo(202);

        browser.await("the live refresh done", d -> !schedule("live-refresh").path("last_finished").asString("").equals(finished));
        // the page asks for no quote after it opened: a newer one can only have come through the feed
        browser.await("the refreshed quote on the page", d -> {
            JsonNode quote = alice.get("/api/v1/quotes?symbols=SOL-USD").json().get("quotes").get(0);
            return quote.get("time").asString().equals(d.findElement(By.id("chart")).getDomAttribute("data-quote-time"));
        });
        browser.await("the page's newest bar as stored", d -> {
            JsonNode newest = alice.get("/api/v1/bars/SOL-USD?timeframe=15m&limit=1").json().get("bars").get(0);
            WebElement chart = d.findElement(By.id("chart"));
            return newest.get("start").asString().equals(chart.getDomAttribute("data-last"))
                    && newest.get("close").asDouble() == Double.parseDouble(chart.getDomAttribute("data-last-close"));
        });
        assertThat(Integer.parseInt(browser.driver().findElement(By.id("chart")).getDomAttribute("data-live-updates")))
                .as("bars from the feed").isPositive();
    }

    @Test
    void portfolio_transactionAdded_showsItsPositionAndTheValueChart_andCanBeCorrectedAndDeleted() {
        signIn(aliceToken);
        browser.route("#/portfolios");
        browser.visible(By.id("portfolio-name")).sendKeys("Savings");
        browser.driver().findElement(By.cssSelector("#portfolio-form button[type='submit']")).click();
        browser.await("the new portfolio", d -> d.getCurrentUrl().matches(".*#/portfolios/\\d+$"));
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/portfolios/", "");

        fillTransaction("KO", "10", "50.25", LocalDateTime.now(ZoneId.systemDefault()).minusDays(30));

        By position = By.cssSelector("#positions tr[data-symbol='KO']");
        assertThat(browser.visible(position).findElement(By.cssSelector(".quantity")).getText()).isEqualTo("10");
        assertThat(alice.get("/api/v1/portfolios/" + id).json().get("positions").get(0).get("quantity").asInt()).isEqualTo(10);
        browser.await(Duration.ofSeconds(120), "the value chart with every point of the history", d -> {
            int points = alice.get("/api/v1/portfolios/" + id + "/history?range=1y").json().get("count").asInt();
            WebElement chart = d.findElement(By.id("value-chart"));
            return points > 0 && "ready".equals(chart.getDomAttribute("data-state"))
                    && String.valueOf(points).equals(chart.getDomAttribute("data-point-count"));
        });
        browser.screenshot("portfolio");

        browser.driver().findElement(By.cssSelector("#transactions [data-action='edit']")).click();
        WebElement quantity = browser.driver().findElement(By.id("tx-quantity"));
        quantity.clear();
        quantity.sendKeys("12");
        browser.driver().findElement(By.id("tx-submit")).click();

        browser.await("the corrected quantity", d -> d.findElements(position).stream()
                .anyMatch(r -> r.findElement(By.cssSelector(".quantity")).getText().equals("12")));
        assertThat(alice.get("/api/v1/portfolios/" + id + "/transactions").json().get("count").asInt()).isEqualTo(1);

        WebElement delete = browser.driver().findElement(By.cssSelector("#transactions [data-action='delete']"));
        delete.click();
        delete.click();

        browser.visible(By.cssSelector("#positions-box [data-state='empty']"));
        assertThat(alice.get("/api/v1/portfolios/" + id + "/transactions").json().get("count").asInt()).isZero();
    }

    @Test
    void portfolio_negativeQuantity_showsTheApiRefusalBesideTheForm_andRecordsNothing() {
        String id = alice.post("/api/v1/portfolios", "{\"name\":\"Refusals\"}").json().get("id").asString();
        signIn(aliceToken);
        browser.route("#/portfolios/" + id);

        fillTransaction("KO", "-5", "10", null);

        assertThat(browser.visible(By.cssSelector("#tx-error .problem")).getText())
                .isEqualTo("Field 'quantity' must be positive, was -5");
        assertThat(alice.get("/api/v1/portfolios/" + id + "/transactions").json().get("count").asInt()).isZero();
        browser.screenshot("portfolio-refusal");
    }

    @Test
    void ops_syncHistoricalClicked_reportsTheRunOnceItIsDone() {
        api.post("/api/v1/tracking", "{\"symbols\":[\"GE\"],\"source\":\"api\",\"timeframes\":[\"1d\"]}");
        signIn(ApiClient.ADMIN_TOKEN);
        browser.route("#/ops");
        browser.visible(By.cssSelector("#tracked-symbols tr[data-symbol='GE']"));

        browser.driver().findElement(By.cssSelector("[data-action='historical-sync']")).click();

        browser.awaitAttribute(By.cssSelector("#ops-report .report"), "data-state", "done");
        assertThat(browser.driver().findElement(By.id("ops-report-result")).getText())
                .isEqualTo(schedule("historical-sync").get("last_result").asString());
        assertThat(browser.driver().findElement(By.cssSelector("#ops-circuits [data-provider='simulated']")).getText())
                .isEqualTo("simulated: closed");
        browser.screenshot("ops");
    }

    @Test
    void ops_backfillSymbol_followsItsProgressUntilEveryTimeframeIsComplete() {
        signIn(ApiClient.ADMIN_TOKEN);
        browser.route("#/ops");
        browser.visible(By.id("backfill-symbol")).sendKeys("ORCL");
        browser.driver().findElement(By.cssSelector("#backfill-form button[type='submit']")).click();

        browser.awaitAttribute(By.cssSelector("#backfill-report .report"), "data-state", "done");

        List<String> states = browser.driver().findElements(By.cssSelector("#backfill-progress tr")).stream()
                .map(r -> r.getDomAttribute("data-state")).toList();
        assertThat(states).containsExactly("complete", "complete", "complete", "complete");
        for (JsonNode series : api.get("/api/v1/symbols/ORCL/coverage").json().get("timeframes")) {
            assertThat(series.get("job_status").asString()).as("%s", series).isEqualTo("COMPLETE");
        }
    }

    @Test
    void ops_signedInAsAUser_isNeitherLinkedNorShown() {
        signIn(aliceToken);

        browser.route("#/ops");

        assertThat(browser.visible(By.cssSelector("#view [data-state='error']")).getText()).contains("for admins");
        assertThat(browser.driver().findElement(By.id("nav-ops")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElements(By.id("ops-figures"))).isEmpty();
    }

    /** Puts {@code symbol} on Alice's watchlist in {@code timeframes} and waits until their backfill is done. */
    private void watchBackfilled(String symbol, String... timeframes) {
        alice.post("/api/v1/tracking", "{\"symbols\":[\"" + symbol + "\"],\"source\":\"watchlist\",\"timeframes\":[\""
                + String.join("\",\"", timeframes) + "\"]}");
        Backfills.awaitComplete(alice, symbol, timeframes.length);
    }

    /** Signs Alice in and opens the chart of {@code symbol} in {@code timeframe}; answers it once it is drawn. */
    private WebElement openChart(String symbol, String timeframe) {
        signIn(aliceToken);
        browser.route("#/chart/" + symbol + "?tf=" + timeframe);
        return browser.awaitAttribute(By.id("chart"), "data-state", "ready");
    }

    private void signIn(String token) {
        browser.open("#token=" + token);
        browser.visible(By.id("who-name"));
    }

    private void fillTransaction(String symbol, String quantity, String price, LocalDateTime time) {
        browser.visible(By.id("tx-symbol")).sendKeys(symbol);
        browser.driver().findElement(By.id("tx-quantity")).sendKeys(quantity);
        browser.driver().findElement(By.id("tx-price")).sendKeys(price);
        if (time != null) {
            // a datetime-local field takes its keys in the browser's locale; its value is the same everywhere
            browser.script("arguments[0].value = arguments[1]", browser.driver().findElement(By.id("tx-time")),
                    time.truncatedTo(ChronoUnit.MINUTES).toString());
        }
        browser.driver().findElement(By.id("tx-submit")).click();
    }

    /** The bars the page drew are exactly those the API answers for the same range, first to last. */
    private void assertDrawnBarsAreTheStoredOnes(WebElement chart, String symbol, String timeframe) {
        int drawn = Integer.parseInt(chart.getDomAttribute("data-bar-count"));
        Instant first = Instant.parse(chart.getDomAttribute("data-first"));
        Instant last = Instant.parse(chart.getDomAttribute("data-last"));
        JsonNode stored = alice.get("/api/v1/bars/" + symbol + "?timeframe=" + timeframe + "&limit=50000&from=" + first
                + "&to=" + last.plusMillis(1)).json();
        assertThat(drawn).as("bars drawn of %s %s", symbol, timeframe).isPositive().isEqualTo(stored.get("count").asInt());
    }

    /** On the chart's canvas: how many colours, and how many pixels of a rising and of a falling candle. */
    private List<Long> candlePixels() {
        Object answer = browser.script("""
                const canvas = document.querySelector('#chart canvas');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                const colours = new Set();
                let up = 0, down = 0;
                for (let i = 0; i < data.length; i += 4) {
                  const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                  colours.add(rgb + ':' + data[i + 3]);
                  if (data[i + 3] === 255 && rgb === arguments[0]) up++;
                  if (data[i + 3] === 255 && rgb === arguments[1]) down++;
                }
                return [colours.size, up, down];""", UP_RGB, DOWN_RGB);
        List<Long> counts = new ArrayList<>();
        for (Object n : (List<?>) answer) {
            counts.add(((Number) n).longValue());
        }
        return counts;
    }

    /**
     * On the chart's canvas: pixels of the forecast's line colour, pixels tinted by its bands (more red and much more
     * blue than green, which no candle, volume bar or the zoom slider has), the leftmost x of those tinted pixels and
     * the rightmost x of a rising or falling candle.
     */
    private List<Long> forecastPixels() {
        Object answer = browser.script("""
                const canvas = document.querySelector('#chart canvas');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let line = 0, band = 0, bandMinX = canvas.width, candleMaxX = -1;
                for (let i = 0; i < data.length; i += 4) {
                  const r = data[i], g = data[i + 1], b = data[i + 2];
                  const rgb = (r << 16) | (g << 8) | b;
                  const x = (i / 4) % canvas.width;
                  if (data[i + 3] === 255 && rgb === arguments[0]) line++;
                  if (rgb !== arguments[0] && r > g + 4 && b > g + 20) { band++; bandMinX = Math.min(bandMinX, x); }
                  if (data[i + 3] === 255 && (rgb === arguments[1] || rgb === arguments[2])) candleMaxX = Math.max(candleMaxX, x);
                }
                return [line, band, bandMinX, candleMaxX];""", FORECAST_RGB, UP_RGB, DOWN_RGB);
        List<Long> counts = new ArrayList<>();
        for (Object n : (List<?>) answer) {
            counts.add(((Number) n).longValue());
        }
        return counts;
    }

    private static List<String> sourcesOf(ApiClient client, String symbol) {
        for (JsonNode s : client.get("/api/v1/tracking").json().get("symbols")) {
            if (s.get("symbol").asString().equals(symbol)) {
                return s.get("sources").valueStream().map(JsonNode::asString).toList();
            }
        }
        return List.of();
    }

    private JsonNode schedule(String id) {
        for (JsonNode s : api.get("/cache/scheduler/status").json()) {
            if (s.get("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("No schedule '" + id + "'");
    }
}
