package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.educloud.testkit.LoginFlow;

/**
 * The sample app sample-plugins/notices, built on the SDK alone, through the app center onto the
 * running kernel: the vendor uploads it, the platform administrator approves it, school A's
 * administrator installs it consenting to base data and messages. Then a teacher posts to the class
 * they teach, the student of that class reads it (unread count, then read) and finds it in their
 * unified inbox, the student's guardian reads it too, a student of school B is refused by the
 * kernel (the app is not installed there), the student may not post; the app's page and the SDK's
 * sign-in script are served at /apps/notices/. Last, a test app whose component posts a to-do through
 * the SDK's inbox is published the same way, and the to-do is among the teacher's.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class NoticesIT {

    private static final String API = "/api/appcenter/v1";
    private static final String PASSWORD = "first login password";

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Inject
    @Filter(timeout = 120_000)
    private OrgDirectory orgs;

    @Inject
    @Filter(timeout = 120_000)
    private PersonRegistry people;

    @Inject
    @Filter(timeout = 120_000)
    private ClassRoster roster;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void aTeacherPostsToTheirClassAndItsStudentAndGuardianReadItWhileAnotherSchoolIsRefused() throws Exception {
        Org district = region();
        Org schoolA = orgs.create(RegionWide.CALLER, org(OrgKind.SCHOOL, "4501020001", "南宁市青秀区第一小学", district.sourcedId()));
        Org schoolB = orgs.create(RegionWide.CALLER, org(OrgKind.SCHOOL, "4501020002", "南宁市青秀区第二小学", district.sourcedId()));
        String a = schoolA.path().value();
        SchoolClass classA = roster.createClass(RegionWide.CALLER, new SchoolClass(null, schoolA.sourcedId(), null, "2026级01班",
                "2026-01", "homeroom", "01", 2026, null, null, 0, null, null));
        Person teacher = person(PersonRole.TEACHER, schoolA, "黄", "丽");
        Person student = person(PersonRole.STUDENT, schoolA, "韦", "小明");
        Person guardian = person(PersonRole.GUARDIAN, schoolA, "韦", "国强");
        enroll(classA, teacher, "teacher");
        enroll(classA, student, "student");
        people.relate(RegionWide.CALLER, new GuardianRelation(null, guardian.sourcedId(), student.sourcedId(), "51", true, null,
                null, 0, null, null));

        String[] portal = LoginFlow.portal(clients, Set.of("openid", "appcenter", "messages", "workflow"));
        long n = System.nanoTime();
        String vendor = user(portal, "nt.vendor" + n, "vendor@/v/samples", null);
        String admin = user(portal, "nt.platform" + n, "platform-admin@/", null);
        String schoolAdmin = user(portal, "nt.school" + n, "school-admin@" + a, null);
        String teacherToken = user(portal, "nt.teacher" + n, "teacher@" + a, teacher);
        String studentToken = user(portal, "nt.student" + n, "student@" + classA.orgPath() + "/2026-01", student);
        String guardianToken = user(portal, "nt.guardian" + n, "guardian@" + a, guardian);
        String otherStudent = user(portal, "nt.other" + n, "student@" + schoolB.path().value() + "/2026-01", null);

        // vendor → review → install with consent
        HttpResponse<String> submitted = KernelHttp.upload(API + "/submissions", vendor, Files.readAllBytes(kar()), "application/zip");
        assertEquals(submitted.body(), 201, submitted.statusCode());
        HttpResponse<String> approved = KernelHttp.send("POST", API + "/reviews", admin,
                "{\"appId\": \"notices\", \"version\": \"1.0.0\", \"decision\": \"approve\"}");
        assertEquals(approved.body(), "APPROVED", KernelHttp.json(approved).path("state").asText());
        HttpResponse<String> installed = KernelHttp.send("POST", API + "/installations", schoolAdmin, "{\"appId\": \"notices\", "
                + "\"version\": \"1.0.0\", \"org\": \"" + a + "\", \"consent\": [\"profile\", \"basedata.read\", \"messages.send\"]}");
        assertEquals(installed.body(), 201, installed.statusCode());

        // the teacher may post to the class they teach; the kernel tells the class through the inbox
        JsonNode audiences = KernelHttp.json(KernelHttp.get("/apps/notices/api/notices/audiences", teacherToken));
        assertTrue(audiences.toString(), audiences.toString().contains(classA.sourcedId()));
        HttpResponse<String> posted = KernelHttp.send("POST", "/apps/notices/api/notices", teacherToken, "{\"title\": \"家长会通知\", "
                + "\"body\": \"本周五下午三点在教室召开家长会。\", \"classId\": \"" + classA.sourcedId() + "\"}");
        assertEquals(posted.body(), 201, posted.statusCode());
        assertEquals(posted.body(), "sent", KernelHttp.json(posted).path("notified").asText());
        assertEquals("黄丽", KernelHttp.json(posted).path("notice").path("authorName").asText());
        long noticeId = KernelHttp.json(posted).path("notice").path("id").asLong();
        HttpResponse<String> empty = KernelHttp.send("POST", "/apps/notices/api/notices", teacherToken, "{\"title\": \" \", \"body\": \"x\"}");
        assertEquals(empty.body(), 400, empty.statusCode());
        assertEquals("title", KernelHttp.json(empty).path("field").asText());

        // the student reads it: unread first, then read; the message is in their unified inbox
        JsonNode board = KernelHttp.json(KernelHttp.get("/apps/notices/api/notices", studentToken));
        assertEquals(board.toString(), 1, board.path("unread").asInt());
        assertEquals("家长会通知", board.path("items").path(0).path("title").asText());
        assertEquals(204, KernelHttp.send("POST", "/apps/notices/api/notices/" + noticeId + "/read", studentToken, null).statusCode());
        assertEquals(0, KernelHttp.json(KernelHttp.get("/apps/notices/api/notices", studentToken)).path("unread").asInt());
        assertEquals(404, KernelHttp.send("POST", "/apps/notices/api/notices/" + (noticeId + 1_000_000) + "/read", studentToken, null)
                .statusCode());
        JsonNode inbox = KernelHttp.json(KernelHttp.get("/api/messages/v1/inbox", studentToken));
        assertTrue(inbox.toString(), inbox.toString().contains("新公告：家长会通知") && inbox.toString().contains("\"sender\":\"notices\""));
        HttpResponse<String> byStudent = KernelHttp.send("POST", "/apps/notices/api/notices", studentToken,
                "{\"title\": \"t\", \"body\": \"b\", \"classId\": \"" + classA.sourcedId() + "\"}");
        assertEquals(byStudent.body(), 403, byStudent.statusCode());

        // the guardian reads their child's class notices
        JsonNode guardianBoard = KernelHttp.json(KernelHttp.get("/apps/notices/api/notices", guardianToken));
        assertEquals(guardianBoard.toString(), 1, guardianBoard.path("unread").asInt());

        // school B did not install it: the kernel refuses before the app runs
        HttpResponse<String> elsewhere = KernelHttp.get("/apps/notices/api/notices", otherStudent);
        assertEquals(elsewhere.body(), 403, elsewhere.statusCode());

        // the app's page and the SDK's sign-in script; the page's public client is registered for it
        HttpResponse<String> page = KernelHttp.get("/apps/notices/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("校园公告") && page.body().contains("educloud-sdk.js"));
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        HttpResponse<String> script = KernelHttp.get("/apps/notices/educloud-sdk.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body(), script.body().contains("\"" + KernelAddress.ISSUER + "\""));
        assertTrue(clients.find("app-notices-web").map(c -> c.isPublic() && c.firstParty()).orElse(false));
        assertEquals(404, KernelHttp.get("/apps/notices/missing.html").statusCode());
        HttpResponse<String> icon = KernelHttp.get(API + "/images/notices/1.0.0/icon");
        assertEquals(icon.body(), 200, icon.statusCode());
        assertEquals("image/svg+xml", icon.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, KernelHttp.get(API + "/images/notices/1.0.0/screenshots/0").statusCode());
        assertEquals(404, KernelHttp.get("/apps/no-such-app/").statusCode());

        // a plugin's to-do through the SDK's inbox reaches the teacher's unified to-dos
        appPostingATodoFor("nt.teacher" + n, vendor, admin, schoolAdmin, a);
        JsonNode todos = KernelHttp.json(KernelHttp.get("/api/workflow/v1/app-todos", teacherToken));
        assertTrue(todos.toString(), todos.toString().contains("确认本周值日安排") && todos.toString().contains("\"app\":\"todo-probe\""));
        assertEquals(1, KernelHttp.json(KernelHttp.get("/api/workflow/v1/app-todos/count", teacherToken)).path("count").asInt());
    }

    /** A test app whose component posts a to-do for {@code username} when it starts, published and installed like any app. */
    private void appPostingATodoFor(String username, String vendor, String admin, String schoolAdmin, String school) throws Exception {
        String component = TodoPostingComponent.class.getName();
        byte[] type;
        try (var in = TodoPostingComponent.class.getResourceAsStream("TodoPostingComponent.class")) {
            type = in.readAllBytes();
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"todo-probe\" immediate=\"true\">\n"
                + "  <implementation class=\"" + component + "\"/>\n"
                + "  <property name=\"username\" value=\"" + username + "\"/>\n"
                + "  <reference name=\"inbox\" interface=\"org.educloud.sdk.inbox.Inbox\" field=\"inbox\"/>\n"
                + "</scr:component>\n";
        Path kar = AppArchive.write(Files.createTempDirectory("itest-app"), "todo-probe", "1.0.0", "[1.0,2)",
                Map.of("Service-Component", "OSGI-INF/todo-probe.xml", "Import-Package", "java.lang,java.util,org.educloud.sdk.inbox"),
                Map.of("OSGI-INF/todo-probe.xml", xml), Map.of(component.replace('.', '/') + ".class", type), List.of("todos.write"));
        HttpResponse<String> submitted = KernelHttp.upload(API + "/submissions", vendor, Files.readAllBytes(kar), "application/zip");
        assertEquals(submitted.body(), 201, submitted.statusCode());
        HttpResponse<String> approved = KernelHttp.send("POST", API + "/reviews", admin,
                "{\"appId\": \"todo-probe\", \"version\": \"1.0.0\", \"decision\": \"approve\"}");
        assertEquals(approved.body(), "APPROVED", KernelHttp.json(approved).path("state").asText());
        HttpResponse<String> installed = KernelHttp.send("POST", API + "/installations", schoolAdmin, "{\"appId\": \"todo-probe\", "
                + "\"version\": \"1.0.0\", \"org\": \"" + school + "\", \"consent\": [\"todos.write\"]}");
        assertEquals(installed.body(), 201, installed.statusCode());
    }

    private Org region() {
        Optional<Org> existing = orgs.findByCode(RegionWide.CALLER, "450102");
        if (existing.isPresent()) {
            return existing.get();
        }
        Org province = orgs.create(RegionWide.CALLER, org(OrgKind.PROVINCE, "45", "广西壮族自治区", null));
        Org city = orgs.create(RegionWide.CALLER, org(OrgKind.CITY, "4501", "南宁市", province.sourcedId()));
        return orgs.create(RegionWide.CALLER, org(OrgKind.DISTRICT, "450102", "青秀区", city.sourcedId()));
    }

    private static Org org(OrgKind kind, String code, String name, String parentId) {
        boolean school = kind == OrgKind.SCHOOL;
        return new Org(null, kind, code, name, parentId, null, school ? "primary" : null, school ? "public" : null,
                school ? "urban" : null, 0, null, null);
    }

    private Person person(PersonRole role, Org school, String familyName, String givenName) {
        return people.create(RegionWide.CALLER, new Person(null, role, school.sourcedId(), null, familyName, givenName, "female",
                null, null, null, null, null, null, null, List.of(), 0, null, null));
    }

    private void enroll(SchoolClass schoolClass, Person person, String role) {
        roster.enroll(RegionWide.CALLER, new Enrollment(null, schoolClass.sourcedId(), person.sourcedId(), role,
                role.equals("teacher"), null, null, null, 0, null, null));
    }

    private String user(String[] portal, String username, String grant, Person person) throws Exception {
        accounts.create(new NewAccount(username, username, PASSWORD, Optional.empty(), Optional.empty(),
                Optional.ofNullable(person).map(Person::sourcedId), List.of(RoleGrant.parse(grant))), "itest");
        return "Bearer " + LoginFlow.firstLogin(portal, username, PASSWORD, "openid appcenter messages workflow");
    }

    private static Path kar() {
        Path kar = Paths.get(System.getProperty("educloud.sample.notices", ""));
        assertTrue("the notices app's package " + kar + " exists (built by the reactor)", Files.isRegularFile(kar));
        return kar;
    }
}
