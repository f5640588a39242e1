package org.educloud.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.Account;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.Workflows;
import org.junit.jupiter.api.Test;

/** "My information" over services that answer as the basic data does: only what the delegated caller may read. */
class MyInformationTest {

    private static final String SCHOOL = "/37/1401/140105/1401050001";
    private final List<NewCase> started = new ArrayList<>();
    private final List<Caller> callers = new ArrayList<>();
    private final PortalPages pages = new PortalPages();
    private final MyInformation info = new MyInformation(people(), roster(), orgs(), workflows(), pages);
    private final Account student = account("cao.aihua", Optional.of("stu-1"), "student@" + SCHOOL);

    @Test
    void aStudentSeesTheirRecordWithTheIdNumberMaskedTheirStatusClassAndGuardians() {
        @SuppressWarnings("unchecked")
        Map<String, Object> me = (Map<String, Object>) info.model(student, "zh-CN", null, Map.of(), "").get("me");
        String person = me.get("person").toString();
        assertTrue(person.contains("曹爱华") && person.contains("2004-04-29") && person.contains("3714**********0429")
                && person.contains("德州市第一中学"), person);
        assertFalse(person.contains("371402200404290429"), "never the whole ID number");
        String status = me.get("status").toString();
        assertTrue(status.contains("G371402200404290429") && status.contains("2016-09-01") && status.contains("德州经济开发区华腾御城1-2-603"),
                status);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> rows = (List<Map<String, String>>) me.get("status");
        assertEquals("是", rows.stream().filter(row -> row.get("id").equals("leftBehindChild")).findFirst().orElseThrow().get("value"));
        assertEquals("否", rows.stream().filter(row -> row.get("id").equals("orphan")).findFirst().orElseThrow().get("value"));
        assertEquals(List.of(Map.of("title", "2017级02班")), me.get("classes"));
        assertEquals(List.of(Map.of("name", "曹建国", "relation", "父亲")), me.get("guardians"));
        assertEquals(15, ((List<?>) me.get("fields")).size(), "every field of a student's record");
        // Read as the student, only at their school, only their kinds of record.
        Caller caller = callers.get(0);
        assertEquals(Optional.of("cao.aihua"), caller.username());
        assertTrue(caller.isPermitted("basedata:students:read", OrgPath.of(SCHOOL)));
        assertFalse(caller.isPermitted("basedata:students:write", OrgPath.of(SCHOOL)));
        assertFalse(caller.isPermitted("basedata:students:read", OrgPath.of("/37/1401/140105/1401050002")));
    }

    @Test
    void aRequestHoldsOnlyTheFieldsGivenAnotherValue() {
        Actor actor = new Actor("cao.aihua", student.grants(), Optional.empty());
        info.request(student, actor, Map.of("address", "德州经济开发区华腾御城1-2-604", "householdRegistration", "", "gender", "female",
                "leftBehindChild", "true", "orphan", "true"), "门牌号写错了");
        NewCase request = started.get(0);
        assertEquals(RecordCorrectionWorkflow.ID, request.definitionId());
        assertEquals("stu-1", request.subject());
        assertEquals(OrgPath.of(SCHOOL), request.school());
        assertEquals("曹爱华", request.subjectName());
        assertEquals(List.of("address", "address.was", "orphan", "orphan.was"), List.copyOf(request.details().keySet()),
                "unchanged gender and flag, and the empty field, are not corrections");
        assertEquals("德州经济开发区华腾御城1-2-603", request.details().get("address.was"));

        WorkflowProblem nothing = assertThrows(WorkflowProblem.class, () -> info.request(student, actor, Map.of("gender", "female"), "x"));
        assertEquals("details", nothing.field());
        assertEquals("birthDate", assertThrows(WorkflowProblem.class,
                () -> info.request(student, actor, Map.of("birthDate", "29/04/2004"), "x")).field());
    }

    @Test
    void aTeacherHasNoStudentStatusAndSeesTheClassesTheyTeach() {
        Account teacher = account("wang.rui", Optional.of("tea-1"), "teacher@" + SCHOOL);
        @SuppressWarnings("unchecked")
        Map<String, Object> me = (Map<String, Object>) info.model(teacher, "en", null, Map.of(), "").get("me");
        assertFalse(me.containsKey("status"));
        assertEquals(List.of(Map.of("title", "2017级02班", "head", "head teacher")), me.get("classes"));
        assertEquals("Classes taught", me.get("classesTitle"));
        assertEquals(6, ((List<?>) me.get("fields")).size(), "no student status fields");
        assertTrue(me.get("person").toString().contains("T2010001"));
    }

    @Test
    void anAccountWithoutARecordIsToldWhomToAsk() {
        @SuppressWarnings("unchecked")
        Map<String, Object> me = (Map<String, Object>) info.model(account("nobody", Optional.empty(), "student@" + SCHOOL), "zh-CN", null,
                Map.of(), "").get("me");
        assertEquals(pages.text("zh-CN", "noRecordLinked"), me.get("noRecord"));
        assertFalse(me.containsKey("fields"));
    }

    private static Account account(String username, Optional<String> personId, String grant) {
        return new Account(1, username, Optional.empty(), Optional.empty(), personId, username, false, false, Optional.empty(),
                List.of(RoleGrant.parse(grant)));
    }

    private PersonRegistry people() {
        Person student = new Person("stu-1", PersonRole.STUDENT, "org-1", SCHOOL, "曹", "爱华", "female", LocalDate.of(2004, 4, 29),
                null, "3714**********0429", null, "13800000000", null, new StudentStatus("G371402200404290429", LocalDate.of(2016, 9, 1),
                "德州市德城区", "德州经济开发区华腾御城1-2-603", false, true, false, false, false, false),
                List.of(new GuardianRelation("rel-1", "gua-1", "stu-1", "51", true, "曹建国", SCHOOL, 1, null, null)), 3, null, null);
        Person teacher = new Person("tea-1", PersonRole.TEACHER, "org-1", SCHOOL, "王", "蕊", "female", LocalDate.of(1988, 1, 1),
                null, null, "T2010001", null, null, null, List.of(), 1, null, null);
        return proxy(PersonRegistry.class, (method, args) -> {
            Caller caller = (Caller) args[0];
            callers.add(caller);
            Person found = "stu-1".equals(args[1]) ? student : "tea-1".equals(args[1]) ? teacher : null;
            return Optional.ofNullable(found).filter(p -> caller.isPermitted("basedata:" + p.role().noun() + ":read", OrgPath.of(SCHOOL)));
        });
    }

    private ClassRoster roster() {
        SchoolClass clazz = new SchoolClass("cls-1", "org-1", SCHOOL, "2017级02班", "2017-02", "homeroom", "11", 2017, null, null, 1, null,
                null);
        return proxy(ClassRoster.class, (method, args) -> switch (method.getName()) {
            case "enrollments" -> new Page<>(List.of(new Enrollment("enr-1", "cls-1", (String) args[3],
                    "stu-1".equals(args[3]) ? "student" : "teacher", "tea-1".equals(args[3]), null, null, SCHOOL, 1, null, null)),
                    Optional.empty());
            case "findClass" -> Optional.of(clazz);
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private static OrgDirectory orgs() {
        return proxy(OrgDirectory.class, (method, args) -> Optional.of(new Org("org-1", OrgKind.SCHOOL, "1401050001", "德州市第一中学", null,
                OrgPath.of(SCHOOL), "senior", "public", "urban", 1, null, null)));
    }

    private Workflows workflows() {
        return proxy(Workflows.class, (method, args) -> switch (method.getName()) {
            case "cases" -> List.of();
            case "start" -> {
                NewCase request = (NewCase) args[0];
                // As the engine: a record correction's details are read (and checked) before it starts.
                RecordCorrectionWorkflow.corrections(request.details());
                started.add(request);
                yield new WorkflowCase(1, request.definitionId(), request.subject(), request.subjectName(), request.school(),
                        Optional.empty(), "cao.aihua", request.reason(), CaseStatus.IN_REVIEW, Optional.empty(), 1, Instant.now(),
                        Instant.now(), request.details());
            }
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private interface Answer {
        Object answer(java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(MyInformationTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method, args)));
    }
}
