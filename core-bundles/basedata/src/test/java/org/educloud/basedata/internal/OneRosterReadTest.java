package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.basedata.internal.oneroster.GuidRefs;
import org.educloud.basedata.internal.oneroster.OneRosterFilter;
import org.educloud.basedata.internal.oneroster.RosterCatalog;
import org.educloud.basedata.internal.oneroster.RosterCollection;
import org.educloud.basedata.internal.oneroster.RosterReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** OneRoster collections read from MariaDB: scoping to the caller's subtree, filter, sort, offset paging, the spec's shapes. */
class OneRosterReadTest {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");
    private static final GuidRefs REFS = new GuidRefs("http://h/ims/oneroster/rostering/v1p2", new ObjectMapper());

    private final RosterCatalog catalog = new RosterCatalog();
    private RosterReader reader;
    private Org lixia;
    private Org school;
    private Org otherSchool;
    private Person wang;
    private Person guardian;
    private JdbcPersonRegistry people;
    private DataSource dataSource;

    @BeforeEach
    void aCityWithTwoDistricts() throws Exception {
        dataSource = BasedataDatabase.fresh("unit_oneroster");
        reader = new RosterReader(dataSource);
        JdbcOrgDirectory orgs = new JdbcOrgDirectory(dataSource);
        people = new JdbcPersonRegistry(dataSource, IdNumberKeysTest.testCipher());
        JdbcClassRoster roster = new JdbcClassRoster(dataSource);
        JdbcCurriculum curriculum = new JdbcCurriculum(dataSource);
        Org province = orgs.create(OPERATOR, org(OrgKind.PROVINCE, "37", "山东省", null));
        Org jinan = orgs.create(OPERATOR, org(OrgKind.CITY, "3701", "济南市", province));
        lixia = orgs.create(OPERATOR, org(OrgKind.DISTRICT, "370102", "历下区", jinan));
        Org shizhong = orgs.create(OPERATOR, org(OrgKind.DISTRICT, "370103", "市中区", jinan));
        school = orgs.create(OPERATOR, new Org("school-1", OrgKind.SCHOOL, "3701020001", "历下区第一实验小学", lixia.sourcedId(), null,
                "primary", "public", "urban", 0, null, null));
        otherSchool = orgs.create(OPERATOR, new Org(null, OrgKind.SCHOOL, "3701030001", "市中区实验小学", shizhong.sourcedId(), null,
                "primary", "public", "urban", 0, null, null));
        AcademicSession year = curriculum.createSession(OPERATOR, new AcademicSession("y2024", school.sourcedId(), null, "2024学年",
                "schoolYear", 2024, LocalDate.of(2024, 9, 1), LocalDate.of(2025, 7, 15), null, 0, null, null));
        curriculum.createSession(OPERATOR, new AcademicSession("t2024a", school.sourcedId(), null, "2024学年上学期", "term", 2024,
                LocalDate.of(2024, 9, 1), LocalDate.of(2025, 1, 20), year.sourcedId(), 0, null, null));
        SchoolClass homeroom = roster.createClass(OPERATOR, new SchoolClass("class-1", school.sourcedId(), null, "2024级01班", "2024-01",
                "homeroom", "01", 2024, "t2024a", null, 0, null, null));
        String[] names = {"王", "李", "张"};
        for (int i = 0; i < names.length; i++) {
            Person student = people.create(OPERATOR, new Person("s" + i, PersonRole.STUDENT, school.sourcedId(), null, names[i], "小明",
                    i == 1 ? "female" : "male", LocalDate.of(2018, 3, 1 + i), null, null, null, null, null,
                    new StudentStatus("G10" + i, LocalDate.of(2024, 9, 1), null, null, false, false, false, false, false, false),
                    null, 0, null, null));
            roster.enroll(OPERATOR, new Enrollment("e" + i, homeroom.sourcedId(), student.sourcedId(), "student", false, null, null,
                    null, 0, null, null));
            if (i == 0) {
                wang = student;
            }
        }
        people.create(OPERATOR, new Person("s-other", PersonRole.STUDENT, otherSchool.sourcedId(), null, "赵", "其他", "male", null,
                null, null, null, null, null, null, null, 0, null, null));
        guardian = people.create(OPERATOR, new Person("g0", PersonRole.GUARDIAN, school.sourcedId(), null, "王", "大明", "male", null,
                null, null, null, "13800000000", null, null, null, 0, null, null));
        people.relate(OPERATOR, new GuardianRelation(null, guardian.sourcedId(), wang.sourcedId(), "51", true, null, null, 0, null, null));
        Person teacher = people.create(OPERATOR, new Person("t0", PersonRole.TEACHER, school.sourcedId(), null, "刘", "老师", "female",
                null, null, null, "T001", null, "liu@example.cn", null, null, 0, null, null));
        roster.enroll(OPERATOR, new Enrollment("e-t", homeroom.sourcedId(), teacher.sourcedId(), "teacher", true, null, null, null, 0,
                null, null));
    }

    @Test
    void anAgencyAtADistrictSeesItsSubtreeOnlyWithTheSpecsShapes() {
        TestCaller agency = TestCaller.holding("agency", "basedata:*:read", lixia.path().value());
        RosterReader.Listing orgs = list(agency, "orgs", null, null, false, 0, 100);
        assertEquals(2, orgs.total(), "the district and its school");
        JsonNode district = orgs.rows().get(0);
        assertEquals("district", district.path("type").asText());
        assertEquals("active", district.path("status").asText());
        assertTrue(district.path("dateLastModified").asText().endsWith("Z"));
        assertEquals("370102", district.path("identifier").asText());
        assertEquals("http://h/ims/oneroster/rostering/v1p2/orgs/school-1", district.path("children").get(0).path("href").asText());
        assertEquals("org", district.path("parent").path("type").asText());

        JsonNode everything = list(OPERATOR, "orgs", "type='state' OR type='local'", null, false, 0, 100).rows().get(1);
        assertEquals("local", everything.path("type").asText(), "a city is a local education authority");
        assertEquals(1, list(agency, "schools", null, null, false, 0, 100).total());
        assertEquals(4, list(agency, "students", null, null, false, 0, 100).total() + 1, "three students, not the other district's");
    }

    @Test
    void usersCarryRolesAgentsAndIdentifiersButNeverIdNumbers() {
        JsonNode student = reader.find(OPERATOR, collection("users"), "s0", REFS).orElseThrow();
        assertEquals("student", student.path("roles").get(0).path("role").asText());
        assertEquals("primary", student.path("roles").get(0).path("roleType").asText());
        assertEquals("school-1", student.path("primaryOrg").path("sourcedId").asText());
        assertEquals("g0", student.path("agents").get(0).path("sourcedId").asText());
        assertEquals("G100", student.path("identifier").asText());
        assertEquals("registryNumber", student.path("userIds").get(0).path("type").asText());
        assertTrue(student.path("idNumber").isMissingNode());
        assertEquals("s0", reader.find(OPERATOR, collection("users"), "g0", REFS).orElseThrow()
                .path("agents").get(0).path("sourcedId").asText());
        assertTrue(reader.find(OPERATOR, collection("teachers"), "s0", REFS).isEmpty(), "a student is no teacher");
        JsonNode demographics = reader.find(OPERATOR, collection("demographics"), "s1", REFS).orElseThrow();
        assertEquals("female", demographics.path("sex").asText());
        assertEquals("2018-03-02", demographics.path("birthDate").asText());
    }

    @Test
    void filterSortAndOffsetPagesOverTheWholeFilteredCollection() {
        RosterReader.Listing first = list(OPERATOR, "students", "givenName='小明'", "familyName", true, 0, 2);
        assertEquals(3, first.total());
        // The collation orders Chinese by code point: 王 (U+738B) > 李 (U+674E) > 张 (U+5F20).
        assertEquals(List.of("王", "李"), first.rows().stream().map(r -> r.path("familyName").asText()).toList());
        RosterReader.Listing second = list(OPERATOR, "students", "givenName='小明'", "familyName", true, 2, 2);
        assertEquals(List.of("张"), second.rows().stream().map(r -> r.path("familyName").asText()).toList());
        assertEquals(0, list(OPERATOR, "students", null, null, false, 10, 2).rows().size());

        assertEquals(1, list(OPERATOR, "enrollments", "role='teacher' AND primary='true'", null, false, 0, 10).total());
        assertEquals(1, list(OPERATOR, "terms", null, null, false, 0, 10).total());
        JsonNode year = list(OPERATOR, "academicSessions", "type='schoolYear'", null, false, 0, 10).rows().get(0);
        assertEquals("2025", year.path("schoolYear").asText(), "the year the school year ends in");
        assertEquals("t2024a", year.path("children").get(0).path("sourcedId").asText());
        JsonNode homeroom = list(OPERATOR, "classes", "school.sourcedId='school-1'", null, false, 0, 10).rows().get(0);
        assertEquals("t2024a", homeroom.path("terms").get(0).path("sourcedId").asText());
        assertEquals("01", homeroom.path("grades").get(0).asText());
        assertEquals(4, list(OPERATOR, "users", "dateLastModified>='2000-01-01' AND familyName~'王'", null, false, 0, 10).total()
                + 2, "王小明 and 王大明");
    }

    @Test
    void theTotalIsCountedAgainAfterEveryCommittedChange() {
        assertEquals(6, list(OPERATOR, "users", null, null, false, 0, 2).total(), "four students, a guardian, a teacher");
        assertEquals(6, list(OPERATOR, "users", null, null, false, 2, 2).total(), "the same while nothing changed");
        people.create(OPERATOR, new Person("s-new", PersonRole.STUDENT, school.sourcedId(), null, "孙", "新", "male", null, null, null,
                null, null, null, null, null, 0, null, null));
        assertEquals(7, list(OPERATOR, "users", null, null, false, 0, 2).total());
        assertEquals(5, list(OPERATOR, "students", null, null, false, 0, 2).total());
        people.delete(OPERATOR, "s-new", null);
        assertEquals(6, list(OPERATOR, "users", null, null, false, 0, 2).total());
        assertEquals(4, list(OPERATOR, "students", null, null, false, 0, 2).total());
    }

    @Test
    void offsetPagesWalkEveryVisibleRowOnceInOrder() {
        List<String> walked = new java.util.ArrayList<>();
        for (int offset = 0; offset < 6; offset += 4) {
            walked.addAll(list(OPERATOR, "users", null, null, false, offset, 4).rows().stream().map(r -> r.path("sourcedId").asText())
                    .toList());
        }
        assertEquals(List.of("s0", "s1", "s2", "s-other", "g0", "t0"), walked, "in the order they were made (row id)");
        List<String> descending = list(OPERATOR, "users", null, "familyName", true, 1, 3).rows().stream()
                .map(r -> r.path("sourcedId").asText()).toList();
        assertEquals(List.of("g0", "s0", "s1"), descending, "赵 (skipped by offset 1), then the two 王 by row id, descending, then 李");
        // Roles readable in different subtrees: students of the school and teachers of the district, not the guardian.
        TestCaller headTeacher = TestCaller.holding("head", "basedata:students:read", school.path().value())
                .and("basedata:teachers:read", lixia.path().value());
        RosterReader.Listing theirs = list(headTeacher, "users", null, null, false, 0, 10);
        assertEquals(4, theirs.total());
        assertEquals(List.of("s0", "s1", "s2", "t0"), theirs.rows().stream().map(r -> r.path("sourcedId").asText()).toList());

        // The next page starts after the last row served only while nothing changed: a row deleted before it moves the rest up.
        assertEquals(4, list(OPERATOR, "users", null, null, false, 0, 4).rows().size(), "ends after s-other");
        people.delete(OPERATOR, "s-other", null);
        assertEquals(List.of("t0"), list(OPERATOR, "users", null, null, false, 4, 4).rows().stream()
                .map(r -> r.path("sourcedId").asText()).toList());
        assertEquals(List.of("g0", "s2"), list(OPERATOR, "users", null, null, true, 1, 2).rows().stream()
                .map(r -> r.path("sourcedId").asText()).toList(), "orderBy=desc, by row id");
        assertEquals(List.of("s1", "s0"), list(OPERATOR, "users", null, null, true, 3, 2).rows().stream()
                .map(r -> r.path("sourcedId").asText()).toList(), "the next page in descending order");
    }

    /** Far jumps start after a mark laid on the way (every 5 rows here), and give what a walk from the start gives. */
    @Test
    void pagesAtAnyOffsetInAnyOrderAreThoseOfAWalkFromTheStart() {
        for (int i = 0; i < 60; i++) {
            people.create(OPERATOR, new Person("m" + i, PersonRole.STUDENT, school.sourcedId(), null, "周", "同学" + i, "male", null, null,
                    null, null, null, null, null, null, 0, null, null));
        }
        List<String> all = ids(list(OPERATOR, "users", null, null, false, 0, 100));
        List<String> allDescending = ids(list(OPERATOR, "users", null, null, true, 0, 100));
        assertEquals(66, all.size());
        RosterReader ruled = new RosterReader(dataSource, 5);
        for (int offset : new int[] {50, 3, 64, 12, 0, 31, 65, 49, 20, 21}) {
            assertEquals(all.subList(offset, Math.min(66, offset + 3)), ids(ruled.list(OPERATOR, collection("users"),
                    new RosterReader.Request(null, null, false, offset, 3), REFS)), "offset " + offset);
            assertEquals(allDescending.subList(offset, Math.min(66, offset + 3)), ids(ruled.list(OPERATOR, collection("users"),
                    new RosterReader.Request(null, null, true, offset, 3), REFS)), "offset " + offset + ", descending");
        }
        people.delete(OPERATOR, "m10", null);
        List<String> after = new java.util.ArrayList<>(all);
        after.remove("m10");
        assertEquals(after.subList(40, 43), ids(ruled.list(OPERATOR, collection("users"), new RosterReader.Request(null, null, false,
                40, 3), REFS)), "marks laid before a change are not used after it");
    }

    private static List<String> ids(RosterReader.Listing listing) {
        return listing.rows().stream().map(r -> r.path("sourcedId").asText()).toList();
    }

    @Test
    void aCallerWithoutAnyReadPermissionIsRefusedNotShownAnEmptyList() {
        TestCaller nobody = TestCaller.holding("nobody", "apps:launch", "/37");
        assertThrows(RosterCollection.NotPermitted.class, () -> list(nobody, "orgs", null, null, false, 0, 10));
        assertThrows(RosterCollection.NotPermitted.class, () -> list(nobody, "users", null, null, false, 0, 10));
    }

    private RosterReader.Listing list(TestCaller caller, String name, String filter, String sort, boolean descending, long offset,
            int limit) {
        return reader.list(caller, collection(name), new RosterReader.Request(filter == null ? null : OneRosterFilter.parse(filter),
                sort, descending, offset, limit), REFS);
    }

    private RosterCollection collection(String name) {
        return catalog.collection(name).orElseThrow();
    }

    private static Org org(OrgKind kind, String code, String name, Org parent) {
        return new Org(null, kind, code, name, parent == null ? null : parent.sourcedId(), null, null, null, null, 0, null, null);
    }
}
