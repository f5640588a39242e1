package org.educloud.kernel.itests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpServer;

/**
 * The browser half of {@link PortalBrowserIT}: real headless Chromium, 375 CSS pixels wide (a
 * phone), driven by Selenium WebDriver, in a JVM of its own (Selenium is not an OSGi bundle, so it
 * stays out of the kernel under test). Beside it, an external web app as a small HTTP server: its
 * launch URL sends the browser to the kernel's authorization endpoint, as a real one does. It exits
 * 0 when every step checked out; otherwise the failed check is its output.
 *
 * <p>Arguments, {@code name=value}: issuer, password (every account's first), student, studentName,
 * address, correctedAddress, schoolAdmin, teacher, teacherName, caseId (the teacher's to-do), myApp
 * (whose tile must show), otherApp (whose must not), teachersApp (the school's app for teachers only),
 * messageTitle, webApp (the external web app's client id), webAppPort.
 */
public final class PortalBrowserSession {

    /** A phone's width in CSS pixels (an iPhone SE or mini): no portal page may scroll sideways there. */
    static final int PHONE_WIDTH = 375;
    private static final String NEW_PASSWORD = "a much better password 2026";

    private final Chromium chromium;
    private final WebDriver browser;
    private final WebDriverWait wait;
    private final Map<String, String> arg;
    private final String issuer;

    private PortalBrowserSession(Chromium chromium, Map<String, String> arg) {
        this.chromium = chromium;
        this.browser = chromium.browser;
        this.wait = chromium.wait;
        this.arg = arg;
        this.issuer = arg.get("issuer");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> arguments = new HashMap<>();
        for (String argument : args) {
            int equals = argument.indexOf('=');
            arguments.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        HttpServer webApp = webApp(arguments.get("issuer"), arguments.get("webApp"), Integer.parseInt(arguments.get("webAppPort")));
        try (Chromium chromium = Chromium.phone(PHONE_WIDTH)) {
            PortalBrowserSession session = new PortalBrowserSession(chromium, arguments);
            String caseId = session.aStudentAsksForACorrection();
            session.theSchoolAdminApprovesIt(caseId);
            session.theStudentFindsTheirRecordCorrected();
            session.aTeacherUsesTheirAppsAndToDosAndLogsOut();
            System.out.println("PORTAL BROWSER SESSION PASSED");
        } finally {
            webApp.stop(0);
        }
    }

    /** The external web app: {@code /launch} starts its login at the kernel, {@code /callback} receives the code. */
    private static HttpServer webApp(String issuer, String clientId, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        String callback = "http://127.0.0.1:" + port + "/callback";
        server.createContext("/launch", exchange -> {
            exchange.getResponseHeaders().add("Location", issuer + "/oauth2/authorize?response_type=code&scope=openid&state=launch"
                    + "&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/callback", exchange -> {
            byte[] page = "<!DOCTYPE html><html><body><p id=\"web-app\">signed in</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The student sees their record and asks for their address to be corrected; returns the case id. */
    private String aStudentAsksForACorrection() {
        browser.get(issuer + "/portal/");
        loginForm();
        fitsThePhone("the kernel's login page");
        logIn(arg.get("student"), arg.get("password"), true);
        fitsThePhone("the student's home");
        check(!browser.findElements(By.id("app-" + arg.get("myApp"))).isEmpty(), "the school's app shows to the student too: " + text("apps"));
        check(browser.findElements(By.id("web-" + arg.get("webApp"))).isEmpty(), "the teachers' web app does not show to a student: "
                + text("apps"));
        check(browser.findElements(By.id("app-" + arg.get("teachersApp"))).isEmpty(), "the school's app for teachers does not show to a "
                + "student: " + text("apps"));

        browser.findElement(By.id("nav-me")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-title")));
        fitsThePhone("my information");
        check(text("me-name").equals(arg.get("studentName")), "the student's name: " + text("me-name"));
        check(text("me-idNumber").matches("\\d{4}\\*{10}\\d{3}[\\dX]"), "the ID number masked: " + text("me-idNumber"));
        check(text("me-school").equals("海口市秀英区第九小学"), "the school by name: " + text("me-school"));
        check(text("me-registryNumber").startsWith("G4601"), "the registry number: " + text("me-registryNumber"));
        check(text("me-enrollmentDate").equals("2016-09-01"), "the enrollment date: " + text("me-enrollmentDate"));
        check(text("me-householdRegistration").equals("海口市秀英区"), "the household registration: " + text("me-householdRegistration"));
        check(text("me-address").equals(arg.get("address")), "the address: " + text("me-address"));
        check(text("me-leftBehindChild").equals("是") && text("me-orphan").equals("否"), "the indicator flags: " + text("status"));
        check(text("classes").contains("2017级02班"), "the class: " + text("me"));
        check(text("guardians").contains("黄大海 · 父亲"), "the guardian: " + text("me"));

        // Nothing to correct is refused with a reason, and starts nothing.
        type("reason", "信息有误");
        browser.findElement(By.id("submit-correction")).click();
        WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        check(error.getText().contains("at least one field"), "a request without a correction is refused: " + error.getText());
        fitsThePhone("my information with a refused request");
        check(browser.findElements(By.cssSelector("li.request")).isEmpty(), "no request was made: " + text("requests"));

        type("field-address", arg.get("correctedAddress"));
        new Select(browser.findElement(By.id("field-orphan"))).selectByValue("");
        type("reason", "门牌号写错了，应为18号");
        browser.findElement(By.id("submit-correction")).click();
        WebElement request = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.request")));
        check(browser.getCurrentUrl().equals(issuer + "/portal/me"), "back on my information: " + browser.getCurrentUrl());
        check(request.findElement(By.cssSelector("[data-status]")).getAttribute("data-status").equals("IN_REVIEW"),
                "the request is in review: " + request.getText());
        check(request.getText().contains("家庭住址") && request.getText().contains("审核中"), "the request names the field: " + request.getText());
        fitsThePhone("my information with a request");
        String caseId = request.getAttribute("id").substring("request-".length());
        logOut();
        return caseId;
    }

    /** The school's administrator finds the request among their to-dos and approves it. */
    private void theSchoolAdminApprovesIt(String caseId) {
        browser.get(issuer + "/portal/");
        loginForm();
        logIn(arg.get("schoolAdmin"), arg.get("password"), true);
        check(!browser.findElements(By.id("todo-" + caseId)).isEmpty(), "the request is the school admin's to-do: " + text("todos"));
        check(text("todo-" + caseId).contains("信息更正"), "named as a record correction: " + text("todo-" + caseId));
        browser.findElement(By.cssSelector("#todo-" + caseId + " a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-approve")));
        fitsThePhone("a case page");
        check(text("case").contains(arg.get("address")) && text("case").contains(arg.get("correctedAddress")),
                "the case shows the address as it was and as corrected: " + text("case"));
        browser.findElement(By.id("action-approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        check(browser.findElements(By.id("todo-" + caseId)).isEmpty(), "the approved request is no longer a to-do: " + text("todos"));
        logOut();
    }

    /** The student's record has the corrected address, the request is approved, and a message said so. */
    private void theStudentFindsTheirRecordCorrected() {
        browser.get(issuer + "/portal/");
        loginForm();
        logIn(arg.get("student"), NEW_PASSWORD, false);
        // The message is sent when the approval's event is delivered (EventAdmin, asynchronously): reload until it is there.
        Instant until = Instant.now().plusSeconds(20);
        while (!text("messages").contains("已通过") && Instant.now().isBefore(until)) {
            sleep(500);
            browser.get(issuer + "/portal/");
        }
        check(text("messages").contains("信息更正（黄小梅）已通过"), "a message says the request was approved: " + text("messages"));
        browser.findElement(By.id("nav-me")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-title")));
        check(text("me-address").equals(arg.get("correctedAddress")), "the record is corrected: " + text("me-address"));
        WebElement request = browser.findElement(By.cssSelector("li.request"));
        check(request.findElement(By.cssSelector("[data-status]")).getAttribute("data-status").equals("COMPLETED"),
                "the request is approved: " + request.getText());
        request.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("case-status")));
        check(text("case-status").equals("已通过"), "the case page says approved: " + text("case"));
        fitsThePhone("a closed case page");
        logOut();
    }

    private void aTeacherUsesTheirAppsAndToDosAndLogsOut() {
        String myApp = arg.get("myApp");
        String caseId = arg.get("caseId");
        String teacherName = arg.get("teacherName");
        browser.get(issuer + "/portal/");
        loginForm();
        logIn(arg.get("teacher"), arg.get("password"), true);
        check(text("greeting").equals("您好，" + teacherName), "the home page greets the user in Chinese: " + text("greeting"));
        check(text("orgs").contains("海口市秀英区第九小学") && text("orgs").contains("教师"), "the user's school and role: " + text("orgs"));
        fitsThePhone("the teacher's home");

        // The school's app shows, another school's does not; the web app for teachers does.
        check(!browser.findElements(By.id("app-" + myApp)).isEmpty(), "the tile of " + myApp + " shows: " + text("apps"));
        check(browser.findElement(By.id("app-" + myApp)).getAttribute("href").equals(issuer + "/apps/" + myApp + "/"),
                "the tile launches /apps/" + myApp + "/");
        check(browser.findElements(By.id("app-" + arg.get("otherApp"))).isEmpty(), "another school's app does not show");
        check(!browser.findElements(By.id("app-" + arg.get("teachersApp"))).isEmpty(), "the school's app for teachers shows: "
                + text("apps"));
        String launchUrl = "http://127.0.0.1:" + arg.get("webAppPort") + "/launch";
        check(!browser.findElements(By.id("web-" + arg.get("webApp"))).isEmpty()
                && browser.findElement(By.id("web-" + arg.get("webApp"))).getAttribute("href").equals(launchUrl),
                "the teachers' web app shows, launching " + launchUrl + ": " + text("apps"));

        // The to-do made through the Workflows service, with its count; the message, unread.
        check(text("todo-count").equals("1"), "one to-do: " + text("todos"));
        check(!browser.findElements(By.id("todo-" + caseId)).isEmpty(), "the to-do of case " + caseId + " shows: " + text("todos"));
        check(text("unread-count").equals("1") && text("messages").contains(arg.get("messageTitle")), "one unread message: "
                + text("messages"));

        // My information: the teacher's school and the class they head.
        browser.findElement(By.id("nav-me")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-title")));
        check(text("me-school").equals("海口市秀英区第九小学") && text("me-staffNumber").startsWith("T"), "the teacher's record: " + text("me"));
        check(text("classes").contains("2017级02班 · 班主任"), "the classes taught: " + text("me"));
        check(browser.findElements(By.id("status")).isEmpty() || text("status").isEmpty(), "no student status for a teacher");
        check(browser.findElements(By.id("field-address")).isEmpty(), "no student status fields to correct");
        fitsThePhone("a teacher's information");
        browser.findElement(By.id("nav-home")).click();

        // Acting on it: the case page, resubmit, and it is no longer a to-do.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#todo-" + caseId + " a"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-resubmit"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        check(text("todo-count").equals("0") && browser.findElements(By.id("todo-" + caseId)).isEmpty(),
                "the resubmitted case is no longer a to-do: " + text("todos"));

        // Launching the external web app from its tile: its login finds the SSO session the portal's login left, and gets a code.
        browser.findElement(By.id("web-" + arg.get("webApp"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("web-app")));
        check(browser.getCurrentUrl().startsWith("http://127.0.0.1:" + arg.get("webAppPort") + "/callback?code="),
                "no second login: the app got a code at once, not " + browser.getCurrentUrl());
        browser.get(issuer + "/portal/");

        // English on request, and it stays.
        browser.findElement(By.id("lang-en")).click();
        check(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting"))).getText().equals("Hello, " + teacherName),
                "the English switch: " + text("greeting"));
        fitsThePhone("the home page in English");
        browser.get(issuer + "/portal/me");
        check(text("record-title").startsWith("My information"), "English is remembered: " + text("record-title"));
        fitsThePhone("my information in English");

        // Logout ends the portal session and the SSO session: /portal/ asks for a login again.
        browser.findElement(By.id("logout-button")).click();
        loginForm();
        browser.get(issuer + "/portal/");
        loginForm();
    }

    /** Logs in on the kernel's login form; the first time, sets a new password; ends on the portal's home. */
    private void logIn(String username, String password, boolean firstTime) {
        type("username", username);
        type("password", password);
        browser.findElement(By.id("submit")).click();
        if (firstTime) {
            // First login: a new password, then straight back to the portal (first-party: no consent page).
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("change-password")));
            fitsThePhone("the kernel's new-password page");
            type("new_password", NEW_PASSWORD);
            type("confirm_password", NEW_PASSWORD);
            browser.findElement(By.id("submit")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        check(browser.getCurrentUrl().equals(issuer + "/portal/"), "the portal's home after login, not " + browser.getCurrentUrl());
    }

    private void logOut() {
        browser.findElement(By.id("logout-button")).click();
        loginForm();
    }

    private void loginForm() {
        chromium.loginForm(issuer);
    }

    /** The page is no wider than the phone's screen: nothing scrolls sideways. */
    private void fitsThePhone(String page) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        long viewport = ((Number) script.executeScript("return document.documentElement.clientWidth;")).longValue();
        long content = ((Number) script.executeScript("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);"))
                .longValue();
        check(viewport == PHONE_WIDTH, page + ": the browser's viewport is " + viewport + " px wide, not the phone's " + PHONE_WIDTH);
        check(content <= viewport, page + " scrolls sideways on a phone: " + content + " px of content in " + viewport + " px");
    }

    private void type(String id, String value) {
        chromium.type(id, value);
    }

    private String text(String id) {
        return chromium.text(id);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check(boolean condition, String what) {
        chromium.check(condition, what);
    }
}
