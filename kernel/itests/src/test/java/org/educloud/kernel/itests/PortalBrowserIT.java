package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.Caller;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.identity.NewAccount;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.workflow.Action;
import org.educloud.workflow.Actor;
import org.educloud.workflow.Audience;
import org.educloud.workflow.Decision;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.Workflows;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

/**
 * The portal in a real headless Chromium: a teacher opens /portal/, is sent to the kernel's
 * login, logs in for the first time (a new password), sees their name and school, the tile of the app
 * installed for their school (and not another school's), a to-do made through the Workflows
 * service and a message; acts on the to-do, launches an app of the region with no second login,
 * switches to English, logs out and is asked to log in again. The accounts, case, message and apps are made here, in the kernel; the browser steps
 * are {@link PortalBrowserSession}, run in a JVM of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PortalBrowserIT {

    /** Orgs of a province no other test uses (Hainan), made in the basic data here. */
    private static final String SCHOOL = "/46/4601/460105/4601050009";
    private static final String OTHER_SCHOOL = "/46/4601/460105/4601050010";
    private static final String PASSWORD = "first login password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private Workflows workflows;

    @Inject
    @Filter(timeout = 120_000)
    private Messages messages;

    @Inject
    @Filter(timeout = 120_000)
    private AppInstallations apps;

    @Inject
    @Filter(timeout = 120_000)
    private OrgDirectory orgs;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void aTeacherLogsInSeesTheirSchoolsAppsToDosAndMessagesActsAndLogsOut() throws Exception {
        // The portal answers once its bundle is up (first boot: it registers its client).
        KernelHttp.getUntil("/portal/", r -> r.statusCode() == 303, java.time.Duration.ofSeconds(120));
        String suffix = System.currentTimeMillis() % 100000 + "" + SEQUENCE.incrementAndGet();
        String teacher = "portal.teacher" + suffix;
        schools();
        accounts.create(NewAccount.of(teacher, "王老师", PASSWORD, List.of(RoleGrant.parse("teacher@" + SCHOOL))), "itest");
        Actor applicant = new Actor(teacher, List.of(RoleGrant.parse("teacher@" + SCHOOL)), Optional.empty());
        Actor admin = new Actor("portal.admin" + suffix, List.of(RoleGrant.parse("school-admin@" + SCHOOL)), Optional.empty());

        // A to-do of the teacher's: their suspension application, returned for correction.
        WorkflowCase started = workflows.start(new NewCase("suspension", "s" + suffix, "李同学", OrgPath.of(SCHOOL), Optional.empty(),
                "因病休学"), applicant);
        WorkflowCase returned = workflows.act(started.id(), Decision.of(Action.RETURN, "请补充病历"), admin);
        assertEquals(1, workflows.todoCount(applicant));
        messages.send(new NewMessage(Audience.user(teacher), "期末考试安排" + suffix, "见附件", Optional.empty()), "itest");

        // An app for the teacher's school, another for another school.
        Path folder = Files.createTempDirectory("portal-apps");
        String mine = "portal-tile-" + suffix;
        String other = "portal-other-" + suffix;
        apps.store(AppArchive.write(folder, mine, "1.0.0", Map.of(), Map.of()), Optional.empty(), "itest");
        apps.store(AppArchive.write(folder, other, "1.0.0", Map.of(), Map.of()), Optional.empty(), "itest");
        apps.install(mine, "1.0.0", SCHOOL, "itest");
        apps.install(other, "1.0.0", OTHER_SCHOOL, "itest");
        // An app of the region's own that the teacher launches after the portal login: no second login.
        String launched = "portal-launch-" + suffix;
        clients.register(new NewClient(launched, "启动测试", "Launch test", ClientAuthMethod.CLIENT_SECRET_BASIC,
                List.of(URI.create(KernelUnderTest.ISSUER + "/apps/" + mine + "/callback")), List.of(), Set.of("authorization_code"),
                Set.of("openid"), true, Optional.empty(), Optional.empty()), "itest");
        try {
            String output = browserSession(KernelUnderTest.ISSUER, teacher, PASSWORD, "王老师", String.valueOf(returned.id()), mine, other,
                    "期末考试安排" + suffix, launched);
            assertTrue(output, output.contains("PORTAL BROWSER SESSION PASSED"));
            assertEquals("the browser resubmitted the case", 0, workflows.todoCount(applicant));
        } finally {
            apps.uninstall(mine, SCHOOL, "itest");
            apps.uninstall(other, OTHER_SCHOOL, "itest");
        }
    }

    /** The province, city, district and two schools, once for the suite (the first test to get here makes them). */
    private void schools() {
        if (orgs.findByCode(EVERYWHERE, "4601050009").isPresent()) {
            return;
        }
        Org province = orgs.create(EVERYWHERE, org(OrgKind.PROVINCE, "46", "海南省", null));
        Org city = orgs.create(EVERYWHERE, org(OrgKind.CITY, "4601", "海口市", province.sourcedId()));
        Org district = orgs.create(EVERYWHERE, org(OrgKind.DISTRICT, "460105", "秀英区", city.sourcedId()));
        orgs.create(EVERYWHERE, org(OrgKind.SCHOOL, "4601050009", "海口市秀英区第九小学", district.sourcedId()));
        orgs.create(EVERYWHERE, org(OrgKind.SCHOOL, "4601050010", "海口市秀英区第十小学", district.sourcedId()));
    }

    private static Org org(OrgKind kind, String code, String name, String parentId) {
        boolean school = kind == OrgKind.SCHOOL;
        return new Org(null, kind, code, name, parentId, null, school ? "primary" : null, school ? "public" : null,
                school ? "urban" : null, 0, null, null);
    }

    /** The test itself, acting on the basic data with every permission. */
    private static final Caller EVERYWHERE = new Caller() {
        @Override
        public String subject() {
            return "itest";
        }

        @Override
        public Optional<String> username() {
            return Optional.of("itest");
        }

        @Override
        public String clientId() {
            return "itest";
        }

        @Override
        public Set<String> scopes() {
            return Set.of();
        }

        @Override
        public List<RoleGrant> grants() {
            return List.of(RoleGrant.parse("operator@/"));
        }

        @Override
        public boolean isPermitted(String permission, OrgPath org) {
            return true;
        }

        @Override
        public List<OrgPath> scopeOf(String permission) {
            return List.of(OrgPath.ROOT);
        }
    };

    /**
     * Runs {@link PortalBrowserSession} in a JVM of its own; fails with its output unless it passes. Named by string:
     * loading the class here, in the kernel, would make the verifier look for Selenium, which is not in it.
     */
    private static String browserSession(String... arguments) throws IOException, InterruptedException {
        String classpath = System.getProperty(KernelUnderTest.BROWSER_CLASSPATH, "");
        if (classpath.isBlank()) {
            throw new IllegalStateException("System property " + KernelUnderTest.BROWSER_CLASSPATH + " is not set: run the tests "
                    + "through Maven (mvn verify), which puts Selenium's classpath there");
        }
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, "org.educloud.kernel.itests.PortalBrowserSession"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[browser] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended; what it printed is in output
            }
        }, "output of the browser session");
        reader.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(5_000);
        synchronized (output) {
            assertEquals("the browser session failed:\n" + output, 0, process.exitValue());
            return output.toString();
        }
    }
}
