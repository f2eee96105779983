package dev.huddle.web;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.huddle.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, offline: no test tool downloads a browser. Without /usr/bin/chromium the
 * browser tests are skipped with a message (CI installs it).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Paths.get(System.getProperty("huddle.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final String baseUrl;

    private Browser(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    static Browser launch(String baseUrl) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser suite skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium; CI installs it)");
        return new Browser(baseUrl);
    }

    String url(String path) {
        return baseUrl + path;
    }

    /** A fresh browser context (own cookies), signed in through the login form as {@code who}. */
    Page signedIn(Fixture.Person who, int width, int height) {
        BrowserContext context = browser.newContext(new NewContextOptions().setViewportSize(width, height));
        Page page = context.newPage();
        page.setDefaultTimeout(10_000);
        page.navigate(url("/login"));
        page.fill("input[name=j_username]", who.username());
        page.fill("input[name=j_password]", who.password());
        page.click("button[type=submit]");
        page.waitForURL(url("/"));
        return page;
    }

    Page signedIn(Fixture.Person who) {
        return signedIn(who, 1280, 800);
    }

    Page anonymous() {
        return browser.newContext().newPage();
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
