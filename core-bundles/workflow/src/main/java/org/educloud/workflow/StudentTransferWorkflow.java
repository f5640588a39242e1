package org.educloud.workflow;

import java.time.Duration;
import java.util.List;

/**
 * 省内转学: a student moves to another school in the province. As in the national student-status
 * system, the application is made at the transfer-in school; it confirms, then the transfer-out
 * school, the transfer-out district's bureau and the transfer-in district's bureau approve (one
 * bureau approval when both schools are in one district).
 */
public final class StudentTransferWorkflow {

    /** The definition's id. */
    public static final String ID = "student-transfer";

    private StudentTransferWorkflow() {
    }

    /** The built-in definition. */
    public static WorkflowDefinition definition() {
        return new WorkflowDefinition(ID, "省内转学", "Transfer within the province", RelativeOrg.DESTINATION_SCHOOL, transferSteps());
    }

    /** The four steps every transfer has: both schools, then both district bureaus. */
    static List<StepDefinition> transferSteps() {
        return List.of(
                new StepDefinition("transfer-in-school", "转入学校审核", "Transfer-in school review",
                        new Assignee("school-admin", RelativeOrg.DESTINATION_SCHOOL), Duration.ofDays(3), Escalation.upOneOrg()),
                new StepDefinition("transfer-out-school", "转出学校审核", "Transfer-out school review",
                        new Assignee("school-admin", RelativeOrg.SCHOOL), Duration.ofDays(3), Escalation.upOneOrg()),
                new StepDefinition("transfer-out-district", "转出地教育行政部门审核", "Transfer-out district bureau review",
                        new Assignee("district-officer", RelativeOrg.DISTRICT), Duration.ofDays(5), Escalation.upOneOrg()),
                new StepDefinition("transfer-in-district", "转入地教育行政部门审核", "Transfer-in district bureau review",
                        new Assignee("district-officer", RelativeOrg.DESTINATION_DISTRICT), Duration.ofDays(5), Escalation.upOneOrg()));
    }
}
