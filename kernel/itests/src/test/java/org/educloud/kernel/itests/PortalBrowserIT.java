package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.basedata.OrgDirectory;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
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
                List.of(URI.create(KernelAddress.ISSUER + "/apps/" + mine + "/callback")), List.of(), Set.of("authorization_code"),
                Set.of("openid"), true, Optional.empty(), Optional.empty()), "itest");
        try {
            String output = browserSession(KernelAddress.ISSUER, teacher, PASSWORD, "王老师", String.valueOf(returned.id()), mine, other,
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
        RegionWide.schools(orgs, "46", "4601", "460105", List.of("4601050009", "4601050010"),
                List.of("海南省", "海口市", "秀英区", "海口市秀英区第九小学", "海口市秀英区第十小学"));
    }

    private static String browserSession(String... arguments) throws IOException, InterruptedException {
        return BrowserRun.run("org.educloud.kernel.itests.PortalBrowserSession", arguments);
    }
}
