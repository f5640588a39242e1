package org.educloud.basedata.internal.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Change;
import org.educloud.basedata.Course;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of each kind of row, both ways. Read-only fields (paths, versions, timestamps) are
 * accepted and ignored on input, so a client can send back what it read with its changes.
 */
final class Representations {

    private static final Set<String> ORG = Set.of("sourcedId", "kind", "code", "name", "parentId", "path", "stage", "ownership",
            "locale", "version", "createdAt", "updatedAt");
    private static final Set<String> PERSON = Set.of("sourcedId", "role", "orgId", "orgPath", "name", "familyName", "givenName",
            "gender", "birthDate", "idNumber", "staffNumber", "phone", "email", "status", "guardians", "version", "createdAt",
            "updatedAt");
    private static final Set<String> STATUS = Set.of("registryNumber", "enrollmentDate", "householdRegistration", "address",
            "migrantChild", "leftBehindChild", "orphan", "disabled", "specialCare", "financialAid");
    private static final Set<String> RELATION = Set.of("sourcedId", "guardianId", "studentId", "relationCode", "primaryContact",
            "guardianName", "orgPath", "version", "createdAt", "updatedAt");
    private static final Set<String> CLASS = Set.of("sourcedId", "schoolId", "orgPath", "title", "classCode", "classType",
            "gradeCode", "entryYear", "sessionId", "courseId", "version", "createdAt", "updatedAt");
    private static final Set<String> SESSION = Set.of("sourcedId", "orgId", "orgPath", "title", "sessionType", "schoolYear",
            "startDate", "endDate", "parentId", "version", "createdAt", "updatedAt");
    private static final Set<String> COURSE = Set.of("sourcedId", "orgId", "orgPath", "title", "courseCode", "subjectCode",
            "gradeCode", "sessionId", "version", "createdAt", "updatedAt");
    private static final Set<String> ENROLLMENT = Set.of("sourcedId", "classId", "personId", "role", "primaryTeacher",
            "beginDate", "endDate", "orgPath", "version", "createdAt", "updatedAt");

    private Representations() {
    }

    static ObjectNode json(Org org) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("sourcedId", org.sourcedId());
        node.put("kind", org.kind().label());
        node.put("code", org.code());
        node.put("name", org.name());
        node.put("parentId", org.parentId());
        node.put("path", org.path().value());
        if (org.kind() == OrgKind.SCHOOL) {
            node.put("stage", org.stage());
            node.put("ownership", org.ownership());
            node.put("locale", org.locale());
        }
        return stamps(node, org.version(), org.createdAt(), org.updatedAt());
    }

    static Org org(String body) {
        JsonBody json = JsonBody.parse(body, ORG);
        String kind = json.text("kind");
        return new Org(json.text("sourcedId"), kind == null ? null : OrgKind.of(kind), json.text("code"), json.text("name"),
                json.text("parentId"), null, json.text("stage"), json.text("ownership"), json.text("locale"), 0, null, null);
    }

    static ObjectNode json(Person person) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("sourcedId", person.sourcedId());
        node.put("role", person.role().label());
        node.put("orgId", person.orgId());
        node.put("orgPath", person.orgPath());
        node.put("name", person.familyName() + person.givenName());
        node.put("familyName", person.familyName());
        node.put("givenName", person.givenName());
        node.put("gender", person.gender());
        node.put("birthDate", text(person.birthDate()));
        node.put("idNumber", person.idNumber() != null ? person.idNumber().value() : person.idNumberMasked());
        node.put("staffNumber", person.staffNumber());
        node.put("phone", person.phone());
        node.put("email", person.email());
        if (person.role() == PersonRole.STUDENT) {
            StudentStatus status = person.status();
            if (status == null) {
                node.putNull("status");
            } else {
                ObjectNode s = node.putObject("status");
                s.put("registryNumber", status.registryNumber());
                s.put("enrollmentDate", text(status.enrollmentDate()));
                s.put("householdRegistration", status.householdRegistration());
                s.put("address", status.address());
                s.put("migrantChild", status.migrantChild());
                s.put("leftBehindChild", status.leftBehindChild());
                s.put("orphan", status.orphan());
                s.put("disabled", status.disabled());
                s.put("specialCare", status.specialCare());
                s.put("financialAid", status.financialAid());
            }
            ArrayNode guardians = node.putArray("guardians");
            for (GuardianRelation relation : person.guardians()) {
                ObjectNode g = guardians.addObject();
                g.put("sourcedId", relation.sourcedId());
                g.put("guardianId", relation.guardianId());
                g.put("name", relation.guardianName());
                g.put("relationCode", relation.relationCode());
                g.put("primaryContact", relation.primaryContact());
            }
        }
        return stamps(node, person.version(), person.createdAt(), person.updatedAt());
    }

    static Person person(String body) {
        JsonBody json = JsonBody.parse(body, PERSON);
        String role = json.text("role");
        String idText = json.text("idNumber");
        NationalId id = null;
        // A masked number sent back as it was read means "unchanged".
        if (idText != null && !idText.contains("*")) {
            String problem = NationalId.problem(idText.strip().toUpperCase(java.util.Locale.ROOT));
            if (problem != null) {
                throw new BasedataProblem(Kind.INVALID, "idNumber", problem);
            }
            id = NationalId.parse(idText);
        }
        JsonBody s = json.object("status", STATUS);
        StudentStatus status = s == null ? null : new StudentStatus(s.text("registryNumber"), s.date("enrollmentDate"),
                s.text("householdRegistration"), s.text("address"), s.bool("migrantChild"), s.bool("leftBehindChild"),
                s.bool("orphan"), s.bool("disabled"), s.bool("specialCare"), s.bool("financialAid"));
        return new Person(json.text("sourcedId"), role == null ? null : PersonRole.of(role), json.text("orgId"), null,
                json.text("familyName"), json.text("givenName"), json.text("gender"), json.date("birthDate"), id, null,
                json.text("staffNumber"), json.text("phone"), json.text("email"), status, null, 0, null, null);
    }

    static ObjectNode json(GuardianRelation relation) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("sourcedId", relation.sourcedId());
        node.put("guardianId", relation.guardianId());
        node.put("studentId", relation.studentId());
        node.put("relationCode", relation.relationCode());
        node.put("primaryContact", relation.primaryContact());
        node.put("guardianName", relation.guardianName());
        node.put("orgPath", relation.orgPath());
        return stamps(node, relation.version(), relation.createdAt(), relation.updatedAt());
    }

    static GuardianRelation relation(String body) {
        JsonBody json = JsonBody.parse(body, RELATION);
        return new GuardianRelation(json.text("sourcedId"), json.text("guardianId"), json.text("studentId"),
                json.text("relationCode"), json.bool("primaryContact"), null, null, 0, null, null);
    }

    static ObjectNode json(SchoolClass schoolClass) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("sourcedId", schoolClass.sourcedId());
        node.put("schoolId", schoolClass.schoolId());
        node.put("orgPath", schoolClass.orgPath());
        node.put("title", schoolClass.title());
        node.put("classCode", schoolClass.classCode());
        node.put("classType", schoolClass.classType());
        node.put("gradeCode", schoolClass.gradeCode());
        node.put("entryYear", schoolClass.entryYear());
        node.put("sessionId", schoolClass.sessionId());
        node.put("courseId", schoolClass.courseId());
        return stamps(node, schoolClass.version(), schoolClass.createdAt(), schoolClass.updatedAt());
    }

    static SchoolClass schoolClass(String body) {
        JsonBody json = JsonBody.parse(body, CLASS);
        return new SchoolClass(json.text("sourcedId"), json.text("schoolId"), null, json.text("title"), json.text("classCode"),
                json.text("classType"), json.text("gradeCode"), json.integer("entryYear"), json.text("sessionId"),
                json.text("courseId"), 0, null, null);
    }

    static ObjectNode json(AcademicSession session) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("sourcedId", session.sourcedId());
        node.put("orgId", session.orgId());
        node.put("orgPath", session.orgPath());
        node.put("title", session.title());
        node.put("sessionType", session.sessionType());
        node.put("schoolYear", session.schoolYear());
        node.put("startDate", text(session.startDate()));
        node.put("endDate", text(session.endDate()));
        node.put("parentId", session.parentId());
        return stamps(node, session.version(), session.createdAt(), session.updatedAt());
    }

    static AcademicSession session(String body) {
        JsonBody json = JsonBody.parse(body, SESSION);
        return new AcademicSession(json.text("sourcedId"), json.text("orgId"), null, json.text("title"), json.text("sessionType"),
                json.integer("schoolYear"), json.date("startDate"), json.date("endDate"), json.text("parentId"), 0, null, null);
    }

    static ObjectNode json(Course course) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("sourcedId", course.sourcedId());
        node.put("orgId", course.orgId());
        node.put("orgPath", course.orgPath());
        node.put("title", course.title());
        node.put("courseCode", course.courseCode());
        node.put("subjectCode", course.subjectCode());
        node.put("gradeCode", course.gradeCode());
        node.put("sessionId", course.sessionId());
        return stamps(node, course.version(), course.createdAt(), course.updatedAt());
    }

    static Course course(String body) {
        JsonBody json = JsonBody.parse(body, COURSE);
        return new Course(json.text("sourcedId"), json.text("orgId"), null, json.text("title"), json.text("courseCode"),
                json.text("subjectCode"), json.text("gradeCode"), json.text("sessionId"), 0, null, null);
    }

    static ObjectNode json(Enrollment enrollment) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("sourcedId", enrollment.sourcedId());
        node.put("classId", enrollment.classId());
        node.put("personId", enrollment.personId());
        node.put("role", enrollment.role());
        node.put("primaryTeacher", enrollment.primaryTeacher());
        node.put("beginDate", text(enrollment.beginDate()));
        node.put("endDate", text(enrollment.endDate()));
        node.put("orgPath", enrollment.orgPath());
        return stamps(node, enrollment.version(), enrollment.createdAt(), enrollment.updatedAt());
    }

    static Enrollment enrollment(String body) {
        JsonBody json = JsonBody.parse(body, ENROLLMENT);
        return new Enrollment(json.text("sourcedId"), json.text("classId"), json.text("personId"), json.text("role"),
                json.bool("primaryTeacher"), json.date("beginDate"), json.date("endDate"), null, 0, null, null);
    }

    static ObjectNode json(Change change) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("cursor", String.valueOf(change.cursor()));
        node.put("entity", change.entity());
        node.put("sourcedId", change.sourcedId());
        node.put("operation", change.operation());
        node.put("version", change.version());
        node.put("orgPath", change.orgPath());
        node.put("at", change.at().toString());
        return node;
    }

    private static ObjectNode stamps(ObjectNode node, int version, Instant createdAt, Instant updatedAt) {
        node.put("version", version);
        node.put("createdAt", createdAt == null ? null : createdAt.toString());
        node.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        return node;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
