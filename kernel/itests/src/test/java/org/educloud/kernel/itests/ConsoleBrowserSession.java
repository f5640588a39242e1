package org.educloud.kernel.itests;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The browser half of {@link ConsoleBrowserIT}: real headless Chromium, 375 px wide, driven by
 * Selenium WebDriver in a JVM of its own. It exits 0 when every step checked out; otherwise the
 * failed check is its output.
 *
 * <p>Arguments: issuer, the accounts' initial password, the operator, the future school
 * administrator (a teacher for now), the vendor, the teacher, the school's org path, the app id,
 * the good package's path, the broken package's path.
 */
public final class ConsoleBrowserSession {

    private static final String NEW_PASSWORD = "a much better password 2026";

    private final Chromium chromium;
    private final WebDriver browser;
    private final String issuer;
    private final String password;

    private ConsoleBrowserSession(Chromium chromium, String issuer, String password) {
        this.chromium = chromium;
        this.browser = chromium.browser;
        this.issuer = issuer;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        try (Chromium chromium = new Chromium(375)) {
            ConsoleBrowserSession session = new ConsoleBrowserSession(chromium, args[0], args[1]);
            session.run(args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9]);
            System.out.println("CONSOLE BROWSER SESSION PASSED");
        }
    }

    private void run(String operator, String head, String vendor, String teacher, String school, String appId, String good,
            String broken) {
        // The operator: the portal's login brings them back to the console; the health; an account found and granted a role.
        open("/console/", operator, true);
        chromium.waitFor("overview");
        chromium.check(browser.getCurrentUrl().equals(issuer + "/console/"), "back at the console after the login: " + browser.getCurrentUrl());
        fitsThePhone();
        browser.findElement(By.id("nav-health")).click();
        String status = chromium.waitFor("health-status").getText();
        chromium.check(List.of("UP", "DEGRADED").contains(status), "the platform serves: " + status);
        chromium.check(chromium.text("checks").contains("database"), "the database check shows: " + chromium.text("checks"));
        browser.findElement(By.id("nav-users")).click();
        chromium.type("q", head);
        browser.findElement(By.id("search-button")).click();
        chromium.waitFor("user-" + head).findElement(By.tagName("a")).click();
        new Select(chromium.waitFor("grant-role")).selectByValue("school-admin");
        chromium.type("grant-org", school);
        browser.findElement(By.id("grant-button")).click();
        chromium.waitFor("done");
        chromium.check(chromium.text("grants").contains("学校管理员") && chromium.text("grants").contains(school),
                "the school administrator's role is granted: " + chromium.text("grants"));
        fitsThePhone();
        logOut();

        // The vendor: a broken package is refused with its problems, a good one is submitted and waits for review.
        open("/console/apps", vendor, true);
        chromium.waitFor("upload");
        browser.findElement(By.id("package")).sendKeys(broken);
        browser.findElement(By.id("upload-button")).click();
        chromium.waitFor("error");
        chromium.check(chromium.has("problems") && !browser.findElements(By.cssSelector("#problems li")).isEmpty(),
                "the refusal lists the package's problems: " + chromium.text("error"));
        browser.findElement(By.id("package")).sendKeys(good);
        chromium.type("upload-category", "tools");
        browser.findElement(By.id("upload-button")).click();
        chromium.waitFor("done");
        String key = appId + "-1-0-0";
        chromium.check(chromium.text("mine-" + key).contains("SUBMITTED"), "the version waits for review: " + chromium.text("my-versions"));
        logOut();

        // The operator approves it.
        open("/console/apps", operator, false);
        chromium.waitFor("approve-" + key).click();
        chromium.waitFor("done");
        chromium.check(!chromium.has("review-" + key), "the approved version left the queue");
        logOut();

        // The new school administrator installs it for their school, consenting to each scope it asks for.
        open("/console/apps/" + appId, head, true);
        chromium.waitFor("install-form");
        List<WebElement> consents = browser.findElements(By.cssSelector("#install-form input.consent"));
        chromium.check(consents.size() == 2, "a consent box for each scope: " + chromium.text("install"));
        consents.forEach(WebElement::click);
        browser.findElement(By.id("install-button")).click();
        chromium.waitFor("done");
        chromium.check(chromium.text("app-install-list").contains(school), "installed for the school: " + chromium.text("app-install-list"));
        fitsThePhone();
        logOut();

        // The audit log: the grant, the submission, the approval and the installation, and who did each.
        open("/console/audit?actor=" + operator, operator, false);
        String byOperator = chromium.waitFor("events").getText();
        chromium.check(byOperator.contains("account.grant") && byOperator.contains(head) && byOperator.contains("APPROVED")
                && byOperator.contains(appId), "the operator's grant and approval: " + byOperator);
        browser.get(issuer + "/console/audit?actor=" + vendor);
        String byVendor = chromium.waitFor("events").getText();
        chromium.check(byVendor.contains("SUBMITTED") && byVendor.contains(appId), "the vendor's submission: " + byVendor);
        browser.get(issuer + "/console/audit?org=" + school + "&action=INSTALLED");
        String atSchool = chromium.waitFor("events").getText();
        chromium.check(atSchool.contains("INSTALLED") && atSchool.contains(head) && atSchool.contains(appId), "the installation: " + atSchool);
        browser.findElement(By.id("lang-en")).click();
        chromium.check(chromium.waitFor("audit").getText().contains("Audit log"), "the English switch: " + chromium.text("audit"));
        fitsThePhone();
        browser.get(issuer + "/console/");
        chromium.check(chromium.waitFor("overview").getText().contains("Hello"), "English is remembered: " + chromium.text("overview"));
        browser.findElement(By.id("lang-zh-CN")).click();
        chromium.check(chromium.waitFor("overview").getText().contains("您好"), "back to Chinese: " + chromium.text("overview"));
        logOut();

        // A teacher may not use the console.
        open("/console/", teacher, true);
        chromium.check(chromium.waitFor("refused").getText().contains("运营中心"), "the teacher is refused: " + chromium.text("refused"));
        chromium.check(!chromium.has("nav-users") && !chromium.has("nav-apps"), "no sections for the teacher");
    }

    /** Opens a console page without a session: the kernel's login, then back to the page. */
    private void open(String path, String username, boolean firstLogin) {
        browser.get(issuer + path);
        chromium.logIn(issuer, username, firstLogin ? password : NEW_PASSWORD, firstLogin ? NEW_PASSWORD : null);
    }

    /** Logout ends the portal's session and the SSO session: the next page asks for a login. */
    private void logOut() {
        browser.findElement(By.id("logout-button")).click();
        chromium.loginForm(issuer);
    }

    /** The page is no wider than the phone: tables scroll inside their boxes, the page itself does not. */
    private void fitsThePhone() {
        Object fits = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
        chromium.check(Boolean.TRUE.equals(fits), "the page fits 375 px: scrollWidth " + ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;"));
    }
}
