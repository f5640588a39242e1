package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Change;
import org.educloud.basedata.Course;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgCounts;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.OrgPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orgs, people, classes and enrollments against a real MariaDB: validation, scoping, versions, ID numbers, the feed. */
class BasicDataTest {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");
    private static final String ID = "370102200505050010";

    private DataSource dataSource;
    private JdbcOrgDirectory orgs;
    private JdbcPersonRegistry people;
    private JdbcClassRoster roster;
    private JdbcChangeFeed feed;
    private Org lixia;
    private Org school;
    private Org otherSchool;

    @BeforeEach
    void aProvinceWithTwoDistricts() throws Exception {
        dataSource = BasedataDatabase.fresh("unit_data");
        orgs = new JdbcOrgDirectory(dataSource);
        people = new JdbcPersonRegistry(dataSource, IdNumberKeysTest.testCipher());
        roster = new JdbcClassRoster(dataSource);
        feed = new JdbcChangeFeed(dataSource);
        Org province = orgs.create(OPERATOR, org(OrgKind.PROVINCE, "37", "山东省", null));
        Org jinan = orgs.create(OPERATOR, org(OrgKind.CITY, "3701", "济南市", province));
        lixia = orgs.create(OPERATOR, org(OrgKind.DISTRICT, "370102", "历下区", jinan));
        Org shizhong = orgs.create(OPERATOR, org(OrgKind.DISTRICT, "370103", "市中区", jinan));
        school = orgs.create(OPERATOR, school("3701020001", "历下区第一实验小学", lixia));
        otherSchool = orgs.create(OPERATOR, school("3701030001", "市中区实验小学", shizhong));
    }

    @Test
    void orgsGetTheirPathFromTheirParentsCodesAndCodesAreChecked() {
        assertEquals(OrgPath.of("/37/3701/370102/3701020001"), school.path());
        assertEquals(lixia.sourcedId(), school.parentId());
        assertEquals(1, school.version());

        assertField("code", () -> orgs.create(OPERATOR, org(OrgKind.DISTRICT, "370201", "崂山区", orgByCode("3701"))));
        assertField("code", () -> orgs.create(OPERATOR, school("37010200", "短码学校", lixia)));
        assertField("parentId", () -> orgs.create(OPERATOR, org(OrgKind.CITY, "3702", "青岛市", null)));
        assertField("stage", () -> orgs.create(OPERATOR, new Org(null, OrgKind.SCHOOL, "3701020002", "无学段学校",
                lixia.sourcedId(), null, null, "public", "urban", 0, null, null)));
        BasedataProblem taken = assertThrows(BasedataProblem.class, () -> orgs.create(OPERATOR, school("3701020001", "重复", lixia)));
        assertEquals(Kind.CONFLICT, taken.kind());
    }

    @Test
    void aDistrictOfficerSeesAndChangesOnlyTheirDistrict() {
        TestCaller officer = TestCaller.holding("officer", "basedata:*:*", "/37/3701/370102");

        List<String> visible = orgs.list(officer, ListQuery.first(100), null).items().stream().map(Org::code).toList();
        assertEquals(List.of("370102", "3701020001"), visible);
        assertTrue(orgs.find(officer, otherSchool.sourcedId()).isEmpty(), "another district's school is not found");
        BasedataProblem refused = assertThrows(BasedataProblem.class,
                () -> orgs.create(officer, school("3701030002", "市中区第二小学", orgByCode("370103"))));
        assertEquals(Kind.FORBIDDEN, refused.kind());
        assertTrue(refused.getMessage().contains("basedata:orgs:write at /37/3701/370103/3701030002"), refused.getMessage());

        BasedataProblem nowhere = assertThrows(BasedataProblem.class,
                () -> orgs.list(TestCaller.holding("teacher", "basedata:students:read", "/37"), ListQuery.first(10), null));
        assertEquals(Kind.FORBIDDEN, nowhere.kind());
    }

    @Test
    void listsPageByCursorWithoutRepeatsOrGaps() {
        List<String> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        do {
            Page<Org> page = orgs.list(OPERATOR, new ListQuery(OrgPath.ROOT, after, 2), null);
            page.items().forEach(o -> seen.add(o.code()));
            after = page.next().orElse(null);
            pages++;
        } while (after != null);
        assertEquals(List.of("37", "3701", "370102", "370103", "3701020001", "3701030001"), seen);
        assertEquals(3, pages);
        assertEquals(List.of("3701020001", "3701030001"),
                orgs.list(OPERATOR, ListQuery.first(10), OrgKind.SCHOOL).items().stream().map(Org::code).toList());
        assertField("after", () -> orgs.list(OPERATOR, new ListQuery(OrgPath.ROOT, "abc", 2), null));
    }

    @Test
    void anUpdateNeedsTheVersionItWasBasedOn() {
        Org renamed = orgs.update(OPERATOR, school.sourcedId(), 1, withName(school, "历下区第一实验小学（本部）"));
        assertEquals(2, renamed.version());

        BasedataProblem stale = assertThrows(BasedataProblem.class,
                () -> orgs.update(OPERATOR, school.sourcedId(), 1, withName(school, "旧名")));
        assertEquals(Kind.VERSION_MISMATCH, stale.kind());
        assertTrue(stale.getMessage().contains("version 2"), stale.getMessage());
        assertEquals("历下区第一实验小学（本部）", orgs.find(OPERATOR, school.sourcedId()).orElseThrow().name());

        assertField("code", () -> orgs.update(OPERATOR, school.sourcedId(), 2, new Org(null, OrgKind.SCHOOL, "3701020009",
                "x", null, null, "primary", "public", "urban", 0, null, null)));
        BasedataProblem occupied = assertThrows(BasedataProblem.class, () -> orgs.delete(OPERATOR, lixia.sourcedId(), null));
        assertEquals(Kind.CONFLICT, occupied.kind());
        assertTrue(occupied.getMessage().contains("1 child orgs"), occupied.getMessage());
    }

    @Test
    void aStudentWithStatusAndGuardiansKeepsTheIdNumberSealedAndMasked() throws Exception {
        Person student = people.create(OPERATOR, student("张", "小明", ID));
        assertEquals("3701**********0010", student.idNumberMasked());
        assertNull(student.idNumber(), "a create does not echo the whole number");
        assertEquals(LocalDate.of(2005, 5, 5), student.birthDate(), "taken from the ID number");
        assertEquals(0, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_person WHERE id_number_cipher LIKE '%370102%'"));

        Person guardian = people.create(OPERATOR, new Person(null, PersonRole.GUARDIAN, school.sourcedId(), null, "张", "国强", "male",
                null, null, null, null, "13800000000", null, null, null, 0, null, null));
        GuardianRelation father = people.relate(OPERATOR, new GuardianRelation(null, guardian.sourcedId(), student.sourcedId(), "51",
                true, null, null, 0, null, null));

        TestCaller teacher = TestCaller.holding("teacher", "basedata:students:read", school.path().value());
        Person seen = people.find(teacher, student.sourcedId(), false).orElseThrow();
        assertNull(seen.idNumber());
        assertEquals("G370102200505050010", seen.status().registryNumber());
        assertTrue(seen.status().leftBehindChild());
        assertEquals(List.of("张国强"), seen.guardians().stream().map(GuardianRelation::guardianName).toList());
        assertEquals(father.sourcedId(), seen.guardians().get(0).sourcedId());

        BasedataProblem refused = assertThrows(BasedataProblem.class, () -> people.find(teacher, student.sourcedId(), true));
        assertEquals(Kind.FORBIDDEN, refused.kind());
        assertEquals(0, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_audit_event"));

        TestCaller registrar = teacher.and("basedata:idnumbers:read", lixia.path().value());
        assertEquals(ID, people.find(registrar, student.sourcedId(), true).orElseThrow().idNumber().value());
        assertEquals(1, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_audit_event WHERE actor = 'teacher' "
                + "AND action = 'idnumber.read' AND target = '" + student.sourcedId() + "'"), "every whole read is audited");

        Page<Person> byNumber = people.list(teacher, ListQuery.first(10), null, new NationalId(ID), false);
        assertEquals(List.of(student.sourcedId()), byNumber.items().stream().map(Person::sourcedId).toList());
        assertTrue(people.list(TestCaller.holding("other", "basedata:students:read", otherSchool.path().value()),
                ListQuery.first(10), null, new NationalId(ID), false).items().isEmpty(), "another school's registrar finds nobody");
    }

    @Test
    void badPeopleAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        people.create(OPERATOR, student("张", "小明", ID));
        BasedataProblem twice = assertThrows(BasedataProblem.class, () -> people.create(OPERATOR, student("张", "小明", ID)));
        assertEquals("idNumber", twice.field());
        assertField("orgId", () -> people.create(OPERATOR, new Person(null, PersonRole.STUDENT, lixia.sourcedId(), null, "李", "雷",
                null, null, null, null, null, null, null, null, null, 0, null, null)));
        assertField("birthDate", () -> people.create(OPERATOR, new Person(null, PersonRole.TEACHER, school.sourcedId(), null, "李",
                "雷", null, LocalDate.of(1990, 1, 1), new NationalId("11010519491231002X"), null, null, null, null, null, null, 0,
                null, null)));
        assertField("status", () -> people.create(OPERATOR, new Person(null, PersonRole.TEACHER, school.sourcedId(), null, "李",
                "雷", null, null, null, null, null, null, null, status("G1234"), null, 0, null, null)));
        assertEquals(1, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_person"));
        assertEquals(1, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_student_status"));
    }

    @Test
    void classesAndEnrollmentsFollowTheirSchool() {
        Person student = people.create(OPERATOR, student("张", "小明", ID));
        Person teacher = people.create(OPERATOR, new Person(null, PersonRole.TEACHER, school.sourcedId(), null, "王", "蕊", "female",
                null, null, null, "T2017001", null, null, null, null, 0, null, null));
        SchoolClass schoolClass = roster.createClass(OPERATOR, new SchoolClass(null, school.sourcedId(), null, "2017级02班", "2017-02",
                "homeroom", "11", 2017, null, null, 0, null, null));
        assertEquals(school.path().value(), schoolClass.orgPath());
        assertField("gradeCode", () -> roster.createClass(OPERATOR, new SchoolClass(null, school.sourcedId(), null, "x", null,
                null, "13", null, null, null, 0, null, null)));
        assertField("schoolId", () -> roster.createClass(OPERATOR, new SchoolClass(null, lixia.sourcedId(), null, "x", null,
                null, null, null, null, null, 0, null, null)));

        Enrollment enrolled = roster.enroll(OPERATOR, new Enrollment(null, schoolClass.sourcedId(), student.sourcedId(), "student",
                false, LocalDate.of(2017, 9, 1), null, null, 0, null, null));
        roster.enroll(OPERATOR, new Enrollment(null, schoolClass.sourcedId(), teacher.sourcedId(), "teacher", true, null, null,
                null, 0, null, null));
        assertField("role", () -> roster.enroll(OPERATOR, new Enrollment(null, schoolClass.sourcedId(), teacher.sourcedId(),
                "student", false, null, null, null, 0, null, null)));
        assertEquals(2, roster.enrollments(OPERATOR, ListQuery.first(10), schoolClass.sourcedId(), null).items().size());

        Enrollment ended = roster.updateEnrollment(OPERATOR, enrolled.sourcedId(), 1, new Enrollment(null, null, null, "student",
                false, LocalDate.of(2017, 9, 1), LocalDate.of(2020, 7, 1), null, 0, null, null));
        assertEquals(2, ended.version());
        BasedataProblem stillEnrolled = assertThrows(BasedataProblem.class, () -> people.delete(OPERATOR, student.sourcedId(), null));
        assertEquals(Kind.CONFLICT, stillEnrolled.kind());

        List<OrgCounts> stats = orgs.statistics(OPERATOR, OrgPath.of("/37/3701"));
        OrgCounts lixiaCounts = stats.stream().filter(c -> c.org().code().equals("370102")).findFirst().orElseThrow();
        assertEquals(List.of(1L, 1L, 0L, 1L, 1L, 0L, 1L), List.of(lixiaCounts.schools(), lixiaCounts.publicSchools(),
                lixiaCounts.privateSchools(), lixiaCounts.classes(), lixiaCounts.students(), lixiaCounts.femaleStudents(),
                lixiaCounts.teachers()));
        assertEquals(List.of(0L, 1L, 0L, 0L, 0L, 1L), List.of(lixiaCounts.migrantChildren(), lixiaCounts.leftBehindChildren(),
                lixiaCounts.orphans(), lixiaCounts.disabledStudents(), lixiaCounts.specialCare(), lixiaCounts.financialAid()));
    }

    @Test
    void everyWriteIsInTheFeedInOrderAndEachReaderSeesOnlyWhatItMayRead() {
        Person student = people.create(OPERATOR, student("张", "小明", ID));
        Person updated = people.update(OPERATOR, student.sourcedId(), 1, new Person(null, null, school.sourcedId(), null, "张",
                "晓明", "male", null, null, null, null, null, null, null, null, 0, null, null));
        assertEquals(2, updated.version());
        assertEquals("3701**********0010", updated.idNumberMasked(), "an update without a number keeps the stored one");
        people.delete(OPERATOR, student.sourcedId(), 2);

        List<Change> all = feed.since(OPERATOR, 0, 500).items();
        assertEquals(9, all.size(), "six orgs, then the student's create, update, delete");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).cursor() > all.get(i - 1).cursor());
        }
        assertEquals(List.of("create", "update", "delete"), all.subList(6, 9).stream().map(Change::operation).toList());
        assertEquals(List.of(1, 2, 3), all.subList(6, 9).stream().map(Change::version).toList());
        assertEquals("student", all.get(6).entity());

        Page<Change> rest = feed.since(OPERATOR, all.get(6).cursor(), 500);
        assertEquals(2, rest.items().size());
        assertEquals(String.valueOf(all.get(8).cursor()), rest.next().orElseThrow());
        assertEquals(rest.next(), feed.since(OPERATOR, all.get(8).cursor(), 500).next(), "an empty answer keeps the cursor");

        TestCaller otherDistrict = TestCaller.holding("other", "basedata:*:read", "/37/3701/370103");
        assertEquals(List.of("370103", "3701030001"), feed.since(otherDistrict, 0, 500).items().stream()
                .map(c -> c.orgPath().substring(c.orgPath().lastIndexOf('/') + 1)).toList());
        TestCaller orgsOnly = TestCaller.holding("orgs", "basedata:orgs:read", "/37/3701/370102");
        assertTrue(feed.since(orgsOnly, 0, 500).items().stream().allMatch(c -> c.entity().equals("org")));
    }

    @Test
    void schoolYearsTermsAndCoursesHoldTogether() throws Exception {
        JdbcCurriculum curriculum = new JdbcCurriculum(dataSource);
        Org province = orgByCode("37");
        AcademicSession year = curriculum.createSession(OPERATOR, new AcademicSession(null, province.sourcedId(), null, "2018学年",
                "schoolYear", 2018, LocalDate.of(2018, 9, 1), LocalDate.of(2019, 7, 15), null, 0, null, null));
        AcademicSession term = curriculum.createSession(OPERATOR, new AcademicSession(null, school.sourcedId(), null,
                "2018学年上学期", "term", 2018, LocalDate.of(2018, 9, 1), LocalDate.of(2019, 1, 20), year.sourcedId(), 0, null, null));
        assertEquals(year.sourcedId(), term.parentId());
        assertField("parentId", () -> curriculum.createSession(OPERATOR, new AcademicSession(null, school.sourcedId(), null,
                "无学年的学期", "term", 2018, LocalDate.of(2018, 9, 1), LocalDate.of(2019, 1, 20), null, 0, null, null)));
        assertField("startDate", () -> curriculum.createSession(OPERATOR, new AcademicSession(null, school.sourcedId(), null,
                "越界学期", "term", 2018, LocalDate.of(2018, 8, 1), LocalDate.of(2019, 1, 20), year.sourcedId(), 0, null, null)));

        Course chinese = curriculum.createCourse(OPERATOR, new Course(null, school.sourcedId(), null, "高中语文必修1", "YW-1", "01",
                "10", year.sourcedId(), 0, null, null));
        SchoolClass taught = roster.createClass(OPERATOR, new SchoolClass(null, school.sourcedId(), null, "语文1班", null,
                "scheduled", "10", 2018, term.sourcedId(), chinese.sourcedId(), 0, null, null));
        assertEquals(term.sourcedId(), roster.findClass(OPERATOR, taught.sourcedId()).orElseThrow().sessionId());
        assertEquals(chinese.sourcedId(), taught.courseId());
        assertField("courseId", () -> roster.createClass(OPERATOR, new SchoolClass(null, school.sourcedId(), null, "x", null,
                null, null, null, null, "no-such-course", 0, null, null)));

        BasedataProblem inUse = assertThrows(BasedataProblem.class, () -> curriculum.deleteCourse(OPERATOR, chinese.sourcedId(), 1));
        assertEquals(Kind.CONFLICT, inUse.kind());
        Course renamed = curriculum.updateCourse(OPERATOR, chinese.sourcedId(), 1, new Course(null, null, null, "语文必修一", "YW-1",
                "01", "10", year.sourcedId(), 0, null, null));
        assertEquals(2, renamed.version());
        assertEquals(List.of(term.sourcedId()), curriculum.sessions(TestCaller.holding("school", "basedata:sessions:read",
                school.path().value()), ListQuery.first(10), null).items().stream().map(AcademicSession::sourcedId).toList());
        assertTrue(feed.since(OPERATOR, 0, 500).items().stream().anyMatch(c -> c.entity().equals("academicSession")));
        assertTrue(feed.since(OPERATOR, 0, 500).items().stream().anyMatch(c -> c.entity().equals("course")
                && c.operation().equals("update")));
    }

    private Org orgByCode(String code) {
        return orgs.findByCode(OPERATOR, code).orElseThrow();
    }

    private Person student(String family, String given, String id) {
        return new Person(null, PersonRole.STUDENT, school.sourcedId(), null, family, given, "male", null, new NationalId(id), null,
                null, null, null, status("G" + id), null, 0, null, null);
    }

    private static StudentStatus status(String registryNumber) {
        return new StudentStatus(registryNumber, LocalDate.of(2016, 9, 1), "山东省德州市", "德州经济开发区华腾御城1-2-603", false, true,
                false, false, false, true);
    }

    private static Org org(OrgKind kind, String code, String name, Org parent) {
        return new Org(null, kind, code, name, parent == null ? null : parent.sourcedId(), null, null, null, null, 0, null, null);
    }

    private static Org school(String code, String name, Org parent) {
        return new Org(null, OrgKind.SCHOOL, code, name, parent.sourcedId(), null, "primary", "public", "urban", 0, null, null);
    }

    private static Org withName(Org org, String name) {
        return new Org(null, null, null, name, null, null, org.stage(), org.ownership(), org.locale(), 0, null, null);
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable action) {
        BasedataProblem problem = assertThrows(BasedataProblem.class, action);
        assertEquals(field, problem.field(), problem.getMessage());
        assertFalse(problem.getMessage().isBlank());
    }
}
