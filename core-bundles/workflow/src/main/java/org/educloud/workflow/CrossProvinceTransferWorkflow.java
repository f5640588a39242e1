package org.educloud.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 跨省转学: a student moves to or from a school in another province. The steps of a transfer within
 * the province, then the province's student-status office (省级学籍主管部门) of the student's
 * current school confirms, as the seed's "跨省转入 / 跨省转出" figures are counted there.
 */
public final class CrossProvinceTransferWorkflow {

    /** The definition's id. */
    public static final String ID = "cross-province-transfer";

    private CrossProvinceTransferWorkflow() {
    }

    /** The built-in definition. */
    public static WorkflowDefinition definition() {
        List<StepDefinition> steps = new ArrayList<>(StudentTransferWorkflow.transferSteps());
        steps.add(new StepDefinition("transfer-out-province", "转出省级学籍主管部门审核", "Transfer-out province office review",
                new Assignee("province-officer", RelativeOrg.PROVINCE), Duration.ofDays(10), Escalation.none()));
        return new WorkflowDefinition(ID, "跨省转学", "Transfer across provinces", RelativeOrg.DESTINATION_SCHOOL, steps);
    }
}
