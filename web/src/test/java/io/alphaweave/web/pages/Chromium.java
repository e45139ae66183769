package io.alphaweave.web.pages;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by the system chromedriver (nothing downloaded at run time). With
 * {@code CI=true} a missing browser fails the test; elsewhere the test is skipped with a message.
 */
public final class Chromium {
    /** The browser. */
    public static final Path BROWSER = Path.of("/usr/bin/chromium");

    /** Its driver. */
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Where screenshots go (test artefacts). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {}

    /** Fails (on CI) or skips (elsewhere) when Chromium or its driver is missing. */
    public static void require() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "the browser tests need " + BROWSER + " and " + DRIVER
                + " (Debian packages chromium and chromium-driver; .ci/needs-chromium asks CI to install them)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /**
     * @param userData an empty folder for the browser profile
     * @param extraArguments further command-line switches
     * @return a headless browser; quit it
     */
    public static ChromeDriver start(Path userData, String... extraArguments) {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1000",
                "--user-data-dir=" + userData.toAbsolutePath());
        options.addArguments(extraArguments);
        // a dialog must not be dismissed silently: the XSS test looks for it
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Saves a screenshot under {@link #SCREENSHOTS}.
     *
     * @param driver the browser
     * @param name the file name without extension
     */
    public static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
