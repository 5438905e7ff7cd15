package io.candlekeep.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.ApiClient;
import io.candlekeep.app.testing.SimulatedAppTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Swagger UI over real HTTP without a token, as a browser loads it: the page, every script and style it names, the
 * configuration its initializer reads and the API document that points at, which declares the bearer scheme the
 * "Authorize" button asks for. Nothing it loads comes from another host.
 */
final class SwaggerUiIntegrationTest extends SimulatedAppTestBase {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\"']+");
    private static final Pattern CONFIG_URL = Pattern.compile("\"configUrl\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void swaggerUi_withoutToken_loadsPageAssetsConfigAndTheBearerScheme() {
        HttpResponse<String> page = load("/swagger-ui.html");
        assertThat(page.statusCode()).as("page: %s", page.body()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui");

        List<String> assets = new ArrayList<>();
        Matcher m = ASSET.matcher(page.body());
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).as("what the page loads").anyMatch(a -> a.endsWith("swagger-ui-bundle.js"))
                .anyMatch(a -> a.endsWith("swagger-initializer.js")).anyMatch(a -> a.endsWith(".css"));
        String initializer = null;
        for (String asset : assets) {
            assertThat(asset).as("an asset of this service, not of another host").doesNotContain("//");
            HttpResponse<String> r = load(page.uri().resolve(asset).getPath());
            assertThat(r.statusCode()).as("%s: %s", asset, r.body()).isEqualTo(200);
            assertThat(r.body()).as(asset).isNotEmpty();
            if (asset.endsWith("swagger-initializer.js")) {
                initializer = r.body();
            }
        }

        Matcher configUrl = CONFIG_URL.matcher(initializer);
        assertThat(configUrl.find()).as("initializer names its configuration: %s", initializer).isTrue();
        HttpResponse<String> config = load(configUrl.group(1));
        assertThat(config.statusCode()).as("%s: %s", configUrl.group(1), config.body()).isEqualTo(200);
        JsonNode swaggerConfig = ApiClient.parse(config.body());
        assertThat(swaggerConfig.path("validatorUrl").asString("none")).as("no online validator").isEqualTo("none");
        for (String text : List.of(page.body(), initializer, config.body())) {
            Matcher origin = ORIGIN.matcher(text);
            while (origin.find()) {
                assertThat(origin.group()).as("an address in %s", text).isEqualTo("http://127.0.0.1:" + port);
            }
        }

        HttpResponse<String> docs = load(swaggerConfig.get("url").asString());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode bearer = ApiClient.parse(docs.body()).path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
    }

    private HttpResponse<String> load(String path) {
        try {
            return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
