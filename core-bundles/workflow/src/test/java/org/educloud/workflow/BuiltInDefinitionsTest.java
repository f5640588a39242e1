package org.educloud.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.educloud.identity.OrgPath;
import org.junit.jupiter.api.Test;

/** The built-in workflows have the seed's steps, and org-relative assignment resolves from the case's schools. */
class BuiltInDefinitionsTest {

    private static final OrgPath SCHOOL = OrgPath.of("/37/3701/370102/3701020001");
    private static final OrgPath DESTINATION = OrgPath.of("/37/3709/370982/3709820007");

    @Test
    void aTransferGoesThroughBothSchoolsThenBothDistrictBureaus() {
        WorkflowDefinition transfer = StudentTransferWorkflow.definition();
        assertEquals(List.of("transfer-in-school", "transfer-out-school", "transfer-out-district", "transfer-in-district"),
                transfer.steps().stream().map(StepDefinition::id).toList());
        assertEquals(List.of("转入学校审核", "转出学校审核", "转出地教育行政部门审核", "转入地教育行政部门审核"),
                transfer.steps().stream().map(StepDefinition::nameZh).toList());
        assertEquals(List.of("school-admin", "school-admin", "district-officer", "district-officer"),
                transfer.steps().stream().map(step -> step.assignee().role()).toList());
        assertTrue(transfer.needsDestination());
        assertEquals(RelativeOrg.DESTINATION_SCHOOL, transfer.applicantOrg());
    }

    @Test
    void aCrossProvinceTransferAddsTheProvinceOfficeWhichDoesNotEscalate() {
        WorkflowDefinition transfer = CrossProvinceTransferWorkflow.definition();
        StepDefinition last = transfer.steps().get(transfer.steps().size() - 1);
        assertEquals(5, transfer.steps().size());
        assertEquals(new Assignee("province-officer", RelativeOrg.PROVINCE), last.assignee());
        assertEquals(Escalation.Kind.NONE, last.escalation().kind());
    }

    @Test
    void suspensionAndResumptionAreTheSchoolThenTheDistrictAndNeedNoDestination() {
        for (WorkflowDefinition definition : List.of(SuspensionWorkflow.definition(), ResumptionWorkflow.definition())) {
            assertEquals(List.of(new Assignee("school-admin", RelativeOrg.SCHOOL), new Assignee("district-officer", RelativeOrg.DISTRICT)),
                    definition.steps().stream().map(StepDefinition::assignee).toList(), definition.id());
            assertFalse(definition.needsDestination(), definition.id());
        }
    }

    @Test
    void relativeOrgsResolveFromTheSchoolPaths() {
        Optional<OrgPath> destination = Optional.of(DESTINATION);
        assertEquals(SCHOOL, RelativeOrg.SCHOOL.resolve(SCHOOL, destination));
        assertEquals(OrgPath.of("/37/3701/370102"), RelativeOrg.DISTRICT.resolve(SCHOOL, destination));
        assertEquals(OrgPath.of("/37/3701"), RelativeOrg.CITY.resolve(SCHOOL, destination));
        assertEquals(OrgPath.of("/37"), RelativeOrg.PROVINCE.resolve(SCHOOL, destination));
        assertEquals(DESTINATION, RelativeOrg.DESTINATION_SCHOOL.resolve(SCHOOL, destination));
        assertEquals(OrgPath.of("/37/3709/370982"), RelativeOrg.DESTINATION_DISTRICT.resolve(SCHOOL, destination));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> RelativeOrg.DESTINATION_DISTRICT.resolve(SCHOOL, Optional.empty()));
        assertTrue(none.getMessage().contains("destination"), none.getMessage());
        IllegalArgumentException shallow = assertThrows(IllegalArgumentException.class,
                () -> RelativeOrg.DISTRICT.resolve(OrgPath.of("/37/3701"), Optional.empty()));
        assertTrue(shallow.getMessage().contains("province/city/district/school"), shallow.getMessage());
    }

    @Test
    void aDefinitionRefusesDuplicateStepsAndBadIds() {
        StepDefinition step = SuspensionWorkflow.definition().step(0);
        assertThrows(IllegalArgumentException.class, () -> new WorkflowDefinition("twice", "两次", "Twice", RelativeOrg.SCHOOL,
                List.of(step, step)));
        assertThrows(IllegalArgumentException.class, () -> new WorkflowDefinition("Bad Id", "坏", "Bad", RelativeOrg.SCHOOL,
                List.of(step)));
        assertThrows(IllegalArgumentException.class, () -> new WorkflowDefinition("empty", "空", "Empty", RelativeOrg.SCHOOL, List.of()));
    }

    @Test
    void aRecordCorrectionIsTheSchoolsAdministratorsAndItsDetailsSayWhatToCorrect() {
        WorkflowDefinition correction = RecordCorrectionWorkflow.definition();
        assertEquals(1, correction.steps().size());
        assertEquals(new Assignee("school-admin", RelativeOrg.SCHOOL), correction.step(0).assignee());
        assertFalse(correction.needsDestination());

        java.util.Map<String, String> details = RecordCorrectionWorkflow.details(List.of(
                new RecordCorrectionWorkflow.Correction(RecordCorrectionWorkflow.Field.ADDRESS, "旧址", " 济南市历下区文化东路1号 "),
                new RecordCorrectionWorkflow.Correction(RecordCorrectionWorkflow.Field.GENDER, "male", "女"),
                new RecordCorrectionWorkflow.Correction(RecordCorrectionWorkflow.Field.ORPHAN, "false", "是")));
        assertEquals(List.of("address", "address.was", "gender", "gender.was", "orphan", "orphan.was"), List.copyOf(details.keySet()));
        assertEquals("济南市历下区文化东路1号", details.get("address"));
        assertEquals("female", details.get("gender"));
        assertEquals("true", details.get("orphan"));
        List<RecordCorrectionWorkflow.Correction> back = RecordCorrectionWorkflow.corrections(details);
        assertEquals(3, back.size());
        assertEquals("旧址", back.get(0).current());

        assertEquals("birthDate", assertThrows(WorkflowProblem.class, () -> RecordCorrectionWorkflow.Field.BIRTH_DATE.normalize("2004/04/29"))
                .field());
        assertEquals("details", assertThrows(WorkflowProblem.class, () -> RecordCorrectionWorkflow.Field.of("idNumber")).field());
        assertThrows(WorkflowProblem.class, () -> RecordCorrectionWorkflow.details(List.of()));
        assertThrows(WorkflowProblem.class, () -> RecordCorrectionWorkflow.corrections(java.util.Map.of()));
        assertThrows(WorkflowProblem.class, () -> RecordCorrectionWorkflow.details(List.of(
                new RecordCorrectionWorkflow.Correction(RecordCorrectionWorkflow.Field.PHONE, "", "13800000000"),
                new RecordCorrectionWorkflow.Correction(RecordCorrectionWorkflow.Field.PHONE, "", "13900000000"))), "a field twice");
        assertThrows(WorkflowProblem.class, () -> RecordCorrectionWorkflow.Field.ADDRESS.normalize("x".repeat(201)), "too long");
        assertThrows(WorkflowProblem.class, () -> RecordCorrectionWorkflow.Field.FAMILY_NAME.normalize("  "), "empty");
    }
}
