package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.Browser;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.educloud.testkit.LoginFlow;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The app center's workflow on the booted kernel, over real HTTP with tokens from the login flow:
 * a vendor submits hello-school (raw zip) and a bad package (multipart) that is refused with every
 * problem, a teacher may not approve but the platform administrator does, the school administrator
 * installs with consent (the app gets its OAuth client) and the app answers for that school, upgrades
 * and uninstalls; an operator rejects another app over SSH; the record lists every step.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class AppCenterIT {

    private static final String API = "/api/appcenter/v1";
    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String PASSWORD = "first login password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Inject
    @Filter(timeout = 120_000)
    private AppInstallations apps;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void anAppGoesFromTheVendorThroughReviewToASchoolAndEveryStepIsRecorded() throws Exception {
        String[] portal = LoginFlow.portal(clients, Set.of("openid", "appcenter"));
        long n = System.nanoTime();
        String vendor = user(portal, "ac.vendor" + n, "vendor@/v/acme");
        String admin = user(portal, "ac.platform" + n, "platform-admin@/");
        String schoolAdmin = user(portal, "ac.school" + n, "school-admin@" + SCHOOL);
        String teacher = user(portal, "ac.teacher" + n, "teacher@" + SCHOOL);
        KernelHttp.getUntil(API + "/catalog", r -> r.statusCode() == 200 || r.statusCode() == 403, Duration.ofSeconds(90));

        // the vendor submits both sample versions; each is SUBMITTED with its checks
        for (String version : List.of("1.0.0", "1.1.0")) {
            HttpResponse<byte[]> submitted = upload(vendor, sample(version), "application/zip", "?category=tools&description="
                    + Browser.encode("A friendly greeting"));
            String body = new String(submitted.body(), StandardCharsets.UTF_8);
            assertEquals(body, 201, submitted.statusCode());
            JsonNode view = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            assertEquals(body, "SUBMITTED", view.path("state").asText());
            assertTrue(body, view.path("checks").size() > 3);
        }

        // a package importing a kernel internal is refused, every problem listed (multipart this time)
        Path sneaky = AppArchive.write(Files.createTempDirectory("itest-app"), "sneaky-center", "1.0.0",
                Map.of("Import-Package", "org.educloud.sdk.user,org.educloud.identity.internal"), Map.of());
        HttpResponse<byte[]> refused = upload(vendor, multipart(Files.readAllBytes(sneaky)), "multipart/form-data; boundary=XyZ", "");
        String refusal = new String(refused.body(), StandardCharsets.UTF_8);
        assertEquals(refusal, 422, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        JsonNode problems = new com.fasterxml.jackson.databind.ObjectMapper().readTree(refusal).path("problems");
        assertTrue(refusal, problems.size() >= 1);
        assertTrue(refusal, refusal.contains("org.educloud.identity.internal") && problems.path(0).has("fix"));
        HttpResponse<byte[]> notZip = upload(vendor, "not a zip".getBytes(StandardCharsets.UTF_8), "application/zip", "");
        assertEquals(422, notZip.statusCode());
        assertTrue("nothing of the refused package was kept", apps.packages("sneaky-center").isEmpty());

        // not approved yet: a school cannot install it
        String install = "{\"appId\": \"hello-school\", \"version\": \"1.0.0\", \"org\": \"" + SCHOOL
                + "\", \"consent\": [\"profile\"]}";
        HttpResponse<String> early = KernelHttp.send("POST", API + "/installations", schoolAdmin, install);
        assertEquals(early.body(), 409, early.statusCode());

        // a teacher may not approve; the platform administrator does
        String approve = "{\"appId\": \"hello-school\", \"version\": \"%s\", \"decision\": \"approve\"}";
        HttpResponse<String> byTeacher = KernelHttp.send("POST", API + "/reviews", teacher, approve.formatted("1.0.0"));
        assertEquals(byTeacher.body(), 403, byTeacher.statusCode());
        for (String version : List.of("1.0.0", "1.1.0")) {
            HttpResponse<String> approved = KernelHttp.send("POST", API + "/reviews", admin, approve.formatted(version));
            assertEquals(approved.body(), "APPROVED", KernelHttp.json(approved).path("state").asText());
        }
        JsonNode catalog = KernelHttp.json(KernelHttp.get(API + "/catalog?q=Hello&category=tools", teacher));
        assertTrue(catalog.toString(), catalog.toString().contains("\"id\":\"hello-school\""));

        // the school administrator installs with consent; without consent nothing happens
        HttpResponse<String> noConsent = KernelHttp.send("POST", API + "/installations", schoolAdmin, install.replace("\"profile\"", ""));
        assertEquals(noConsent.body(), 400, noConsent.statusCode());
        assertEquals("consent", KernelHttp.json(noConsent).path("field").asText());
        HttpResponse<String> byTeacherInstall = KernelHttp.send("POST", API + "/installations", teacher, install);
        assertEquals(byTeacherInstall.body(), 403, byTeacherInstall.statusCode());
        // An app runs at one version per kernel: when another suite left it running, install that version.
        String serving = apps.installations().stream().filter(i -> i.appId().equals("hello-school")).map(i -> i.version())
                .findFirst().orElse("1.0.0");
        HttpResponse<String> installed = KernelHttp.send("POST", API + "/installations", schoolAdmin,
                install.replace("1.0.0", serving));
        assertEquals(installed.body(), 201, installed.statusCode());
        assertTrue("the app got its OAuth client", clients.find("app-hello-school").isPresent());
        HttpResponse<String> greeting = KernelHttp.get("/apps/hello-school/api/greeting", schoolAdmin);
        assertEquals(greeting.body(), 200, greeting.statusCode());
        if (serving.equals("1.0.0")) {
            HttpResponse<String> upgraded = KernelHttp.send("POST", API + "/installations/upgrade", schoolAdmin,
                    install.replace("1.0.0", "1.1.0"));
            assertEquals(upgraded.body(), "1.1.0", KernelHttp.json(upgraded).path("version").asText());
        }
        JsonNode listed = KernelHttp.json(KernelHttp.get(API + "/installations?org=" + SCHOOL, schoolAdmin));
        assertTrue(listed.toString(), listed.toString().contains("hello-school"));
        HttpResponse<String> removed = KernelHttp.send("DELETE", API + "/installations/hello-school?org=" + SCHOOL, schoolAdmin, null);
        assertEquals(removed.body(), 204, removed.statusCode());
        assertFalse(KernelHttp.json(KernelHttp.get(API + "/installations?org=" + SCHOOL, schoolAdmin)).toString().contains("hello-school"));

        // the record lists every step with who did it and from where
        JsonNode record = KernelHttp.json(KernelHttp.get(API + "/apps/hello-school/record", admin));
        List<String> actions = new ArrayList<>();
        record.forEach(entry -> actions.add(entry.path("action").asText() + " " + entry.path("actor").asText()));
        String vendorName = "ac.vendor" + n;
        String schoolName = "ac.school" + n;
        List<String> expected = new ArrayList<>(List.of("SUBMITTED " + vendorName, "SUBMITTED " + vendorName,
                "APPROVED ac.platform" + n, "APPROVED ac.platform" + n, "INSTALLED " + schoolName));
        if (serving.equals("1.0.0")) {
            expected.add("UPGRADED " + schoolName);
        }
        expected.add("UNINSTALLED " + schoolName);
        assertEquals(record.toString(), expected, actions.subList(actions.size() - expected.size(), actions.size()));
        assertTrue(record.toString(), record.path(record.size() - 1).path("address").asText().length() > 0);
        HttpResponse<String> teacherRecord = KernelHttp.get(API + "/apps/hello-school/record", teacher);
        assertEquals(teacherRecord.body(), 403, teacherRecord.statusCode());
    }

    @Test
    public void anOperatorRejectsAVersionOverSshWithTheReasonAndItCannotBeInstalled() throws Exception {
        String[] portal = LoginFlow.portal(clients, Set.of("openid", "appcenter"));
        long n = System.nanoTime();
        String vendor = user(portal, "ac.vendor.b" + n, "vendor@/v/beta");
        String schoolAdmin = user(portal, "ac.school.b" + n, "school-admin@" + SCHOOL);
        String appId = "rejected-" + Long.toString(n % 100000, 36);
        Path kar = AppArchive.write(Files.createTempDirectory("itest-app"), appId, "1.0.0", Map.of(), Map.of());
        HttpResponse<byte[]> submitted = upload(vendor, Files.readAllBytes(kar), "application/zip", "");
        assertEquals(new String(submitted.body(), StandardCharsets.UTF_8), 201, submitted.statusCode());
        try (OperatorSsh ssh = new OperatorSsh()) {
            String rejected = ssh.run("app:reject --reason \"the icon is missing\" " + appId);
            assertTrue(rejected, rejected.contains(appId + " 1.0.0 REJECTED: the icon is missing"));
            String again = ssh.run("app:approve " + appId + " 1.0.0");
            assertTrue(again, again.contains("Error:") && again.contains("already rejected"));
        }
        HttpResponse<String> install = KernelHttp.send("POST", API + "/installations", schoolAdmin, "{\"appId\": \"" + appId
                + "\", \"version\": \"1.0.0\", \"org\": \"" + SCHOOL + "\", \"consent\": []}");
        assertEquals(install.body(), 409, install.statusCode());
        JsonNode versions = KernelHttp.json(KernelHttp.get(API + "/apps/" + appId + "/versions", vendor));
        assertEquals(versions.toString(), "the icon is missing", versions.path(0).path("reason").asText());
    }

    private String user(String[] portal, String username, String grant) throws Exception {
        accounts.create(NewAccount.of(username, username, PASSWORD, List.of(RoleGrant.parse(grant))), "itest");
        return "Bearer " + LoginFlow.firstLogin(portal, username, PASSWORD, "openid appcenter");
    }

    private static byte[] sample(String version) throws Exception {
        Path kar = Paths.get(System.getProperty(version.equals("1.0.0") ? "educloud.sample.helloSchool.1" : "educloud.sample.helloSchool.2", ""));
        assertTrue("the sample app's package " + kar + " exists (built by the reactor)", Files.isRegularFile(kar));
        return Files.readAllBytes(kar);
    }

    private static byte[] multipart(byte[] kar) {
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"package\"; filename=\"app.kar\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + kar.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(kar, 0, all, head.length, kar.length);
        System.arraycopy(tail, 0, all, head.length + kar.length, tail.length);
        return all;
    }

    private static HttpResponse<byte[]> upload(String bearer, byte[] body, String contentType, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + KernelAddress.HTTP_PORT + API + "/submissions"
                + query)).timeout(Duration.ofSeconds(60)).header("Authorization", bearer).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
