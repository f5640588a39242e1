package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.identity.NewAccount;
import org.educloud.identity.OrgPath;
import org.educloud.identity.PortalEntry;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.educloud.workflow.Action;
import org.educloud.workflow.Actor;
import org.educloud.workflow.Audience;
import org.educloud.workflow.CaseQuery;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.Decision;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.RecordCorrectionWorkflow;
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
 * The portal in a real headless Chromium on a phone-sized screen (375 px wide, every page checked
 * for horizontal scrolling): a student opens "my information" (their record from the basic data,
 * the ID number masked), asks for a correction of their address; the school's administrator finds
 * it among their to-dos and approves it; the student finds their record corrected, the request
 * approved and a message saying so. A teacher logs in for the first time (a new password), sees
 * their name and school, the tile of the app installed for their school (and not another school's),
 * the tiles of an app of the school's for teachers only and of an external web app registered for
 * teachers (the student sees neither), a
 * to-do made through the Workflows service and a message; sees their classes in "my information";
 * acts on the to-do; launches the external web app from its tile with no second login; switches to
 * English, logs out and is asked to log in again. The data, accounts, case, message and apps are
 * made here, in the kernel; the browser steps are {@link PortalBrowserSession}, run in a JVM of its
 * own, with the external web app as a small HTTP server beside it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PortalBrowserIT {

    /** Orgs of a province no other test uses (Hainan), made in the basic data here. */
    private static final String SCHOOL = "/46/4601/460105/4601050009";
    private static final String OTHER_SCHOOL = "/46/4601/460105/4601050010";
    private static final String PASSWORD = "first login password";
    private static final String ADDRESS = "海口市秀英区长滨路1号";
    private static final String CORRECTED_ADDRESS = "海口市秀英区长滨路18号";
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
    private PersonRegistry people;

    @Inject
    @Filter(timeout = 120_000)
    private ClassRoster roster;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void aStudentCorrectsTheirRecordThroughTheSchoolAdminAndATeacherUsesTheirAppsToDosAndLogsOut() throws Exception {
        // The portal answers once its bundle is up (first boot: it registers its client).
        KernelHttp.getUntil("/portal/", r -> r.statusCode() == 303, java.time.Duration.ofSeconds(120));
        String suffix = System.currentTimeMillis() % 100000 + "" + SEQUENCE.incrementAndGet();
        String teacher = "portal.teacher" + suffix;
        String student = "portal.student" + suffix;
        String schoolAdmin = "portal.admin" + suffix;
        Org school = schools();

        // The basic data: a student with their status, a guardian and a class; the teacher who heads the class.
        Person studentRecord = people.create(RegionWide.CALLER, new Person(null, PersonRole.STUDENT, school.sourcedId(), null, "黄", "小梅",
                "female", null, idNumber("46010520100501", suffix), null, null, null, null, new StudentStatus("G4601" + suffix,
                LocalDate.of(2016, 9, 1), "海口市秀英区", ADDRESS, false, true, false, false, false, false), List.of(), 0, null, null));
        Person guardian = people.create(RegionWide.CALLER, new Person(null, PersonRole.GUARDIAN, school.sourcedId(), null, "黄", "大海", "male",
                LocalDate.of(1980, 3, 3), null, null, null, null, null, null, List.of(), 0, null, null));
        people.relate(RegionWide.CALLER, new GuardianRelation(null, guardian.sourcedId(), studentRecord.sourcedId(), "51", true, null, null, 0,
                null, null));
        Person teacherRecord = people.create(RegionWide.CALLER, new Person(null, PersonRole.TEACHER, school.sourcedId(), null, "王", "蕊",
                "female", LocalDate.of(1988, 8, 8), null, null, "T" + suffix, null, null, null, List.of(), 0, null, null));
        SchoolClass clazz = roster.createClass(RegionWide.CALLER, new SchoolClass(null, school.sourcedId(), null, "2017级02班", "2017-02-" + suffix,
                "homeroom", "11", 2017, null, null, 0, null, null));
        roster.enroll(RegionWide.CALLER, new Enrollment(null, clazz.sourcedId(), studentRecord.sourcedId(), "student", false,
                LocalDate.of(2017, 9, 1), null, null, 0, null, null));
        roster.enroll(RegionWide.CALLER, new Enrollment(null, clazz.sourcedId(), teacherRecord.sourcedId(), "teacher", true,
                LocalDate.of(2017, 9, 1), null, null, 0, null, null));

        accounts.create(new NewAccount(teacher, "王老师", PASSWORD, Optional.empty(), Optional.empty(),
                Optional.of(teacherRecord.sourcedId()), List.of(RoleGrant.parse("teacher@" + SCHOOL))), "itest");
        accounts.create(new NewAccount(student, "黄小梅", PASSWORD, Optional.empty(), Optional.empty(),
                Optional.of(studentRecord.sourcedId()), List.of(RoleGrant.parse("student@" + SCHOOL))), "itest");
        accounts.create(NewAccount.of(schoolAdmin, "赵主任", PASSWORD, List.of(RoleGrant.parse("school-admin@" + SCHOOL))), "itest");
        Actor applicant = new Actor(teacher, List.of(RoleGrant.parse("teacher@" + SCHOOL)), Optional.empty());
        Actor admin = new Actor(schoolAdmin, List.of(RoleGrant.parse("school-admin@" + SCHOOL)), Optional.empty());

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
        String teachers = "portal-teachers-" + suffix;
        apps.store(AppArchive.write(folder, mine, "1.0.0", Map.of(), Map.of()), Optional.empty(), "itest");
        apps.store(AppArchive.write(folder, other, "1.0.0", Map.of(), Map.of()), Optional.empty(), "itest");
        // An app of the school's that only teachers (and the school's administrator) may launch, as its descriptor says.
        apps.store(AppArchive.forRoles(folder, teachers, "1.0.0", List.of("teacher", "school-admin")), Optional.empty(), "itest");
        apps.install(mine, "1.0.0", SCHOOL, "itest");
        apps.install(other, "1.0.0", OTHER_SCHOOL, "itest");
        apps.install(teachers, "1.0.0", SCHOOL, "itest");
        // An external web app for the province's teachers, on the portal: a small server beside the browser plays it.
        int webAppPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            webAppPort = free.getLocalPort();
        }
        String webApp = "portal-web-" + suffix;
        String webAppUrl = "http://127.0.0.1:" + webAppPort;
        clients.register(new NewClient(webApp, "备课平台", "Lesson planning", ClientAuthMethod.CLIENT_SECRET_BASIC,
                List.of(URI.create(webAppUrl + "/callback")), List.of(), Set.of("authorization_code"), Set.of("openid"), true,
                Optional.empty(), Optional.empty(), "RS256", Optional.of(new PortalEntry(URI.create(webAppUrl + "/launch"),
                Set.of("teacher"), List.of(OrgPath.of("/46"))))), "itest");
        try {
            String output = browserSession("issuer=" + KernelAddress.ISSUER, "password=" + PASSWORD,
                    "student=" + student, "studentName=黄小梅", "address=" + ADDRESS, "correctedAddress=" + CORRECTED_ADDRESS,
                    "schoolAdmin=" + schoolAdmin, "teacher=" + teacher, "teacherName=王老师", "caseId=" + returned.id(),
                    "myApp=" + mine, "otherApp=" + other, "teachersApp=" + teachers, "messageTitle=期末考试安排" + suffix, "webApp=" + webApp,
                    "webAppPort=" + webAppPort);
            assertTrue(output, output.contains("PORTAL BROWSER SESSION PASSED"));
            assertEquals("the browser resubmitted the case", 0, workflows.todoCount(applicant));
            // The approval wrote the correction into the basic data, through its API, as the school's administrator.
            Person corrected = people.find(RegionWide.CALLER, studentRecord.sourcedId(), false).orElseThrow();
            assertEquals(CORRECTED_ADDRESS, corrected.status().address());
            assertEquals(studentRecord.version() + 1, corrected.version());
            List<WorkflowCase> requests = workflows.cases(CaseQuery.appliedFor(student, RecordCorrectionWorkflow.ID, 10));
            assertEquals(1, requests.size());
            assertEquals(CaseStatus.COMPLETED, requests.get(0).status());
            assertEquals(schoolAdmin, workflows.history(requests.get(0).id()).entries().get(1).actor());
        } finally {
            apps.uninstall(mine, SCHOOL, "itest");
            apps.uninstall(other, OTHER_SCHOOL, "itest");
            apps.uninstall(teachers, SCHOOL, "itest");
            clients.remove(webApp, "itest");
        }
    }


    /** The province, city, district and two schools, once for the suite (the first test to get here makes them); the teacher's school. */
    private Org schools() {
        RegionWide.schools(orgs, "46", "4601", "460105", List.of("4601050009", "4601050010"),
                List.of("海南省", "海口市", "秀英区", "海口市秀英区第九小学", "海口市秀英区第十小学"));
        return orgs.findByCode(RegionWide.CALLER, "4601050009").orElseThrow();
    }

    /** A valid ID number (GB 11643 check digit) of someone born on the date in {@code regionAndBirth}, unique to this run. */
    private static NationalId idNumber(String regionAndBirth, String suffix) {
        String first17 = regionAndBirth + String.format("%03d", Math.abs(suffix.hashCode()) % 1000);
        return new NationalId(first17 + NationalId.checkDigit(first17));
    }

    /** Runs {@link PortalBrowserSession} in a JVM of its own; fails with its output unless it passes. */
    private static String browserSession(String... arguments) throws IOException, InterruptedException {
        return BrowserRun.run("org.educloud.kernel.itests.PortalBrowserSession", arguments);
    }
}
