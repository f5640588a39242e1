package org.educloud.kernel.itests;


import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser half of {@link PortalBrowserIT}: real headless Chromium driven by Selenium
 * WebDriver, in a JVM of its own (Selenium is not an OSGi bundle, so it stays out of the kernel
 * under test). It exits 0 when every step checked out; otherwise the failed check is its output.
 *
 * <p>Arguments: issuer, username, initial password, display name, the id of the case that is the
 * user's to-do, the app whose tile must show, the app whose tile must not, the message title, a
 * first-party client whose login must need no second password.
 */
public final class PortalBrowserSession {

    private static final String NEW_PASSWORD = "a much better password 2026";

    private final Chromium chromium;
    private final WebDriver browser;
    private final WebDriverWait wait;

    private PortalBrowserSession(Chromium chromium) {
        this.chromium = chromium;
        this.browser = chromium.browser;
        this.wait = chromium.wait;
    }

    public static void main(String[] args) throws Exception {
        try (Chromium chromium = new Chromium(390)) {
            new PortalBrowserSession(chromium).run(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8]);
            System.out.println("PORTAL BROWSER SESSION PASSED");
        }
    }

    private void run(String issuer, String username, String password, String displayName, String caseId, String myApp,
            String otherApp, String messageTitle, String launchedClient) {
        // Without a portal session, /portal/ sends the browser to the kernel's login form.
        browser.get(issuer + "/portal/");
        loginForm(issuer);
        type("username", username);
        type("password", password);
        browser.findElement(By.id("submit")).click();

        // First login: a new password, then straight back to the portal (first-party: no consent page).
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("change-password")));
        type("new_password", NEW_PASSWORD);
        type("confirm_password", NEW_PASSWORD);
        browser.findElement(By.id("submit")).click();

        WebElement greeting = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        check(browser.getCurrentUrl().equals(issuer + "/portal/"), "the portal's home after login, not " + browser.getCurrentUrl());
        check(greeting.getText().equals("您好，" + displayName), "the home page greets the user in Chinese: " + greeting.getText());
        check(text("orgs").contains("海口市秀英区第九小学") && text("orgs").contains("教师"), "the user's school and role: " + text("orgs"));

        // The school's app shows, another school's does not.
        check(!browser.findElements(By.id("app-" + myApp)).isEmpty(), "the tile of " + myApp + " shows: " + text("apps"));
        check(browser.findElement(By.id("app-" + myApp)).getAttribute("href").equals(issuer + "/apps/" + myApp + "/"),
                "the tile launches /apps/" + myApp + "/");
        check(browser.findElements(By.id("app-" + otherApp)).isEmpty(), "another school's app " + otherApp + " does not show");

        // The to-do made through the Workflows service, with its count; the message, unread.
        check(text("todo-count").equals("1"), "one to-do: " + text("todos"));
        check(!browser.findElements(By.id("todo-" + caseId)).isEmpty(), "the to-do of case " + caseId + " shows: " + text("todos"));
        check(text("unread-count").equals("1") && text("messages").contains(messageTitle), "one unread message: " + text("messages"));

        // Acting on it: the case page, resubmit, and it is no longer a to-do.
        browser.findElement(By.cssSelector("#todo-" + caseId + " a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-resubmit"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        check(text("todo-count").equals("0") && browser.findElements(By.id("todo-" + caseId)).isEmpty(),
                "the resubmitted case is no longer a to-do: " + text("todos"));

        // Launching an app of the region: its login finds the SSO session the portal's login left, and answers with a code.
        String callback = issuer + "/apps/" + myApp + "/callback";
        browser.get(issuer + "/oauth2/authorize?response_type=code&scope=openid&state=launch&client_id=" + launchedClient
                + "&redirect_uri=" + java.net.URLEncoder.encode(callback, java.nio.charset.StandardCharsets.UTF_8));
        check(browser.getCurrentUrl().startsWith(callback + "?code="), "no second login: the app got a code at once, not "
                + browser.getCurrentUrl());
        browser.get(issuer + "/portal/");

        // English on request, and it stays.
        browser.findElement(By.id("lang-en")).click();
        check(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting"))).getText().equals("Hello, " + displayName),
                "the English switch: " + text("greeting"));
        browser.get(issuer + "/portal/");
        check(text("greeting").startsWith("Hello"), "English is remembered: " + text("greeting"));

        // Logout ends the portal session and the SSO session: /portal/ asks for a login again.
        browser.findElement(By.id("logout-button")).click();
        loginForm(issuer);
        browser.get(issuer + "/portal/");
        loginForm(issuer);
    }

    private void loginForm(String issuer) {
        chromium.loginForm(issuer);
    }

    private void type(String id, String value) {
        chromium.type(id, value);
    }

    private String text(String id) {
        return chromium.text(id);
    }

    private void check(boolean condition, String what) {
        chromium.check(condition, what);
    }
}
