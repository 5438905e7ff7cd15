package io.candlekeep.app.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's Chromium, headless, driven through its own ChromeDriver at a fixed path: Selenium never looks for or
 * downloads a driver or a browser. Waits are on conditions, with generous timeouts for a busy machine. Tests that
 * need it declare {@link Require}, which skips each of their tests with the reason when the driver or the browser
 * is missing.
 */
public final class HeadlessChrome implements AutoCloseable {

    public static final Path CHROMEDRIVER = Path.of(System.getProperty("candlekeep.test.chromedriver", "/usr/bin/chromedriver"));
    public static final Path CHROMIUM = Path.of(System.getProperty("candlekeep.test.chromium", "/usr/bin/chromium"));

    /** Where the screenshots of a test run go: {@code target/screenshots} of the module. */
    public static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", ".")).resolve("target/screenshots");

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String base;

    private HeadlessChrome(ChromeDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    /** A fresh browser (its own profile: nothing kept from another test) for the service on {@code port}. */
    public static HeadlessChrome start(int port) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1440,1000",
                "--force-device-scale-factor=1"));
        return new HeadlessChrome(new ChromeDriver(service, options), port);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens the dashboard at {@code fragment}, such as {@code #/watchlist} or {@code #token=...}. */
    public void open(String fragment) {
        driver.get(base + "/" + fragment);
    }

    /** Goes to another route of the page already open, as a click on a link would. */
    public void route(String fragment) {
        script("location.hash = arguments[0]", fragment);
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Waits until {@code condition} answers something other than null or false, and answers that. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return await(WAIT, what, condition);
    }

    public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for an element that is displayed. */
    public WebElement visible(By by) {
        return await("a visible " + by, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null));
    }

    /** Waits until the element of {@code by} has {@code attribute} = {@code value}. */
    public WebElement awaitAttribute(By by, String attribute, String value) {
        return await(Duration.ofSeconds(120), by + " with " + attribute + "=" + value, d -> d.findElements(by).stream()
                .filter(e -> value.equals(e.getDomAttribute(attribute))).findFirst().orElse(null));
    }

    /** Saves the whole page, not only the window's part of it, as {@code target/screenshots/<name>.png}. */
    @SuppressWarnings("unchecked")
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        script("window.scrollTo(0, 0)"); // the sticky top bar stays at the top of the picture
        Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
                "scale", 1);
        String png = (String) driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, Base64.getDecoder().decode(png));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the screenshot " + file, e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Skips each test of the class, before its application starts, when ChromeDriver or Chromium is missing. */
    public static final class Require implements TestInstancePreConstructCallback {
        @Override
        public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
            assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM), () -> "No headless browser: "
                    + "needs ChromeDriver at " + CHROMEDRIVER + " and Chromium at " + CHROMIUM
                    + " (Debian: apt-get install chromium chromium-driver)");
        }
    }
}
