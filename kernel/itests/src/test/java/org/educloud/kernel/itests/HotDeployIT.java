package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.educloud.appcenter.deployment.AppInstallationException;
import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.DeploymentState;
import org.educloud.appcenter.packages.PackageRefusedException;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.testkit.Browser;
import org.educloud.testkit.Eventually;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hot deployment on the booted kernel: the sample app's package is stored, installed for a school
 * while the kernel runs, answers under {@code /apps/hello-school/api} with a token (401 without),
 * is upgraded and uninstalled, and no other bundle's id or state changes on the way (a refresh
 * cascade would restart them). A package importing a kernel internal package is refused with the
 * reason; a package that cannot start is marked failed while everything else keeps running.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class HotDeployIT {

    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String GREETING = "/apps/hello-school/api/greeting";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    @Inject
    @Filter(timeout = 120_000)
    private AppInstallations apps;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void theSampleAppIsInstalledUpgradedAndUninstalledWithoutTouchingAnyOtherBundle() throws Exception {
        String bearer = "Bearer " + clientToken();
        Map<Long, String> before = otherBundles();

        storeSample("educloud.sample.helloSchool.1", "1.0.0");
        Deployment installed = apps.install("hello-school", "1.0.0", SCHOOL, "itest");
        assertEquals(DeploymentState.LIVE, installed.state());
        HttpResponse<String> greeting = answerWith(bearer, 200);
        JsonNode body = KernelHttp.json(greeting);
        assertTrue(greeting.body(), body.path("greeting").asText().startsWith("你好, client:"));
        assertEquals(greeting.body(), "1.0.0", body.path("version").asText());
        HttpResponse<String> anonymous = KernelHttp.get(GREETING);
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        HttpResponse<String> elsewhere = new Browser().getWithToken(KernelAddress.ISSUER + GREETING, clientToken("/37/3702"));
        assertEquals("a caller from an org the app is not installed for is refused: " + elsewhere.body(), 403, elsewhere.statusCode());
        assertTrue(elsewhere.body(), elsewhere.body().contains("not installed for your school"));
        assertEquals("no other bundle changed across the install", before, otherBundles());
        // Applying the desired state again (what happens after a restart) finds the app live and changes nothing.
        assertTrue(apps.reconcile().stream().anyMatch(d -> d.appId().equals("hello-school") && d.state() == DeploymentState.LIVE));
        assertEquals(1, appBundles("hello-school").size());

        storeSample("educloud.sample.helloSchool.2", "1.1.0");
        Deployment upgraded = apps.upgrade("hello-school", "1.1.0", "itest");
        assertEquals(DeploymentState.LIVE, upgraded.state());
        assertEquals(Optional.of("1.1.0"), upgraded.runningVersion());
        HttpResponse<String> next = answerWith(bearer, 200, r -> r.body().contains("\"1.1.0\""));
        assertEquals(next.body(), "1.1.0", KernelHttp.json(next).path("version").asText());
        assertEquals("only one version runs after the upgrade", 1, appBundles("hello-school").size());
        assertEquals("no other bundle changed across the upgrade", before, otherBundles());

        Deployment removed = apps.uninstall("hello-school", SCHOOL, "itest");
        assertEquals(DeploymentState.REMOVED, removed.state());
        answerWith(bearer, 404);
        assertTrue("nothing of the app is left", appBundles("hello-school").isEmpty());
        assertEquals("no other bundle changed across the uninstall", before, otherBundles());
    }

    /**
     * Each app runs in a JAX-RS application of its own: installing, upgrading and removing one app
     * must not interrupt another app or the kernel's APIs, not even for one request (before, every
     * app shared the kernel's application, which Aries rebuilt for each of them, 404 meanwhile).
     */
    @Test
    public void anotherAppAndTheKernelAnswerEveryRequestWhileAnAppIsInstalledUpgradedAndRemoved() throws Exception {
        String bearer = "Bearer " + clientToken();
        if (apps.packages("notices").isEmpty()) {
            apps.store(sample("educloud.sample.notices"), Optional.empty(), "itest");
        }
        assertEquals(DeploymentState.LIVE, apps.install("notices", "1.0.0", SCHOOL, "itest").state());
        String board = "/apps/notices/api/notices";
        // The app center answers as soon as the app is installed: no wait for the installed-app gate to catch up.
        HttpResponse<String> first = KernelHttp.get(board, bearer);
        assertEquals(first.body(), 200, first.statusCode());
        int noticesAnswer = 200;
        AtomicBoolean cycling = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        Thread poller = new Thread(() -> {
            while (cycling.get()) {
                try {
                    expect(KernelHttp.get("/api/platform/v1/health"), 200, failures);
                    expect(KernelHttp.get(board, bearer), noticesAnswer, failures);
                    requests.addAndGet(2);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "hot-deploy-poller");
        poller.start();
        try {
            storeSample("educloud.sample.helloSchool.1", "1.0.0");
            storeSample("educloud.sample.helloSchool.2", "1.1.0");
            assertEquals(DeploymentState.LIVE, apps.install("hello-school", "1.0.0", SCHOOL, "itest").state());
            answerWith(bearer, 200);
            assertEquals(DeploymentState.LIVE, apps.upgrade("hello-school", "1.1.0", "itest").state());
            answerWith(bearer, 200, r -> r.body().contains("\"1.1.0\""));
            assertEquals(DeploymentState.REMOVED, apps.uninstall("hello-school", SCHOOL, "itest").state());
            answerWith(bearer, 404);
        } finally {
            cycling.set(false);
            poller.join(WAIT.toMillis());
            apps.uninstall("notices", SCHOOL, "itest");
        }
        assertTrue("the poller ran through the cycle (" + requests.get() + " requests)", requests.get() >= 20);
        assertEquals("requests to the kernel and the notices app that failed while hello-school was installed, upgraded and "
                + "removed (of " + requests.get() + "): " + failures, List.of(), failures);
    }

    /**
     * An upgrade keeps the old version serving until the new one is live: the app's own API answers
     * every request on the way, from the old version or the new, never 404 while the whiteboard
     * rebuilds the app's application as the new version's resources join it and the old one's leave.
     */
    @Test
    public void anAppAnswersEveryRequestThroughItsOwnUpgrade() throws Exception {
        String bearer = "Bearer " + clientToken();
        storeSample("educloud.sample.helloSchool.1", "1.0.0");
        storeSample("educloud.sample.helloSchool.2", "1.1.0");
        assertEquals(DeploymentState.LIVE, apps.install("hello-school", "1.0.0", SCHOOL, "itest").state());
        answerWith(bearer, 200);
        AtomicBoolean upgrading = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        List<Thread> pollers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread poller = new Thread(() -> {
                while (upgrading.get()) {
                    try {
                        HttpResponse<String> greeting = KernelHttp.get(GREETING, bearer);
                        requests.incrementAndGet();
                        expect(greeting, 200, failures);
                        if (greeting.statusCode() == 200 && !greeting.body().contains("\"1.0.0\"") && !greeting.body().contains("\"1.1.0\"")) {
                            failures.add("neither version answered: " + greeting.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "upgrade-poller-" + i);
            poller.start();
            pollers.add(poller);
        }
        try {
            Thread.sleep(300);
            assertEquals(DeploymentState.LIVE, apps.upgrade("hello-school", "1.1.0", "itest").state());
            answerWith(bearer, 200, r -> r.body().contains("\"1.1.0\""));
            Thread.sleep(300);
        } finally {
            upgrading.set(false);
            for (Thread poller : pollers) {
                poller.join(WAIT.toMillis());
            }
            apps.uninstall("hello-school", SCHOOL, "itest");
        }
        assertTrue("the pollers ran through the upgrade (" + requests.get() + " requests)", requests.get() >= 20);
        assertEquals("requests to hello-school that failed during its own upgrade (of " + requests.get() + "): " + failures,
                List.of(), failures);
    }

    private static void expect(HttpResponse<String> response, int status, List<String> failures) {
        if (response.statusCode() != status) {
            failures.add(response.uri().getPath() + " answered " + response.statusCode() + " (not " + status + "): "
                    + response.body().substring(0, Math.min(200, response.body().length())));
        }
    }

    @Test
    public void aPackageImportingAKernelInternalPackageIsRefusedWithTheReason() throws Exception {
        Path kar = AppArchive.write(Files.createTempDirectory("itest-app"), "sneaky-app", "1.0.0",
                Map.of("Import-Package", "org.educloud.sdk.user,org.educloud.identity.internal"), Map.of());
        try {
            apps.store(kar, Optional.empty(), "itest");
            fail("a package importing org.educloud.identity.internal was stored");
        } catch (PackageRefusedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("bundle org.example.sneaky-app: imports the kernel internal package "
                    + "org.educloud.identity.internal"));
        }
        assertTrue("nothing was stored", apps.packages("sneaky-app").isEmpty());
        try {
            apps.install("sneaky-app", "1.0.0", SCHOOL, "itest");
            fail("an app that was never stored was installed");
        } catch (AppInstallationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no stored package of sneaky-app 1.0.0"));
        }
    }

    @Test
    public void aPackageThatFailsToStartIsMarkedFailedWhileEverythingElseKeepsRunning() throws Exception {
        Map<Long, String> before = otherBundles();
        Path kar = AppArchive.write(Files.createTempDirectory("itest-app"), "broken-app", "1.0.0",
                Map.of("EduCloud-Changelog", "db/changelog.xml"), Map.of("db/changelog.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                          <changeSet id="1" author="itest"><sql>CREATE TABLE broken_app_note (id INT PRIMARY KEY,</sql></changeSet>
                        </databaseChangeLog>
                        """));
        apps.store(kar, Optional.empty(), "itest");
        try {
            apps.install("broken-app", "1.0.0", SCHOOL, "itest");
            fail("an app whose changelog fails went live");
        } catch (AppInstallationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("marked FAILED") && e.getMessage().contains("changelog"));
        }
        Deployment failed = apps.deployment("broken-app").orElseThrow();
        assertEquals(DeploymentState.FAILED, failed.state());
        assertTrue(failed.reason(), failed.reason().contains("db/changelog.xml failed"));
        assertTrue("nothing of the failed app is left running", appBundles("broken-app").isEmpty());
        assertEquals("no other bundle changed", before, otherBundles());
        assertEquals(200, KernelHttp.getUntil("/api/platform/v1/health", r -> r.statusCode() == 200, WAIT).statusCode());

        // Applying the desired state again (as after a restart) does not retry a failed version in a loop.
        List<Deployment> again = apps.reconcile();
        assertTrue(again.toString(), again.stream().anyMatch(d -> d.appId().equals("broken-app") && d.state() == DeploymentState.FAILED));
        apps.uninstall("broken-app", SCHOOL, "itest");
    }

    @Test
    public void anUpgradeThatDoesNotGoLiveIsRolledBackAndTheOldVersionKeepsServing() throws Exception {
        Path folder = Files.createTempDirectory("itest-app");
        apps.store(AppArchive.write(folder, "flaky-app", "1.0.0", Map.of(), Map.of()), Optional.empty(), "itest");
        apps.store(AppArchive.write(folder, "flaky-app", "1.1.0", Map.of("EduCloud-Changelog", "db/changelog.xml"),
                Map.of("db/changelog.xml", "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"><nonsense/>"
                        + "</databaseChangeLog>")), Optional.empty(), "itest");
        assertEquals(DeploymentState.LIVE, apps.install("flaky-app", "1.0.0", SCHOOL, "itest").state());
        Bundle old = appBundles("flaky-app").get(0);
        Map<Long, String> before = otherBundles();
        try {
            apps.upgrade("flaky-app", "1.1.0", "itest");
            fail("an upgrade whose changelog fails went live");
        } catch (AppInstallationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("rolled back; 1.0.0 keeps serving"));
        }
        Deployment rolledBack = apps.deployment("flaky-app").orElseThrow();
        assertEquals(DeploymentState.ROLLED_BACK, rolledBack.state());
        assertEquals(Optional.of("1.0.0"), rolledBack.runningVersion());
        assertEquals("the old version's bundle never stopped", List.of(old), appBundles("flaky-app"));
        assertEquals(Bundle.ACTIVE, old.getState());
        assertTrue("the desired state is back at 1.0.0", apps.installations().stream()
                .anyMatch(i -> i.appId().equals("flaky-app") && i.version().equals("1.0.0")));
        assertEquals("no other bundle changed", before, otherBundles());
        apps.uninstall("flaky-app", SCHOOL, "itest");
    }

    @Test
    public void anAppWhoseComponentThrowsAtStartIsTakenBackWhileAnotherAppKeepsAnswering() throws Exception {
        String bearer = "Bearer " + clientToken();
        storeSample("educloud.sample.helloSchool.1", "1.0.0");
        String serving = apps.installations().stream().filter(i -> i.appId().equals("hello-school")).map(i -> i.version())
                .findFirst().orElse("1.0.0");
        apps.install("hello-school", serving, "/37/3701/370102/3701020009", "itest");
        answerWith(bearer, 200);
        Map<Long, String> before = otherBundles();

        String component = ThrowingComponent.class.getName();
        byte[] type;
        try (var in = ThrowingComponent.class.getResourceAsStream("ThrowingComponent.class")) {
            type = in.readAllBytes();
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"throwing\" immediate=\"true\">\n"
                + "  <implementation class=\"" + component + "\"/>\n"
                + "</scr:component>\n";
        Path kar = AppArchive.write(Files.createTempDirectory("itest-app"), "throwing-app", "1.0.0",
                Map.of("Service-Component", "OSGI-INF/throwing.xml", "Import-Package", "java.lang"),
                Map.of("OSGI-INF/throwing.xml", xml), Map.of(component.replace('.', '/') + ".class", type));
        apps.store(kar, Optional.empty(), "itest");
        try {
            apps.install("throwing-app", "1.0.0", SCHOOL, "itest");
            fail("an app whose component throws at start went live");
        } catch (AppInstallationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("marked FAILED") && e.getMessage().contains("failed to activate")
                    && e.getMessage().contains("the test app refuses to start"));
        }
        assertTrue("nothing of the failed app is left", appBundles("throwing-app").isEmpty());
        answerWith(bearer, 200);
        assertEquals("no other bundle changed", before, otherBundles());
        apps.uninstall("throwing-app", SCHOOL, "itest");
        apps.uninstall("hello-school", "/37/3701/370102/3701020009", "itest");
    }

    @Test
    public void theAppCommandsInstallListShowAndUninstallOverSsh() throws Exception {
        Path folder = Files.createTempDirectory("itest-app");
        Path kar = AppArchive.write(folder, "shell-app", "1.0.0", Map.of(), Map.of());
        Path future = AppArchive.write(folder, "future-app", "1.0.0", "[2.0,3)", Map.of(), Map.of());
        try (OperatorSsh ssh = new OperatorSsh()) {
            String installed = ssh.run("app:install --org " + SCHOOL + " " + kar);
            assertTrue(installed, installed.contains("Installed shell-app 1.0.0 for " + SCHOOL + ": shell-app 1.0.0 LIVE"));
            String list = ssh.run("app:list");
            assertTrue(list, list.contains("shell-app") && list.contains("LIVE"));
            String show = ssh.run("app:show shell-app");
            assertTrue(show, show.contains("Test app") && show.contains(SCHOOL) && show.contains("/apps/shell-app/api"));
            String refused = ssh.run("app:install --org " + SCHOOL + " " + future);
            assertTrue(refused, refused.contains("Error: future-app 1.0.0 needs the SDK [2.0,3) but this kernel runs SDK 1.0.0"));
            String removed = ssh.run("app:uninstall --org " + SCHOOL + " shell-app");
            assertTrue(removed, removed.contains("Uninstalled shell-app for " + SCHOOL + ": shell-app - REMOVED"));
        }
        assertTrue("an app whose SDK range does not fit is not installed",
                apps.installations().stream().noneMatch(i -> i.appId().equals("future-app")));
        assertTrue(appBundles("future-app").isEmpty());
    }

    @Test
    public void afterARestartEveryInstalledAppComesBack() throws Exception {
        apps.store(AppArchive.write(Files.createTempDirectory("itest-app"), "comeback-app", "1.0.0", Map.of(), Map.of()),
                Optional.empty(), "itest");
        apps.install("comeback-app", "1.0.0", SCHOOL, "itest");
        // As on a fresh node, or a kernel whose data folder was wiped: the bundles are gone, the desired state is not.
        for (Bundle bundle : appBundles("comeback-app")) {
            bundle.uninstall();
        }
        assertTrue(appBundles("comeback-app").isEmpty());

        Bundle deployment = List.of(context.getBundles()).stream()
                .filter(b -> "org.educloud.appcenter.deployment".equals(b.getSymbolicName())).findFirst().orElseThrow();
        deployment.stop();
        deployment.start();

        Eventually.holds("comeback-app is live again", WAIT, () -> appBundles("comeback-app").stream()
                .anyMatch(b -> b.getState() == Bundle.ACTIVE));
        AppInstallations restarted = restartedApps();
        Eventually.holds("comeback-app is recorded live again", WAIT, () -> restarted.deployment("comeback-app")
                .map(d -> d.state() == DeploymentState.LIVE).orElse(false));
        restarted.uninstall("comeback-app", SCHOOL, "itest");
    }

    private AppInstallations restartedApps() throws InterruptedException {
        Eventually.holds("the app center is back", WAIT, () -> context.getServiceReference(AppInstallations.class) != null);
        return context.getService(context.getServiceReference(AppInstallations.class));
    }

    /** Every bundle that is not an app's, by id, with its symbolic name, version and state. */
    private Map<Long, String> otherBundles() {
        Map<Long, String> bundles = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getHeaders("").get("EduCloud-App") == null) {
                bundles.put(bundle.getBundleId(), bundle.getSymbolicName() + " " + bundle.getVersion() + " " + bundle.getState());
            }
        }
        return bundles;
    }

    private List<Bundle> appBundles(String appId) {
        return List.of(context.getBundles()).stream().filter(b -> appId.equals(b.getHeaders("").get("EduCloud-App"))).toList();
    }

    /** Stores a sample package unless an earlier test did (a stored version is never stored twice). */
    private void storeSample(String property, String version) {
        if (apps.packages("hello-school").stream().noneMatch(p -> p.version().equals(version))) {
            apps.store(sample(property), Optional.empty(), "itest");
        }
    }

    private static Path sample(String property) {
        Path kar = Paths.get(System.getProperty(property, ""));
        assertTrue("the sample app's package " + kar + " exists (built by the reactor)", Files.isRegularFile(kar));
        return kar;
    }

    private static HttpResponse<String> answerWith(String bearer, int status) throws Exception {
        return answerWith(bearer, status, r -> true);
    }

    private static HttpResponse<String> answerWith(String bearer, int status, java.util.function.Predicate<HttpResponse<String>> also)
            throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response;
        do {
            response = KernelHttp.get(GREETING, bearer);
            if (response.statusCode() == status && also.test(response)) {
                return response;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        assertEquals(response.body(), status, response.statusCode());
        fail("unexpected answer: " + response.body());
        return response;
    }

    private String clientToken() throws Exception {
        return clientToken("/37/3701");
    }

    /** A client-credentials token of an agency owned by {@code ownerOrg}. */
    private String clientToken(String ownerOrg) throws Exception {
        String id = "hotdeploy-" + System.nanoTime();
        String secret = clients.register(new NewClient(id, "热部署测试", "Hot deploy test", ClientAuthMethod.CLIENT_SECRET_POST, List.of(),
                List.of(), Set.of("client_credentials"), Set.of("basedata.read"), false, Optional.of(OrgPath.of(ownerOrg)),
                Optional.empty()), "itest").secret().orElseThrow();
        HttpResponse<String> issued = new Browser().post(KernelAddress.ISSUER + "/oauth2/token", Map.of("client_id", id,
                "client_secret", secret, "grant_type", "client_credentials", "scope", "basedata.read"), null);
        assertEquals(issued.body(), 200, issued.statusCode());
        return KernelHttp.json(issued).path("access_token").asText();
    }
}
