package org.educloud.sample.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.educloud.sdk.basedata.BasicDataView;
import org.educloud.sdk.basedata.Member;
import org.educloud.sdk.basedata.Org;
import org.educloud.sdk.basedata.Person;
import org.educloud.sdk.basedata.SchoolClass;
import org.educloud.sdk.user.CurrentUser;
import org.educloud.sdk.user.OrgRole;
import org.junit.jupiter.api.Test;

/** Who may post where, and who reads what, over a small school. */
class PostingRuleTest {

    static final String SCHOOL = "/37/3701/370102/3701020001";
    static final SchoolClass CLASS_2 = new SchoolClass("c2", "s1", SCHOOL, "2017级02班", "2017-02", "11", 2017);
    static final SchoolClass CLASS_3 = new SchoolClass("c3", "s1", SCHOOL, "2017级03班", "2017-03", "11", 2017);
    static final Person TEACHER = new Person("p-t", "teacher", SCHOOL, "王", "芳", "female");
    static final Person STUDENT = new Person("p-s", "student", SCHOOL, "曹", "爱华", "female");
    static final Person GUARDIAN = new Person("p-g", "guardian", SCHOOL, "曹", "建国", "male");

    @Test
    void aTeacherPostsToTheClassesTheyTeachAndTheirSchoolOnly() {
        PostingRule rule = new PostingRule(user("wang.fang", "teacher@" + SCHOOL), new School(TEACHER));
        assertEquals(Optional.of(CLASS_2), rule.audience("c2", null).schoolClass());
        assertEquals(SCHOOL, rule.audience(null, null).schoolPath(), "their only school is the default");
        Refusal notTaught = assertThrows(Refusal.class, () -> rule.audience("c3", null));
        assertEquals(403, notTaught.getResponse().getStatus());
        assertEquals(403, assertThrows(Refusal.class, () -> rule.audience(null, "/37/3701/370102/3701020002")).getResponse().getStatus());
        assertEquals(400, assertThrows(Refusal.class, () -> rule.audience("c9", null)).getResponse().getStatus(), "no such class");
        assertEquals(List.of("whole school", "2017级02班"), rule.audiences().stream()
                .map(a -> a.schoolClass().map(SchoolClass::title).orElse("whole school")).toList());
    }

    @Test
    void aStudentMayNotPost() {
        PostingRule rule = new PostingRule(user("cao.aihua", "student@" + SCHOOL + "/2017-02"), new School(STUDENT));
        assertEquals(403, assertThrows(Refusal.class, () -> rule.audience("c2", null)).getResponse().getStatus());
        assertEquals(400, assertThrows(Refusal.class, () -> rule.audience(null, null)).getResponse().getStatus());
        assertTrue(rule.audiences().isEmpty());
    }

    @Test
    void studentsReadTheirClassAndSchoolGuardiansTheirChildrens() {
        Readership student = Readership.of(user("cao.aihua", "student@" + SCHOOL + "/2017-02"), new School(STUDENT));
        assertEquals(Set.of(SCHOOL), student.schools());
        assertEquals(Set.of("c2"), student.classes());
        Readership guardian = Readership.of(user("cao.jianguo", "guardian@" + SCHOOL), new School(GUARDIAN));
        assertEquals(Set.of("c2"), guardian.classes(), "the child's class");
    }

    static CurrentUser user(String username, String role) {
        OrgRole held = new OrgRole(role.substring(0, role.indexOf('@')), role.substring(role.indexOf('@') + 1));
        return new CurrentUser() {
            public String id() { return username; }
            public Optional<String> username() { return Optional.of(username); }
            public String clientId() { return "app-notices-web"; }
            public Set<String> scopes() { return Set.of("openid"); }
            public List<OrgRole> roles() { return List.of(held); }
            public String getName() { return username; }
        };
    }

    /** One school: the teacher teaches class 2, the student is in it, the guardian is hers. */
    record School(Person who) implements BasicDataView {
        private static final Map<String, List<SchoolClass>> CLASSES = Map.of("p-t", List.of(CLASS_2), "p-s", List.of(CLASS_2));

        public List<Org> orgs() { return List.of(new Org("s1", SCHOOL, "3701020001", "历下区第一实验小学", "school")); }
        public Optional<Person> me() { return Optional.of(who); }
        public Optional<Person> person(String id) { return Optional.empty(); }
        public Optional<SchoolClass> schoolClass(String id) { return List.of(CLASS_2, CLASS_3).stream().filter(c -> c.id().equals(id)).findFirst(); }
        public List<SchoolClass> classes(String schoolId) { return List.of(CLASS_2, CLASS_3); }
        public List<SchoolClass> classesOf(String personId) { return CLASSES.getOrDefault(personId, List.of()); }
        public List<Member> members(String classId) { return List.of(); }
        public List<Person> childrenOf(String guardianId) { return guardianId.equals("p-g") ? List.of(STUDENT) : List.of(); }
    }
}
