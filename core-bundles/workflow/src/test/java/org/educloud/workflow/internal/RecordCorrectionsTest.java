package org.educloud.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Page;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.RecordCorrectionWorkflow.Correction;
import org.educloud.workflow.RecordCorrectionWorkflow.Field;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowProblem;
import org.junit.jupiter.api.Test;

/** A record correction against a registry that checks permissions the way the basic data does. */
class RecordCorrectionsTest {

    private static final OrgPath SCHOOL = OrgPath.of("/37/3701/370102/3701020001");
    private final PeopleAtOneSchool people = new PeopleAtOneSchool();
    private final RecordCorrections corrections = new RecordCorrections(people);
    private final Actor student = JdbcWorkflowsTest.actor("wang.student", "student@" + SCHOOL.value());
    private final Actor admin = JdbcWorkflowsTest.actor("zhao.admin", "school-admin@" + SCHOOL.value());

    @Test
    void aRequestIsCheckedAgainstTheRecordReadOnlyAndTheApprovalWritesTheCorrectedValues() {
        Map<String, String> details = RecordCorrectionWorkflow.details(List.of(
                new Correction(Field.ADDRESS, "旧址", "济南市历下区文化东路1号"),
                new Correction(Field.LEFT_BEHIND_CHILD, "false", "true"),
                new Correction(Field.BIRTH_DATE, "2010-05-01", "2010-05-02")));
        corrections.check(request("stu-1", details), student);
        assertEquals(List.of("basedata:students:read"), people.lastPermissions);
        assertTrue(people.updated.isEmpty());

        corrections.apply(approved("stu-1", details), admin);
        Person written = people.updated.get("stu-1");
        assertEquals("济南市历下区文化东路1号", written.status().address());
        assertTrue(written.status().leftBehindChild());
        assertFalse(written.status().orphan(), "other flags stay");
        assertEquals("G37010220100501001X", written.status().registryNumber(), "the registry number stays");
        assertEquals(LocalDate.of(2010, 5, 2), written.birthDate());
        assertEquals("王", written.familyName());
        assertNull(written.idNumber(), "left out: the stored ID number stays");
        assertEquals(7, people.updatedVersion, "written on the version read");
        assertEquals("zhao.admin", people.updatedBy);
    }

    @Test
    void aTeachersRecordHasNoStudentStatusAndAnUnknownPersonIsRefused() {
        WorkflowProblem status = assertThrows(WorkflowProblem.class, () -> corrections.check(request("tea-1",
                RecordCorrectionWorkflow.details(List.of(new Correction(Field.ADDRESS, "", "某地")))), student));
        assertEquals("address", status.field());
        corrections.check(request("tea-1", RecordCorrectionWorkflow.details(List.of(new Correction(Field.PHONE, "", "13800000000")))),
                student);
        assertEquals(List.of("basedata:teachers:read"), people.lastPermissions);

        WorkflowProblem unknown = assertThrows(WorkflowProblem.class, () -> corrections.check(request("nobody",
                RecordCorrectionWorkflow.details(List.of(new Correction(Field.PHONE, "", "13800000000")))), student));
        assertEquals("subject", unknown.field());
    }

    @Test
    void whatTheBasicDataRefusesRefusesTheApproval() {
        people.refuseUpdate = new BasedataProblem(BasedataProblem.Kind.INVALID, "email", "email 'x' is not an email address");
        Map<String, String> details = RecordCorrectionWorkflow.details(List.of(new Correction(Field.EMAIL, "", "x")));
        WorkflowProblem refused = assertThrows(WorkflowProblem.class, () -> corrections.apply(approved("stu-1", details), admin));
        assertEquals("email", refused.field());
        assertEquals(WorkflowProblem.Kind.INVALID, refused.kind());
        assertTrue(refused.getMessage().contains("not an email address"), refused.getMessage());
    }

    private static NewCase request(String personId, Map<String, String> details) {
        return new NewCase(RecordCorrectionWorkflow.ID, personId, "王同学", SCHOOL, Optional.empty(), "信息有误", details);
    }

    private static WorkflowCase approved(String personId, Map<String, String> details) {
        return new WorkflowCase(1, RecordCorrectionWorkflow.ID, personId, "王同学", SCHOOL, Optional.empty(), "wang.student", "信息有误",
                CaseStatus.IN_REVIEW, Optional.empty(), 1, Instant.now(), Instant.now(), details);
    }

    /** A student and a teacher of one school; reads and writes need the permission at the person's org, as in the basic data. */
    private static final class PeopleAtOneSchool implements PersonRegistry {

        private final Map<String, Person> people = new HashMap<>();
        final Map<String, Person> updated = new HashMap<>();
        List<String> lastPermissions = List.of();
        int updatedVersion;
        String updatedBy;
        BasedataProblem refuseUpdate;

        PeopleAtOneSchool() {
            people.put("stu-1", new Person("stu-1", PersonRole.STUDENT, "school-1", SCHOOL.value(), "王", "小明", "male",
                    LocalDate.of(2010, 5, 1), null, "3701**********1234", null, null, null, new StudentStatus("G37010220100501001X",
                    LocalDate.of(2016, 9, 1), "济南市", "旧址", false, false, false, false, false, false), List.of(), 7, null, null));
            people.put("tea-1", new Person("tea-1", PersonRole.TEACHER, "school-1", SCHOOL.value(), "李", "老师", "female",
                    LocalDate.of(1985, 1, 1), null, null, "T001", null, null, null, List.of(), 2, null, null));
        }

        @Override
        public Optional<Person> find(Caller caller, String sourcedId, boolean wholeIdNumber) {
            lastPermissions = java.util.stream.Stream.of("students", "teachers", "guardians", "staff")
                    .flatMap(noun -> java.util.stream.Stream.of("basedata:" + noun + ":read", "basedata:" + noun + ":write"))
                    .filter(permission -> caller.isPermitted(permission, SCHOOL)).toList();
            return Optional.ofNullable(people.get(sourcedId))
                    .filter(p -> caller.isPermitted("basedata:" + p.role().noun() + ":read", OrgPath.of(p.orgPath())));
        }

        @Override
        public Person update(Caller caller, String sourcedId, Integer expectedVersion, Person person) {
            Person current = people.get(sourcedId);
            if (!caller.isPermitted("basedata:" + current.role().noun() + ":write", OrgPath.of(current.orgPath()))) {
                throw new BasedataProblem(BasedataProblem.Kind.FORBIDDEN, null, "not permitted");
            }
            if (refuseUpdate != null) {
                throw refuseUpdate;
            }
            updated.put(sourcedId, person);
            updatedVersion = expectedVersion;
            updatedBy = caller.username().orElseThrow();
            return person;
        }

        @Override
        public Person create(Caller caller, Person person) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Caller caller, String sourcedId, Integer expectedVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Person> list(Caller caller, ListQuery query, PersonRole role, NationalId idNumber, boolean wholeIdNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public GuardianRelation relate(Caller caller, GuardianRelation relation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<GuardianRelation> relation(Caller caller, String sourcedId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unrelate(Caller caller, String sourcedId, Integer expectedVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<GuardianRelation> relations(Caller caller, ListQuery query, String studentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<GuardianRelation> relationsOfGuardian(Caller caller, ListQuery query, String guardianId) {
            throw new UnsupportedOperationException();
        }
    }
}
