package org.educloud.kernel.itests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium
 * WebDriver, with a phone-sized window and a Chinese browser's Accept-Language, as the region's
 * users have; and the few things the browser sessions do on every page.
 */
final class Chromium implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final WebDriver browser;
    final WebDriverWait wait;

    /** Starts the browser with a window {@code width} CSS pixels wide. */
    Chromium(int width) throws java.io.IOException {
        this(width, false);
    }

    /**
     * A phone's browser, {@code width} CSS pixels wide: headless Chromium makes no window narrower
     * than 500 px, so the phone's viewport is emulated (device metrics, touch, mobile viewport).
     */
    static Chromium phone(int width) throws java.io.IOException {
        return new Chromium(width, true);
    }

    private Chromium(int width, boolean phone) throws java.io.IOException {
        for (String tool : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!new File(tool).canExecute()) {
                throw new IllegalStateException(tool + " is missing: install Debian's packages with "
                        + "'apt-get update && apt-get install -y chromium chromium-driver' (.ci/run does)");
            }
        }
        Path profile = Files.createTempDirectory("itest-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=zh-CN", "--window-size=" + width + ",844", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", 812,
                    "pixelRatio", 2.0, "touch", true, "mobile", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        this.browser = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Waits for the kernel's login form and checks it is the kernel's. */
    void loginForm(String issuer) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
        check(browser.getCurrentUrl().startsWith(issuer + "/oauth2/authorize?"), "the kernel's login page, not " + browser.getCurrentUrl());
    }

    /** Logs in on the kernel's form; at a first login sets {@code newPassword}. */
    void logIn(String issuer, String username, String password, String newPassword) {
        loginForm(issuer);
        type("username", username);
        type("password", password);
        browser.findElement(By.id("submit")).click();
        if (newPassword != null) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("change-password")));
            type("new_password", newPassword);
            type("confirm_password", newPassword);
            browser.findElement(By.id("submit")).click();
        }
    }

    WebElement waitFor(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    boolean has(String id) {
        return !browser.findElements(By.id(id)).isEmpty();
    }

    void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what + "\n--- page " + browser.getCurrentUrl() + " ---\n" + browser.getPageSource());
        }
    }

    @Override
    public void close() {
        browser.quit();
    }
}
